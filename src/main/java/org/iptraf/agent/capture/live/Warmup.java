package org.iptraf.agent.capture.live;

import java.nio.ByteBuffer;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.capture.LinkType;

/**
 * Runs synthetic frames through a {@link RingReader} into a throwaway sink before the capture
 * starts, so the JIT has compiled the ring reader, the decoder and the tables by the time the first
 * real block arrives. Without it the first ~0.5 s of a capture run interpreted code at several µs
 * per frame, and under overload (1+ Mpps) the 64 MiB ring filled before the compiled code took
 * over.
 *
 * <p>C2 compiles what the profile says runs and leaves a trap where it says nothing goes: a branch
 * that real traffic takes but the warm-up never did costs a deoptimisation and a second compilation
 * during the capture. So the frames take both sides of the branches that depend on the traffic:
 * IPv4 and IPv6; TCP (SYN, SYN/ACK, data, FIN, RST), UDP, ICMP, ICMPv6; ARP; a non-IP ethertype;
 * unicast, broadcast and multicast; tagged and untagged; in and out; good and (one in sixteen) bad
 * IPv4 checksums; over tens of thousands of flows (so the tables grow to the sizes of a busy link)
 * and thousands of stations, 10 µs apart, so that second boundaries, rates and expiry run too (give
 * the sink timeouts of seconds, so that records time out, close, go and are reused during the
 * warm-up). Addresses are from 198.18.0.0/15 and 2001:db8::/32.
 */
public final class Warmup {

  private static final int BLOCK_SIZE = 1 << 20;
  private static final long FRAME_GAP_NANOS = 10_000;

  /**
   * Flows cycled through; each gets every shape once, one after another. An IPv4 flow comes back
   * 3.4 s of capture time later: to a closed connection still retained if the sink's retention is
   * longer (a four-tuple reused). IPv6 flows come back after 13.4 s: their connections have timed
   * out and gone by then if the sink's timeouts are a few seconds.
   */
  private static final int FLOWS = 1 << 14;

