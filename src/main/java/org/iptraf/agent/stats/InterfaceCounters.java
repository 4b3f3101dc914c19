package org.iptraf.agent.stats;

import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.decode.IpProtocol;
import org.iptraf.agent.decode.LinkType;
import org.iptraf.agent.decode.Packet;

/** The detailed statistics of one interface: counters by class and direction, sizes, rates. */
final class InterfaceCounters {

  static final int TOTAL = 0;
  static final int IPV4 = 1;
  static final int IPV6 = 2;
  static final int TCP = 3;
  static final int UDP = 4;
  static final int ICMP = 5;
  static final int ICMPV6 = 6;
  static final int OTHER_IP = 7;
  static final int NON_IP = 8;
  static final int ARP = 9;
  static final int BROADCAST = 10;
  static final int MULTICAST = 11;
  private static final int CLASSES = 12;

  // per class: in packets, in bytes, out packets, out bytes
  private static final int IN_PACKETS = 0;
  private static final int IN_BYTES = 1;
  private static final int OUT_PACKETS = 2;
  private static final int OUT_BYTES = 3;
  private static final int FIELDS = 4;

  /** RFC 2819 etherStatsPkts*Octets upper bounds, FCS included; the last bucket is open. */
  private static final int[] RMON_UPPER = {64, 127, 255, 511, 1023, 1518};

  static final int FCS = 4;

  final int id;
  InterfaceInfo info;
  private final long[] counts = new long[CLASSES * FIELDS];
  private final long[] rmon = new long[RMON_UPPER.length + 1];
  private long badIpChecksum;
  private long ipFragments;
  private final RateMeter rates = new RateMeter();

  InterfaceCounters(int id, InterfaceInfo info) {
    this.id = id;
    this.info = info;
  }

  void count(Packet p) {
    boolean out = p.direction == FrameSink.DIRECTION_OUT;
    int frameBytes = p.originalLength;
    add(TOTAL, out, frameBytes);
    rates.add(out, frameBytes);
    rmon[rmonBucket(frameBytes + FCS)]++;
    if (p.broadcast) {
      add(BROADCAST, out, frameBytes);
    } else if (p.multicast) {
      add(MULTICAST, out, frameBytes);
    }
    if (!p.isIp()) {
      add(NON_IP, out, frameBytes);
      if (p.network == Packet.NET_ARP) {
        add(ARP, out, frameBytes);
      }
      return;
    }
    int ipBytes = p.ipLength;
    add(p.network == Packet.NET_IPV4 ? IPV4 : IPV6, out, ipBytes);
    add(ipClass(p.protocol), out, ipBytes);
    if (p.badIpChecksum) {
      badIpChecksum++;
    }
    if (p.fragment) {
      ipFragments++;
    }
  }

  private static int ipClass(int protocol) {
    return switch (protocol) {
      case IpProtocol.TCP -> TCP;
      case IpProtocol.UDP -> UDP;
      case IpProtocol.ICMP -> ICMP;
      case IpProtocol.ICMPV6 -> ICMPV6;
      default -> OTHER_IP;
    };
  }

  static int rmonBucket(int sizeWithFcs) {
    for (int i = 0; i < RMON_UPPER.length; i++) {
      if (sizeWithFcs <= RMON_UPPER[i]) {
        return i;
      }
    }
    return RMON_UPPER.length;
  }

  private void add(int cls, boolean out, int bytes) {
    int base = cls * FIELDS + (out ? OUT_PACKETS : IN_PACKETS);
    counts[base]++;
    counts[base + 1] += bytes;
  }

  /** Counts a frame of a link type we cannot read: total only. */
  void countUndecoded(Packet p) {
    boolean out = p.direction == FrameSink.DIRECTION_OUT;
    add(TOTAL, out, p.originalLength);
    rates.add(out, p.originalLength);
    rmon[rmonBucket(p.originalLength + FCS)]++;
  }

  void closeSecond(long emptySeconds) {
    rates.closeSecond(emptySeconds);
  }

  void reset() {
    java.util.Arrays.fill(counts, 0);
    java.util.Arrays.fill(rmon, 0);
    badIpChecksum = 0;
    ipFragments = 0;
    rates.reset();
  }

  long rmon(int bucket) {
    return rmon[bucket];
  }

  InterfaceSnapshot snapshot() {
    return new InterfaceSnapshot(
        id,
        info.name(),
        LinkType.name(info.linkType()),
        info.systemIndex(),
        counts(TOTAL),
        counts(IPV4),
        counts(IPV6),
        counts(TCP),
        counts(UDP),
        counts(ICMP),
        counts(ICMPV6),
        counts(OTHER_IP),
        counts(NON_IP),
        counts(ARP),
        counts(BROADCAST),
        counts(MULTICAST),
        badIpChecksum,
        ipFragments,
        rates.snapshot(),
        rmon.clone());
  }

  private Counts counts(int cls) {
    int b = cls * FIELDS;
    return new Counts(
        counts[b + IN_PACKETS], counts[b + IN_BYTES], counts[b + OUT_PACKETS], counts[b + OUT_BYTES]);
  }
}
