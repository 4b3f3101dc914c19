package org.iptraf.agent.capture.live;

import java.nio.ByteBuffer;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.decode.LinkType;

/**
 * Runs synthetic frames through a {@link RingReader} into a throwaway sink before the sockets open,
 * so the JIT has compiled the ring reader, the decoder and the tables by the time the first real
 * block arrives. Without it the first ~0.5 s of a capture run interpreted code at several µs per
 * frame, and under overload (1+ Mpps) the 64 MiB ring filled before the compiled code took over.
 *
 * <p>The frames are a mix of the shapes the capture path branches on: Ethernet with IPv4 and IPv6,
 * TCP (SYN, data, FIN), UDP, ICMP, ARP, VLAN-tagged, incoming and outgoing, over a few thousand
 * flows. Addresses are from 198.18.0.0/15 and 2001:db8::/32.
 */
public final class Warmup {

  private static final int BLOCK_SIZE = 1 << 20;

  private Warmup() {}

  /**
   * Hands {@code frames} synthetic frames to {@code sink} (give it a sink of the same class as the
   * real one, e.g. a second {@code Tables} that is then dropped).
   *
   * @return frames delivered
   */
  public static long run(FrameSink sink, int frames) {
    ByteBuffer ring = ByteBuffer.allocateDirect(2 * BLOCK_SIZE);
    RingReader reader = new RingReader(ring, BLOCK_SIZE, 2, 0);
    sink.interfaceAdded(0, new InterfaceInfo("warmup", LinkType.ETHERNET, false, 256, 0));
    byte[][] shapes = shapes();
    long nanos = System.currentTimeMillis() * 1_000_000L;
    long delivered = 0;
    int n = 0;
    int block = 0;
    while (n < frames) {
      BlockWriter w = new BlockWriter(ring, BLOCK_SIZE, block);
      while (n < frames && w.free(BLOCK_SIZE) > 512) {
        byte[] f = shapes[n % shapes.length];
        int flow = (n / shapes.length) % 4096;
        vary(f, flow);
        boolean out = (n & 4) != 0;
        int vlan = n % 10 == 9 ? 100 + flow % 8 : -1;
        w.add(f, f.length + (n % 3 == 0 ? 1000 : 0), nanos, out ? IfPacket.PACKET_OUTGOING
            : IfPacket.PACKET_HOST, vlan);
        nanos += 1_000;
        n++;
      }
      w.publish();
      delivered += Math.max(0, reader.readNextBlock(sink));
      block ^= 1;
    }
    sink.tick(nanos);
    return delivered;
  }

  /** Puts the flow number into the host part of the addresses and into the ports. */
  private static void vary(byte[] f, int flow) {
    int type = ((f[12] & 0xff) << 8) | (f[13] & 0xff);
    if (type == 0x0800) {
      f[14 + 15] = (byte) flow; // source address, last byte
      f[14 + 14] = (byte) (flow >> 8);
      if (f[14 + 9] == 6 || f[14 + 9] == 17) {
        f[14 + 20] = (byte) (0x80 | (flow >> 8)); // source port
        f[14 + 21] = (byte) flow;
      }
    } else if (type == 0x86dd) {
      f[14 + 23] = (byte) flow;
      f[14 + 22] = (byte) (flow >> 8);
      f[14 + 40] = (byte) (0x80 | (flow >> 8));
      f[14 + 41] = (byte) flow;
    }
  }

  private static byte[][] shapes() {
    return new byte[][] {
      ipv4(6, 0x02), ipv4(6, 0x10), ipv4(6, 0x18), ipv4(17, 0), ipv4(6, 0x18), ipv4(17, 0),
      ipv4(1, 0), ipv6(6, 0x18), ipv6(17, 0), ipv4(6, 0x11), arp(),
    };
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
    if (protocol == 1) {
      f[at] = 8; // echo request
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
    byte[] f = ether(60, 0x0806);
    f[14 + 1] = 1;
    f[14 + 2] = 0x08;
    f[14 + 4] = 6;
    f[14 + 5] = 4;
    f[14 + 7] = 1;
    return f;
  }
}