  private static final int FLOWS_IPV6 = 1 << 16;
  private static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};
  private static final byte[] IPV6_MULTICAST = {0x33, 0x33, 0, 0, 0, 1};

  private final FrameSink sink;
  private final ByteBuffer ring = ByteBuffer.allocateDirect(2 * BLOCK_SIZE);
  private final RingReader reader = new RingReader(ring, BLOCK_SIZE, 2, 0);
  private final Shape[] shapes = shapes();
  private long nanos = System.currentTimeMillis() * 1_000_000L;
  private long n;
  private int block;

  /** A warm-up feeding {@code sink}: give it a sink of the same class as the real one. */
  public Warmup(FrameSink sink) {
    this.sink = sink;
    sink.interfaceAdded(0, new InterfaceInfo("warmup", LinkType.ETHERNET, false, 256, 0));
  }

  /** Hands {@code frames} synthetic frames to {@code sink} and returns how many arrived. */
  public static long run(FrameSink sink, int frames) {
    return new Warmup(sink).run(frames);
  }

  /** Hands {@code frames} more frames to the sink, carrying on where the last call stopped. */
  public long run(int frames) {
    long delivered = 0;
    long end = n + frames;
    while (n < end) {
      BlockWriter w = new BlockWriter(ring, BLOCK_SIZE, block);
      while (n < end && w.free(BLOCK_SIZE) > 512) {
        int i = (int) (n % shapes.length);
        byte[] f = shapes[i].frame;
        boolean v6 = f[12] == (byte) 0x86 && f[13] == (byte) 0xdd;
        int flow = (int) ((n / shapes.length) % (v6 ? FLOWS_IPV6 : FLOWS));
        vary(f, flow, n % 16 != 15, shapes[i].reply, shapes[i].alternating);
        boolean out = (n & 4) != 0;
        int vlan = n % 10 == 9 ? 100 + flow % 8 : -1;
        w.add(
            f,
            f.length + (n % 3 == 0 ? 1000 : 0),
            nanos,
            out ? IfPacket.PACKET_OUTGOING : IfPacket.PACKET_HOST,
            vlan);
        nanos += FRAME_GAP_NANOS;
        n++;
      }
      w.publish();
      delivered += Math.max(0, reader.readNextBlock(sink));
      block ^= 1;
      reader.readNextBlock(sink); // the next block is not ready: as a live ring is, often
    }
    sink.tick(nanos);
    return delivered;
  }

  /**
   * Puts the flow number into the client's MAC (unless a group address), the host part of its
   * address and its port (the source of a request, the destination of a reply), and sets the IPv4
   * header checksum right or wrong.
   */
  private static void vary(
      byte[] f, int flow, boolean goodChecksum, boolean reply, boolean alternating) {
    int mac = reply ? 4 : 10;
    f[mac] = (byte) (flow >> 8);
    f[mac + 1] = (byte) flow;
    int type = ((f[12] & 0xff) << 8) | (f[13] & 0xff);
    if (type == 0x0800) {
      int address = reply ? 14 + 18 : 14 + 14;
      f[address + 1] = (byte) flow; // the client's address, last two bytes
      f[address] = (byte) (flow >> 8);
      if (f[14 + 9] == 6 || f[14 + 9] == 17) {
        int port = reply ? 14 + 22 : 14 + 20;
        f[port] = (byte) (0x80 | (flow >> 8)); // the client's port
        f[port + 1] = (byte) flow;
      }
      f[14 + 10] = 0;
      f[14 + 11] = 0;
      int sum = 0;
      for (int i = 0; i < 20; i += 2) {
        sum += ((f[14 + i] & 0xff) << 8) | (f[14 + i + 1] & 0xff);
      }
      while ((sum >>> 16) != 0) {
        sum = (sum & 0xffff) + (sum >>> 16);
      }
      int checksum = ~sum & 0xffff ^ (goodChecksum ? 0 : 1);
      f[14 + 10] = (byte) (checksum >> 8);
      f[14 + 11] = (byte) checksum;
    } else if (type == 0x86dd) {
      int address = reply ? 14 + 38 : 14 + 22;
      f[address + 1] = (byte) flow;
      f[address] = (byte) (flow >> 8);
      if (f[14 + 6] == 6 && alternating) {
        f[14 + 40 + 13] = (byte) ((flow & 1) == 0 ? 0x14 : 0x18);
      }
      if (f[14 + 6] == 6 || f[14 + 6] == 17) {
        int port = reply ? 14 + 42 : 14 + 40;
        f[port] = (byte) (0x80 | (flow >> 8));
        f[port + 1] = (byte) flow;
      }
    }
  }

  /**
   * One flow's frames, in order: an IPv4 TCP connection opened (its SYN sent twice), carrying data
   * both ways and closed (FIN, FIN, ACK), an IPv6 one opened by a SYN that only the client's ACK
   * follows (a capture that sees one direction) and then reset by its server, UDP both ways, ICMP,
   * ARP, broadcast, multicast and a non-IP frame. Replies ({@link #REPLY}) go from the server to
   * the client, so both directions of a conversation, and both orders of its addresses, are seen.
   */
  private static Shape[] shapes() {
    return new Shape[] {
      ask(ipv4(6, 0x02)),
      ask(ipv4(6, 0x02)),
      reply(ipv4(6, 0x12)),
      ask(ipv4(6, 0x10)),
      ask(ipv4(6, 0x18)),
      ask(ipv4(17, 0)),
      reply(ipv4(6, 0x18)),
      reply(ipv4(17, 0)),
      ask(ipv4(1, 0)),
      ask(ipv6(6, 0x02)),
      ask(ipv6(17, 0)),
      ask(ipv4(6, 0x11)),
      ask(arp()),
      ask(ipv6(6, 0x10)),
      reply(ipv6(6, RESET_ON_EVEN_FLOWS)),
      ask(ipv6(58, 0)),
      ask(to(BROADCAST, ipv4(17, 0))),
      ask(to(IPV6_MULTICAST, ipv6(17, 0))),
      ask(ether(60, 0x88b5)),
      reply(ipv4(6, 0x11)),
      ask(ipv4(6, 0x10)),
    };
  }

  /**
   * TCP flags that {@link #vary} makes RST/ACK for even flows and PSH/ACK for odd ones: half the
   * IPv6 connections are reset, half stay established.
   */
  private static final int RESET_ON_EVEN_FLOWS = 0xff;

  /** A frame, and whether it goes from the server to the client. */
  private record Shape(byte[] frame, boolean reply, boolean alternating) {}

  private static Shape ask(byte[] f) {
    return new Shape(f, false, false);
  }

  /** The frame from the other end: MACs, addresses and ports swapped. */
  private static Shape reply(byte[] f) {
    byte[] r = f.clone();
    swap(r, 0, 6, 6);
    boolean v4 = r[12] == 0x08 && r[13] == 0x00;
    int ip = 14;
    int protocol = v4 ? r[ip + 9] : r[ip + 6];
    swap(r, v4 ? ip + 12 : ip + 8, v4 ? ip + 16 : ip + 24, v4 ? 4 : 16);
    if (protocol == 6 || protocol == 17) {
      int l4 = ip + (v4 ? 20 : 40);
      swap(r, l4, l4 + 2, 2);
    }
    return new Shape(r, true, (r[12] & 0xff) == 0x86 && r[14 + 40 + 13] == (byte) 0xff);
  }

  private static void swap(byte[] f, int a, int b, int n) {
    for (int i = 0; i < n; i++) {
      byte t = f[a + i];
      f[a + i] = f[b + i];
      f[b + i] = t;
    }
  }

  private static byte[] to(byte[] dst, byte[] frame) {
    System.arraycopy(dst, 0, frame, 0, 6);
    return frame;
  }

  private static byte[] ether(int length, int type) {
    byte[] f = new byte[length];
    byte[] dst = {0x02, 0x1b, 0, 0, 0x77, 0x02};
    byte[] src = {0x02, 0x1b, 0, 0, 0x77, 0x01};
    System.arraycopy(dst, 0, f, 0, 6);
    System.arraycopy(src, 0, f, 6, 6);
    f[12] = (byte) (type >> 8);
    f[13] = (byte) type;
    return f;
  }

  private static byte[] ipv4(int protocol, int tcpFlags) {
    int l4 = protocol == 6 ? 20 : 8;
    byte[] f = ether(14 + 20 + l4 + 32, 0x0800);
    int ip = 14;
    f[ip] = 0x45;
    int total = 20 + l4 + 32;
    f[ip + 2] = (byte) (total >> 8);
    f[ip + 3] = (byte) total;
    f[ip + 8] = 64;
    f[ip + 9] = (byte) protocol;
    byte[] s = {(byte) 198, 18, 0, 1};
    byte[] d = {(byte) 198, 19, 0, 2};
    System.arraycopy(s, 0, f, ip + 12, 4);
    System.arraycopy(d, 0, f, ip + 16, 4);
    transport(f, ip + 20, protocol, tcpFlags);
    return f;
  }

  private static byte[] ipv6(int protocol, int tcpFlags) {
    int l4 = protocol == 6 ? 20 : 8;
    byte[] f = ether(14 + 40 + l4 + 32, 0x86dd);
    int ip = 14;
    f[ip] = 0x60;
    int payload = l4 + 32;
    f[ip + 4] = (byte) (payload >> 8);
    f[ip + 5] = (byte) payload;
    f[ip + 6] = (byte) protocol;
    f[ip + 7] = 64;
    byte[] prefix = {0x20, 0x01, 0x0d, (byte) 0xb8};
    System.arraycopy(prefix, 0, f, ip + 8, 4);
    System.arraycopy(prefix, 0, f, ip + 24, 4);
    f[ip + 31] = 1; // the server in another /64: the high halves differ as well
    f[ip + 39] = 2;
    transport(f, ip + 40, protocol, tcpFlags);
    return f;
  }

  private static void transport(byte[] f, int at, int protocol, int tcpFlags) {
    if (protocol == 1 || protocol == 58) {
      f[at] = (byte) (protocol == 1 ? 8 : 128); // echo request
      return;
    }
    f[at + 2] = 0x01; // destination port 443 / 53
    f[at + 3] = (byte) (protocol == 6 ? 0xbb : 0x35);
    if (protocol == 6) {
      f[at + 12] = 0x50;
      f[at + 13] = (byte) tcpFlags;
      f[at + 14] = (byte) 0xff;
    } else {
      int len = f.length - at;
      f[at + 4] = (byte) (len >> 8);
      f[at + 5] = (byte) len;
    }
  }

  private static byte[] arp() {
    byte[] f = to(BROADCAST, ether(60, 0x0806));
    f[14 + 1] = 1;
    f[14 + 2] = 0x08;
    f[14 + 4] = 6;
    f[14 + 5] = 4;
    f[14 + 7] = 1;
    return f;
  }
}
