package org.iptraf.agent.prometheus;

import static org.iptraf.agent.testutil.Frames.*;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.iptraf.agent.testutil.PcapngWriter;
import org.iptraf.agent.testutil.PcapngWriter.Option;

/**
 * A pcapng of two Ethernet interfaces, {@code eth0} and {@code eth1}, with the direction of every
 * frame (epb_flags), and what it holds as counted here while the frames are built: frames per
 * interface and direction, the TCP connections (one per pair of endpoints) and their IP bytes per
 * direction. The expectations of the Prometheus tests come from these counts, never from the
 * agent's output.
 */
final class TwoInterfaceCapture {
  static final List<String> INTERFACES = List.of("eth0", "eth1");
  private static final byte[] LOCAL = MAC_A;
  private static final byte[] PEER = MAC_B;

  /** interface → {in, out} frames. */
  final Map<String, long[]> frames = new TreeMap<>();

  /** "a b" (a = the endpoint of the first packet) → {a to b, b to a} IP bytes. */
  final Map<String, long[]> tcpBytes = new HashMap<>();

  private final PcapngWriter pcapng = new PcapngWriter(ByteOrder.LITTLE_ENDIAN);
  private long micros = 1_700_000_000_000_000L;

  private TwoInterfaceCapture() {
    for (String name : INTERFACES) {
      pcapng.interfaceBlock(1, 65535, Option.ifName(name));
      frames.put(name, new long[2]);
    }
  }

  /** Four TCP connections (two per interface, one of them IPv6), UDP, ICMP, ARP, non-IP. */
  static TwoInterfaceCapture build() {
    TwoInterfaceCapture c = new TwoInterfaceCapture();
    // eth0: a web connection from start to close, a refused SSH attempt, DNS, an ARP request
    int[][] web = {
      {SYN, 0, 0},
      {SYN | ACK, 1, 0},
      {ACK, 0, 0},
      {PSH | ACK, 0, 300},
      {PSH | ACK, 1, 1400},
      {PSH | ACK, 1, 1400},
      {ACK, 0, 0},
      {FIN | ACK, 0, 0},
      {FIN | ACK, 1, 0},
      {ACK, 0, 0}
    };
    for (int[] s : web) {
      if (s[1] == 0) {
        c.tcp4Frame(0, true, "10.0.0.1", 40000, "10.0.0.2", 80, s[0], s[2]);
      } else {
        c.tcp4Frame(0, false, "10.0.0.2", 80, "10.0.0.1", 40000, s[0], s[2]);
      }
    }
    c.tcp4Frame(0, true, "10.0.0.1", 40001, "10.0.0.3", 22, SYN, 0);
    c.tcp4Frame(0, false, "10.0.0.3", 22, "10.0.0.1", 40001, RST | ACK, 0);
    c.udpFrame(0, true, "10.0.0.1", 5353, "10.0.0.53", 53, 40);
    c.udpFrame(0, true, "10.0.0.1", 5353, "10.0.0.53", 53, 41);
    c.udpFrame(0, false, "10.0.0.53", 53, "10.0.0.1", 5353, 120);
    c.frame(
        0, false, ethernet(BROADCAST, PEER, 0x0806, arp(1, PEER, ip("10.0.0.2"), ip("10.0.0.1"))));
    // eth1: an IPv6 connection that gets its SYN answered, an IPv4 one with data, ICMP, non-IP
    c.tcp6Frame(1, true, "2001:db8::1", 50000, "2001:db8::2", 443, SYN, 0);
    c.tcp6Frame(1, false, "2001:db8::2", 443, "2001:db8::1", 50000, SYN | ACK, 0);
    c.tcp4Frame(1, true, "198.51.100.1", 41000, "198.51.100.2", 8080, SYN, 0);
    c.tcp4Frame(1, false, "198.51.100.2", 8080, "198.51.100.1", 41000, SYN | ACK, 0);
    c.tcp4Frame(1, true, "198.51.100.1", 41000, "198.51.100.2", 8080, PSH | ACK, 200);
    c.frame(
        1,
        false,
        ethernet(LOCAL, PEER, 0x0800, ipv4("198.51.100.2", "198.51.100.1", 1, icmp(0, 0, 56))));
    c.frame(1, true, ethernet(PEER, LOCAL, 0x88B5, zeros(46)));
    return c;
  }

  Path writeTo(Path file) {
    return pcapng.writeTo(file);
  }

  long frames(String iface, boolean out) {
    return frames.get(iface)[out ? 1 : 0];
  }

  int tcpConnections() {
    return tcpBytes.size();
  }

  private void tcp4Frame(
      int iface,
      boolean out,
      String src,
      int sport,
      String dst,
      int dport,
      int flags,
      int payload) {
    byte[] ip = ipv4(src, dst, 6, tcp(sport, dport, flags, 1000, payload));
    countTcp(src + ":" + sport, dst + ":" + dport, ip.length);
    frame(iface, out, ethernet(out ? PEER : LOCAL, out ? LOCAL : PEER, 0x0800, ip));
  }

  private void tcp6Frame(
      int iface,
      boolean out,
      String src,
      int sport,
      String dst,
      int dport,
      int flags,
      int payload) {
    byte[] ip = ipv6(src, dst, 6, tcp(sport, dport, flags, 1000, payload));
    countTcp("[" + src + "]:" + sport, "[" + dst + "]:" + dport, ip.length);
    frame(iface, out, ethernet(out ? PEER : LOCAL, out ? LOCAL : PEER, 0x86DD, ip));
  }

  private void countTcp(String src, String dst, int ipBytes) {
    long[] back = tcpBytes.get(dst + " " + src);
    if (back != null) {
      back[1] += ipBytes;
    } else {
      tcpBytes.computeIfAbsent(src + " " + dst, k -> new long[2])[0] += ipBytes;
    }
  }

  private void udpFrame(
      int iface, boolean out, String src, int sport, String dst, int dport, int payload) {
    frame(
        iface,
        out,
        ethernet(
            out ? PEER : LOCAL,
            out ? LOCAL : PEER,
            0x0800,
            ipv4(src, dst, 17, udp(sport, dport, payload))));
  }

  private void frame(int iface, boolean out, byte[] frame) {
    micros += 1000;
    pcapng.enhancedPacket(iface, micros, frame, out ? Option.outbound() : Option.inbound());
    frames.get(INTERFACES.get(iface))[out ? 1 : 0]++;
  }
}
