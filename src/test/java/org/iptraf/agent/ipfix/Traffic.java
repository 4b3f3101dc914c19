package org.iptraf.agent.ipfix;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.testutil.Frames;
import org.iptraf.agent.testutil.PcapWriter;

/**
 * Frames of a few conversations, built here, with what each conversation must count: packets and IP
 * bytes per direction of each TCP connection, packets and bytes of each other flow, worked out from
 * the headers as they are written (20-byte IPv4 and TCP headers, 40-byte IPv6, 8-byte UDP), never
 * from the agent's output.
 */
final class Traffic {
  static final long T0 = 1_700_000_000_000_000_000L;
  static final long SECOND = 1_000_000_000L;

  private static final int IPV4 = 0x0800;
  private static final int IPV6 = 0x86DD;
  private static final int ARP = 0x0806;

  record Frame(long nanos, byte[] bytes) {}

  /** What one flow must count; a is the opener (or first sender), b the other end. */
  static final class Totals {
    final String a;
    final int aPort;
    final String b;
    final int bPort;
    final int protocol;
    long aPackets;
    long aBytes;
    long bPackets;
    long bBytes;

    /** TCP flags seen from a, as nfdump prints them (".A..S." style, its letters UAPRSF). */
    int aFlags;

    Totals(String a, int aPort, String b, int bPort, int protocol) {
      this.a = a;
      this.aPort = aPort;
      this.b = b;
      this.bPort = bPort;
      this.protocol = protocol;
    }

    long packets() {
      return aPackets + bPackets;
    }

    long bytes() {
      return aBytes + bBytes;
    }
  }

  final List<Frame> frames = new ArrayList<>();

  /** By {@code a port b port protocol}. */
  final Map<String, Totals> flows = new LinkedHashMap<>();

  static String key(String a, int aPort, String b, int bPort, int protocol) {
    return a + " " + aPort + " " + b + " " + bPort + " " + protocol;
  }

  private Totals totals(String a, int aPort, String b, int bPort, int protocol) {
    return flows.computeIfAbsent(
        key(a, aPort, b, bPort, protocol), k -> new Totals(a, aPort, b, bPort, protocol));
  }

  /** One TCP segment of the connection opened by {@code a}; {@code fromA} says which way. */
  Traffic tcp(
      long nanos,
      String a,
      int aPort,
      String b,
      int bPort,
      boolean fromA,
      int flags,
      int payload,
      int vlan) {
    String src = fromA ? a : b;
    String dst = fromA ? b : a;
    byte[] segment = Frames.tcp(fromA ? aPort : bPort, fromA ? bPort : aPort, flags, 1024, payload);
    boolean v6 = a.contains(":");
    byte[] ip = v6 ? Frames.ipv6(src, dst, 6, segment) : Frames.ipv4(src, dst, 6, segment);
    frame(nanos, v6 ? IPV6 : IPV4, ip, fromA, vlan);
    Totals t = totals(a, aPort, b, bPort, 6);
    int ipLength = (v6 ? 40 : 20) + 20 + payload;
    if (fromA) {
      t.aFlags |= flags;
      t.aPackets++;
      t.aBytes += ipLength;
    } else {
      t.bPackets++;
      t.bBytes += ipLength;
    }
    return this;
  }

  /** One UDP datagram; the table counts both ways of a five-tuple in one flow. */
  Traffic udp(long nanos, String a, int aPort, String b, int bPort, boolean fromA, int payload) {
    String src = fromA ? a : b;
    String dst = fromA ? b : a;
    byte[] datagram = Frames.udp(fromA ? aPort : bPort, fromA ? bPort : aPort, payload);
    frame(nanos, IPV4, Frames.ipv4(src, dst, 17, datagram), fromA, -1);
    Totals t = totals(a, aPort, b, bPort, 17);
    t.aPackets++;
    t.aBytes += 20 + 8 + payload;
    return this;
  }

  /** An ICMP echo request from a to b (8-byte header plus payload); keyed by type and code. */
  Traffic ping(long nanos, String a, String b, int payload) {
    frame(nanos, IPV4, Frames.ipv4(a, b, 1, Frames.icmp(8, 0, payload)), true, -1);
    Totals t = totals(a, 8, b, 0, 1);
    t.aPackets++;
    t.aBytes += 20 + 8 + payload;
    return this;
  }

  /** An ARP request from MAC_A for {@code targetIp}, broadcast: a non-IP flow of frame lengths. */
  Traffic arp(long nanos, String senderIp, String targetIp) {
    byte[] f =
        Frames.ethernet(
            Frames.BROADCAST,
            Frames.MAC_A,
            ARP,
            Frames.arp(1, Frames.MAC_A, Frames.ip(senderIp), Frames.ip(targetIp)));
    frames.add(new Frame(nanos, f));
    Totals t = totals("02:00:00:00:00:0a", 0, "ff:ff:ff:ff:ff:ff", 0, ARP);
    t.aPackets++;
    t.aBytes += f.length;
    return this;
  }

