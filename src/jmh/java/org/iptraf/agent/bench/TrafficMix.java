package org.iptraf.agent.bench;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * A deterministic synthetic LAN capture for benchmarks: many interleaved conversations the way a
 * busy mirror port sees them. By frames, roughly: TCP 66% (handshake, data both ways, FIN/ACK close
 * or RST; a quarter over IPv6), UDP 21% (DNS-like exchanges and longer streams, a quarter IPv6),
 * ICMP echo 5% (a fifth ICMPv6), ARP 4%, GRE 1%, non-IP (LLDP, 802.3 LLC spanning tree) 2%; one IP
 * conversation in ten carries an 802.1Q tag. Each new conversation draws fresh client ports and
 * hosts, so a million frames hold over a hundred thousand distinct flows.
 *
 * <p>Frames are stored cut to {@link #SNAP_LENGTH} bytes (like a capture with a snap length) in one
 * buffer; their original lengths are kept. Timestamps are {@code i * nanosPerFrame} from zero.
 */
public final class TrafficMix {

  /** Enough for Ethernet + two VLAN tags + IPv6 + TCP; the agent reads nothing beyond. */
  public static final int SNAP_LENGTH = 128;

  private static final int ACTIVE = 4096; // conversations in progress at any time
  private static final int LOCAL_HOSTS = 4096; // 10.0.0.0/20 and 2001:db8:1::/64 + MACs
  private static final int REMOTE_HOSTS = 50_000;
  private static final long GATEWAY_MAC = 0x0200_5E00_0001L;
  private static final long LOCAL_MAC_BASE = 0x0200_0000_0000L;
  private static final long BROADCAST = 0xFFFF_FFFF_FFFFL;
  private static final long LLDP_MAC = 0x0180_C200_000EL;
  private static final long STP_MAC = 0x0180_C200_0000L;
  private static final int LOCAL_NET = 0x0A00_0000;
  private static final long V6_LOCAL_HI = 0x2001_0DB8_0001_0000L;
  private static final long V6_REMOTE_HI = 0x2001_0DB8_FF00_0000L;

  private static final int KIND_TCP = 0;
  private static final int KIND_UDP = 1;
  private static final int KIND_ICMP = 2;
  private static final int KIND_GRE = 3;

  private static final int FIN = 0x01;
  private static final int SYN = 0x02;
  private static final int RST = 0x04;
  private static final int PSH = 0x08;
  private static final int ACK = 0x10;

  /** The frames, back to back, each cut to the snap length. */
  public final ByteBuffer buffer;

  public final int[] offset;
  public final int[] capturedLength;
  public final int[] originalLength;
  public final long[] timestampNanos;
  public final int count;

  /** Conversations started (each is one or two flows in the agent's tables). */
  public final int conversations;

  private final SplittableRandom random;
  private final FrameBuilder b = new FrameBuilder();
  private final Conversation[] active = new Conversation[ACTIVE];
  private int started;

  /** One conversation in progress: who talks, how, and how far its script has gone. */
  private static final class Conversation {
    int kind;
    boolean v6;
    int vlan;
    int client; // local host number
    int server; // remote host number
    int clientPort;
    int serverPort;
    int step;
    int steps;
    boolean reset;
    int seqC;
    int seqS;
  }

  public TrafficMix(int frames, long nanosPerFrame, long seed, boolean direct) {
    this.random = new SplittableRandom(seed);
    this.count = frames;
    this.offset = new int[frames];
    this.capturedLength = new int[frames];
    this.originalLength = new int[frames];
    this.timestampNanos = new long[frames];
    this.buffer =
        direct
            ? ByteBuffer.allocateDirect(frames * SNAP_LENGTH)
            : ByteBuffer.allocate(frames * SNAP_LENGTH);
    for (int i = 0; i < ACTIVE; i++) {
      active[i] = fresh(new Conversation());
    }
    int pos = 0;
    for (int i = 0; i < frames; i++) {
      int length = next();
      int cap = Math.min(length, SNAP_LENGTH);
      buffer.put(pos, b.bytes, 0, cap);
      offset[i] = pos;
      capturedLength[i] = cap;
      originalLength[i] = length;
      timestampNanos[i] = i * nanosPerFrame;
      pos += cap;
    }
    this.conversations = started;
  }

  /** Builds the next frame into the scratch array and returns its length on the wire. */
  private int next() {
    int r = random.nextInt(100);
    if (r < 4) {
      return arp();
    }
    if (r < 6) {
      return nonIp();
    }
    Conversation c = active[random.nextInt(ACTIVE)];
    int length =
        switch (c.kind) {
          case KIND_TCP -> tcp(c);
          case KIND_UDP -> udp(c);
          case KIND_ICMP -> icmp(c);
          default -> gre(c);
        };
    if (++c.step >= c.steps) {
      fresh(c);
    }
    return length;
  }

  private Conversation fresh(Conversation c) {
    started++;
    int r = random.nextInt(100);
    // conversations are picked uniformly, so long kinds get fewer starts for their frame share
    c.kind = r < 47 ? KIND_TCP : r < 85 ? KIND_UDP : r < 98 ? KIND_ICMP : KIND_GRE;
    c.v6 = random.nextInt(c.kind == KIND_ICMP ? 5 : 4) == 0 && c.kind != KIND_GRE;
    c.vlan = random.nextInt(10) == 0 ? 10 + random.nextInt(32) : -1;
    c.client = random.nextInt(LOCAL_HOSTS);
    c.server = random.nextInt(REMOTE_HOSTS);
    c.clientPort = 32768 + random.nextInt(28232);
    c.step = 0;
    c.reset = false;
    c.seqC = random.nextInt();
    c.seqS = random.nextInt();
    switch (c.kind) {
      case KIND_TCP -> {
        c.serverPort = pick(443, 443, 443, 80, 22, 25, 993, 8080, 3306, 5432);
        c.reset = random.nextInt(10) == 0;
        c.steps = 3 + 2 + random.nextInt(24) + (c.reset ? 1 : 4);
      }
      case KIND_UDP -> {
        boolean dns = random.nextInt(3) != 0;
        c.serverPort = dns ? 53 : pick(123, 443, 5353, 514, 161, 1194);
        c.steps = dns ? 2 : 2 + random.nextInt(20);
      }
      case KIND_ICMP -> c.steps = 2 * (1 + random.nextInt(4));
      default -> c.steps = 2 + random.nextInt(10);
    }
    return c;
  }

  private int pick(int... choices) {
    return choices[random.nextInt(choices.length)];
  }

  /** Client to server on even steps of most scripts; TCP's own script below. */
  private int tcp(Conversation c) {
    int s = c.step;
    int last = c.steps - 1;
    boolean fromClient;
    int flags;
    int payload = 0;
    if (s == 0) {
      fromClient = true;
      flags = SYN;
    } else if (s == 1) {
      fromClient = false;
      flags = SYN | ACK;
    } else if (s == 2) {
      fromClient = true;
      flags = ACK;
    } else if (c.reset && s == last) {
      fromClient = random.nextBoolean();
      flags = RST | ACK;
    } else if (!c.reset && s >= last - 3) {
      int k = s - (last - 3); // FIN, ACK, FIN, ACK
      fromClient = k == 0 || k == 3;
      flags = (k % 2 == 0) ? FIN | ACK : ACK;
    } else {
      fromClient = (s & 1) == 1 || random.nextInt(4) == 0;
      boolean bulk = !fromClient && random.nextInt(3) != 0;
      payload = bulk ? 1448 : random.nextInt(4) == 0 ? 0 : 40 + random.nextInt(500);
      flags = payload > 0 ? PSH | ACK : ACK;
    }
    if (fromClient) {
      c.seqC += payload + ((flags & (SYN | FIN)) != 0 ? 1 : 0);
    } else {
      c.seqS += payload + ((flags & (SYN | FIN)) != 0 ? 1 : 0);
    }
    int seq = fromClient ? c.seqC : c.seqS;
    int ack = fromClient ? c.seqS : c.seqC;
    ip(c, fromClient, FrameBuilder.PROTO_TCP, FrameBuilder.TCP_HEADER + payload);
    int sp = fromClient ? c.clientPort : c.serverPort;
    int dp = fromClient ? c.serverPort : c.clientPort;
    b.tcp(sp, dp, seq, ack, flags, 29200 + random.nextInt(36000));
    return b.end(payload);
  }

  private int udp(Conversation c) {
    boolean fromClient = (c.step & 1) == 0;
    int payload =
        c.serverPort == 53
            ? (fromClient ? 30 + random.nextInt(30) : 60 + random.nextInt(400))
            : 40 + random.nextInt(1200);
    ip(c, fromClient, FrameBuilder.PROTO_UDP, FrameBuilder.UDP_HEADER + payload);
    int sp = fromClient ? c.clientPort : c.serverPort;
    int dp = fromClient ? c.serverPort : c.clientPort;
    b.udp(sp, dp, payload);
    return b.end(payload);
  }

  private int icmp(Conversation c) {
    boolean request = (c.step & 1) == 0;
    int type = c.v6 ? (request ? 128 : 129) : (request ? 8 : 0);
    ip(
        c,
        request,
        c.v6 ? FrameBuilder.PROTO_ICMPV6 : FrameBuilder.PROTO_ICMP,
        FrameBuilder.ICMP_HEADER + 56);
    b.icmp(type, 0, c.clientPort, c.step >>> 1);
    return b.end(56);
  }

  private int gre(Conversation c) {
    int payload = 60 + random.nextInt(1300);
    ip(c, (c.step & 1) == 0, FrameBuilder.PROTO_GRE, 4 + payload);
    b.gre(FrameBuilder.ETHERTYPE_IPV4);
    return b.end(payload);
  }

  /** Ethernet (and tag) and IP header of a conversation packet; the payload follows. */
  private void ip(Conversation c, boolean fromClient, int protocol, int ipPayload) {
    long clientMac = LOCAL_MAC_BASE | c.client;
    long src = fromClient ? clientMac : GATEWAY_MAC;
    long dst = fromClient ? GATEWAY_MAC : clientMac;
    if (c.v6) {
      b.ethernet(dst, src, c.vlan, FrameBuilder.ETHERTYPE_IPV6);
      long clientLo = 0x0200_00FF_FE00_0000L | c.client;
      long serverLo = 0x1000L + c.server;
      long sHi = fromClient ? V6_LOCAL_HI : V6_REMOTE_HI;
      long dHi = fromClient ? V6_REMOTE_HI : V6_LOCAL_HI;
      b.ipv6(
          sHi,
          fromClient ? clientLo : serverLo,
          dHi,
          fromClient ? serverLo : clientLo,
          protocol,
          ipPayload);
    } else {
      b.ethernet(dst, src, c.vlan, FrameBuilder.ETHERTYPE_IPV4);
      int clientIp = LOCAL_NET | c.client;
      int serverIp = remoteIpv4(c.server);
      b.ipv4(
          fromClient ? clientIp : serverIp, fromClient ? serverIp : clientIp, protocol, ipPayload);
    }
  }

  /** Remote hosts spread over public-looking space (hashing avoids one /16). */
  private static int remoteIpv4(int n) {
    int h = n * 0x9E37_79B9;
    return 0x2000_0000 | (h >>> 4);
  }

  private int arp() {
    int asker = random.nextInt(LOCAL_HOSTS);
    int target = random.nextInt(LOCAL_HOSTS);
    long askerMac = LOCAL_MAC_BASE | asker;
    if (random.nextBoolean()) {
      b.ethernet(BROADCAST, askerMac, -1, FrameBuilder.ETHERTYPE_ARP)
          .arp(1, askerMac, LOCAL_NET | asker, 0, LOCAL_NET | target);
    } else {
      long targetMac = LOCAL_MAC_BASE | target;
      b.ethernet(askerMac, targetMac, -1, FrameBuilder.ETHERTYPE_ARP)
          .arp(2, targetMac, LOCAL_NET | target, askerMac, LOCAL_NET | asker);
    }
    return b.end(0);
  }

  private int nonIp() {
    long src = LOCAL_MAC_BASE | random.nextInt(64); // switches and the like
    if (random.nextBoolean()) {
      b.ethernet(LLDP_MAC, src, -1, FrameBuilder.ETHERTYPE_LLDP);
      return b.end(40 + random.nextInt(200));
    }
    b.llcStp(STP_MAC, src);
    return b.end(0);
  }
}
