package org.iptraf.agent.bench;

import java.nio.ByteBuffer;

/**
 * The frames of {@link ManyFlowsBenchmark}: flow {@code f} is a TCP connection (four flows in five)
 * or a UDP flow between a client and a server, over IPv6 for a tenth of each. The client's address
 * and port come from the flow number, the port also from its generation (a flow replaced by a new
 * one keeps its addresses and gets a new port). Frames carry a short payload; IPv4 header checksums
 * are right. Addresses are from 198.18.0.0/15 and 2001:db8::/32.
 *
 * <pre>
 * | Ethernet 14 | IPv4 20 or IPv6 40 | TCP 20 or UDP 8 | payload 20 |
 * </pre>
 */
final class ManyFlowFrames {
  private static final int ETHERNET = 14;
  private static final int IPV4 = 20;
  private static final int IPV6 = 40;
  private static final int TCP = 20;
  private static final int UDP = 8;
  private static final int PAYLOAD = 20;
  private static final long GATEWAY_MAC = 0x0200_00aa_0001L;
  private static final long CLIENT_MAC_BASE = 0x0200_00bb_0000L;
  private static final int CLIENT_NET = 0xC612_0000; // 198.18.0.0/16
  private static final int SERVER_NET = 0xC613_0000; // 198.19.0.0/16
  private static final long CLIENT_NET6 = 0x2001_0db8_0001_0000L;
  private static final long SERVER_NET6 = 0x2001_0db8_0002_0000L;
  private static final int SERVERS = 4096;

  /** The longest frame written: Ethernet, IPv6, TCP and the payload. */
  static final int MAX_FRAME = ETHERNET + IPV6 + TCP + PAYLOAD;

  private ManyFlowFrames() {}

  static boolean isTcp(int flow) {
    return flow % 5 != 4;
  }

  static boolean isIpv6(int flow) {
    return flow % 10 == 3;
  }

  /** Writes one frame of {@code flow} at the buffer's position, request or reply. */
  static void write(ByteBuffer b, int flow, int generation, boolean reply) {
    boolean tcp = isTcp(flow);
    boolean v6 = isIpv6(flow);
    long clientMac = CLIENT_MAC_BASE | (flow & 0xFF);
    putMac(b, reply ? clientMac : GATEWAY_MAC);
    putMac(b, reply ? GATEWAY_MAC : clientMac);
    b.putShort((short) (v6 ? 0x86DD : 0x0800));
    int l4 = (tcp ? TCP : UDP) + PAYLOAD;
    int ip = b.position();
    if (v6) {
      long client = flow + 1;
      long server = flow % SERVERS + 1;
      b.putInt(6 << 28).putShort((short) l4).put((byte) (tcp ? 6 : 17)).put((byte) 64);
      b.putLong(reply ? SERVER_NET6 : CLIENT_NET6).putLong(reply ? server : client);
      b.putLong(reply ? CLIENT_NET6 : SERVER_NET6).putLong(reply ? client : server);
    } else {
      int client = CLIENT_NET | (flow & 0xFFFF);
      int server = SERVER_NET | (flow % SERVERS + 1);
      b.put((byte) 0x45)
          .put((byte) 0)
          .putShort((short) (IPV4 + l4))
          .putShort((short) flow)
          .putShort((short) 0)
          .put((byte) 64)
          .put((byte) (tcp ? 6 : 17))
          .putShort((short) 0)
          .putInt(reply ? server : client)
          .putInt(reply ? client : server);
      b.putShort(ip + 10, checksum(b, ip));
    }
    int clientPort = clientPort(flow, generation);
    int serverPort = tcp ? 443 : 53;
    b.putShort((short) (reply ? serverPort : clientPort));
    b.putShort((short) (reply ? clientPort : serverPort));
    if (tcp) {
      b.putInt(flow)
          .putInt(0)
          .put((byte) 0x50)
          .put((byte) 0x18)
          .putShort((short) 64240)
          .putShort((short) 0)
          .putShort((short) 0);
    } else {
      b.putShort((short) (UDP + PAYLOAD)).putShort((short) 0);
    }
    for (int i = 0; i < PAYLOAD; i++) {
      b.put((byte) i);
    }
  }

  /** Gives the frame of {@code flow} at {@code offset} the client port of another generation. */
  static void setGeneration(ByteBuffer b, int offset, int flow, boolean reply, int generation) {
    int l4 = offset + ETHERNET + (isIpv6(flow) ? IPV6 : IPV4);
    b.putShort(reply ? l4 + 2 : l4, (short) clientPort(flow, generation));
  }

  /**
   * The client's port: with the client's address (flow mod 65,536 in the IPv4 net) it tells the
   * flows and their generations apart, up to 16 x 65,536 flows and 4,000 generations.
   */
  private static int clientPort(int flow, int generation) {
    return 1024 + (flow >>> 16) + 16 * (generation % 4000);
  }

  private static void putMac(ByteBuffer b, long mac) {
    b.putShort((short) (mac >>> 32)).putInt((int) mac);
  }

  private static short checksum(ByteBuffer b, int ip) {
    int sum = 0;
    for (int i = 0; i < IPV4; i += 2) {
      sum += b.getShort(ip + i) & 0xFFFF;
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xFFFF) + (sum >>> 16);
    }
    return (short) ~sum;
  }
}