  private void frame(long nanos, int etherType, byte[] ip, boolean fromA, int vlan) {
    byte[] src = fromA ? Frames.MAC_A : Frames.MAC_B;
    byte[] dst = fromA ? Frames.MAC_B : Frames.MAC_A;
    byte[] f =
        vlan < 0
            ? Frames.ethernet(dst, src, etherType, ip)
            : Frames.tagged(dst, src, new int[] {0x8100}, new int[] {vlan}, etherType, ip);
    frames.add(new Frame(nanos, f));
  }

  Path writeTo(Path file) throws java.io.IOException {
    PcapWriter w = PcapWriter.ethernet();
    for (Frame f : frames) {
      w.frame(f.nanos(), f.bytes());
    }
    return w.writeTo(file);
  }

  /** Hands the frames with {@code from <= time < to} to {@code sink} (interface 0, Ethernet). */
  void feed(FrameSink sink, long from, long to) {
    for (Frame f : frames) {
      if (f.nanos() >= from && f.nanos() < to) {
        ByteBuffer b = ByteBuffer.wrap(f.bytes());
        sink.frame(
            b,
            0,
            f.bytes().length,
            f.bytes().length,
            f.nanos(),
            0,
            FrameSink.DIRECTION_IN,
            FrameSink.NO_VLAN);
      }
    }
  }

  /**
   * The fixture of the collector tests: an IPv4 connection opened and closed (SYN to the last ACK),
   * an IPv6 connection on VLAN 42 that runs for 200 s (past the active timeout), a connection whose
   * SYN was not seen and that a RST ends, a UDP exchange, pings, and ARP.
   */
  static Traffic conversations() {
    Traffic t = new Traffic();
    String a = "10.0.0.1";
    String b = "10.0.0.2";
    int syn = 0x02;
    int ack = 0x10;
    int psh = 0x08;
    int fin = 0x01;
    int rst = 0x04;
    long ms = 1_000_000L;
    t.tcp(T0, a, 40001, b, 80, true, syn, 0, -1);
    t.tcp(T0 + 1 * ms, a, 40001, b, 80, false, syn | ack, 0, -1);
    t.tcp(T0 + 2 * ms, a, 40001, b, 80, true, ack, 0, -1);
    for (int i = 0; i < 3; i++) {
      t.tcp(T0 + (10 + i) * ms, a, 40001, b, 80, true, psh | ack, 100 + i, -1);
    }
    for (int i = 0; i < 2; i++) {
      t.tcp(T0 + (20 + i) * ms, a, 40001, b, 80, false, psh | ack, 1000 + 7 * i, -1);
    }
    t.tcp(T0 + 30 * ms, a, 40001, b, 80, true, fin | ack, 0, -1);
    t.tcp(T0 + 31 * ms, a, 40001, b, 80, false, fin | ack, 0, -1);
    t.tcp(T0 + 32 * ms, a, 40001, b, 80, true, ack, 0, -1);

    String a6 = "2001:db8::1";
    String b6 = "2001:db8::2";
    t.tcp(T0 + 5 * ms, a6, 50000, b6, 443, true, syn, 0, 42);
    t.tcp(T0 + 6 * ms, a6, 50000, b6, 443, false, syn | ack, 0, 42);
    for (int s = 0; s <= 200; s += 10) {
      t.tcp(T0 + s * SECOND + 7 * ms, a6, 50000, b6, 443, true, psh | ack, 50 + s, 42);
      t.tcp(T0 + s * SECOND + 8 * ms, a6, 50000, b6, 443, false, ack, 0, 42);
    }

    t.tcp(T0 + 40 * ms, "10.0.0.3", 2222, b, 22, true, psh | ack, 48, -1);
    t.tcp(T0 + 41 * ms, "10.0.0.3", 2222, b, 22, false, ack, 0, -1);
    t.tcp(T0 + 42 * ms, "10.0.0.3", 2222, b, 22, true, rst, 0, -1);

    t.udp(T0 + 50 * ms, a, 5353, "10.0.0.53", 53, true, 30);
    t.udp(T0 + 51 * ms, a, 5353, "10.0.0.53", 53, false, 90);
    t.udp(T0 + 52 * ms, a, 5353, "10.0.0.53", 53, true, 31);

    t.ping(T0 + 60 * ms, a, b, 56);
    t.ping(T0 + SECOND + 60 * ms, a, b, 56);
    t.arp(T0 + 70 * ms, a, b);
    // in time order, as a capture is
    t.frames.sort(java.util.Comparator.comparingLong(Frame::nanos));
    return t;
  }
}
