package org.iptraf.agent.capture.live;

import java.nio.ByteBuffer;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.decode.LinkType;

/**
 * Runs synthetic frames through a {@link RingReader} into a throwaway sink before the capture
 * starts, so the JIT has compiled the ring reader, the decoder and the tables by the time the
 * first real block arrives. Without it the first ~0.5 s of a capture run interpreted code at
 * several µs per frame, and under overload (1+ Mpps) the 64 MiB ring filled before the compiled
 * code took over.
 *
 * <p>C2 compiles what the profile says runs and leaves a trap where it says nothing goes: a
 * branch that real traffic takes but the warm-up never did costs a deoptimisation and a second
 * compilation during the capture. So the frames take both sides of the branches that depend on
 * the traffic: IPv4 and IPv6; TCP (SYN, SYN/ACK, data, FIN, RST), UDP, ICMP, ICMPv6; ARP; a
 * non-IP ethertype; unicast, broadcast and multicast; tagged and untagged; in and out; good and
 * (one in sixteen) bad IPv4 checksums; over a few thousand flows and stations, 10 µs apart, so
 * that second boundaries, rates and expiry run too. Addresses are from 198.18.0.0/15 and
 * 2001:db8::/32.
 */
public final class Warmup {

  private static final int BLOCK_SIZE = 1 << 20;
  private static final long FRAME_GAP_NANOS = 10_000;
  private static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};
  private static final byte[] IPV6_MULTICAST = {0x33, 0x33, 0, 0, 0, 1};

  private final FrameSink sink;
  private final ByteBuffer ring = ByteBuffer.allocateDirect(2 * BLOCK_SIZE);
  private final RingReader reader = new RingReader(ring, BLOCK_SIZE, 2, 0);
  private final byte[][] shapes = shapes();
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
        byte[] f = shapes[i];
        int flow = (int) ((n / shapes.length) % 4096);
        vary(f, flow, n % 16 != 15);
        boolean out = (n & 4) != 0;
        int vlan = n % 10 == 9 ? 100 + flow % 8 : -1;
        w.add(f, f.length + (n % 3 == 0 ? 1000 : 0), nanos, out ? IfPacket.PACKET_OUTGOING
            : IfPacket.PACKET_HOST, vlan);
        nanos += FRAME_GAP_NANOS;
        n++;
      }
      w.publish();
      delivered += Math.max(0, reader.readNextBlock(sink));
      block ^= 1;
    }
    sink.tick(nanos);
    return delivered;
  }

  /**
   * Puts the flow number into the source MAC (unless a group address), the host part of the
   * addresses and the ports, and sets the IPv4 header checksum right or wrong.
   */
  private static void vary(byte[] f, int flow, boolean goodChecksum) {
    f[10] = (byte) (flow >> 8);
    f[11] = (byte) flow;
    int type = ((f[12] & 0xff) << 8) | (f[13] & 0xff);
    if (type == 0x0800) {
      f[14 + 15] = (byte) flow; // source address, last byte
      f[14 + 14] = (byte) (flow >> 8);
      if (f[14 + 9] == 6 || f[14 + 9] == 17) {
        f[14 + 20] = (byte) (0x80 | (flow >> 8)); // source port
        f[14 + 21] = (byte) flow;
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
      f[14 + 23] = (byte) flow;
      f[14 + 22] = (byte) (flow >> 8);
      if (f[14 + 6] == 6 || f[14 + 6] == 17) {
        f[14 + 40] = (byte) (0x80 | (flow >> 8));
        f[14 + 41] = (byte) flow;
      }
    }
  }

  private static byte[][] shapes() {
    return new byte[][] {
      ipv4(6, 0x02), ipv4(6, 0x12), ipv4(6, 0x10), ipv4(6, 0x18), ipv4(17, 0), ipv4(6, 0x18),
      ipv4(17, 0), ipv4(1, 0), ipv6(6, 0x18), ipv6(17, 0), ipv4(6, 0x11), arp(),
      ipv6(6, 0x02), ipv4(6, 0x14), ipv6(58, 0), to(BROADCAST, ipv4(17, 0)),
      to(IPV6_MULTICAST, ipv6(17, 0)), ether(60, 0x88b5), ipv4(6, 0x10), ipv4(17, 0),
    };
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
