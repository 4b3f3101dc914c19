package org.iptraf.agent.stats;

import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.capture.LinkType;
import org.iptraf.agent.decode.IpProtocol;
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

  /** A row counted into and never read: lets count() add without a branch per class. */
  private static final int DISCARD = CLASSES;

  // per class: in packets, in bytes, out packets, out bytes
  private static final int IN_PACKETS = 0;
  private static final int IN_BYTES = 1;
  private static final int OUT_PACKETS = 2;
  private static final int OUT_BYTES = 3;
  private static final int FIELDS = 4;

  /** RFC 2819 etherStatsPkts*Octets upper bounds, FCS included; the last bucket is open. */
  private static final int[] RMON_UPPER = {64, 127, 255, 511, 1023, 1518};

  /** The RMON bucket of every size up to the last bound: a lookup, not a search, per frame. */
  private static final byte[] RMON_OF_SIZE = new byte[RMON_UPPER[RMON_UPPER.length - 1] + 1];

  /** The traffic class of every IP protocol number. */
  private static final byte[] IP_CLASS = new byte[256];

  static {
    for (int size = 0, b = 0; size < RMON_OF_SIZE.length; size++) {
      if (size > RMON_UPPER[b]) {
        b++;
      }
      RMON_OF_SIZE[size] = (byte) b;
    }
    java.util.Arrays.fill(IP_CLASS, (byte) OTHER_IP);
    IP_CLASS[IpProtocol.TCP] = TCP;
    IP_CLASS[IpProtocol.UDP] = UDP;
    IP_CLASS[IpProtocol.ICMP] = ICMP;
    IP_CLASS[IpProtocol.ICMPV6] = ICMPV6;
  }

  static final int FCS = 4;

  final int id;
  InterfaceInfo info;
  private final long[] counts = new long[(CLASSES + 1) * FIELDS];
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
    rmon[rmonBucket(frameBytes + FCS)]++;
    add(p.broadcast ? BROADCAST : p.multicast ? MULTICAST : DISCARD, out, frameBytes);
    if (!p.isIp()) {
      add(NON_IP, out, frameBytes);
      add(p.network == Packet.NET_ARP ? ARP : DISCARD, out, frameBytes);
      return;
    }
    int ipBytes = p.ipLength;
    add(p.network == Packet.NET_IPV4 ? IPV4 : IPV6, out, ipBytes);
    add(IP_CLASS[p.protocol & 0xFF], out, ipBytes);
    if (p.badIpChecksum) {
      badIpChecksum++;
    }
    if (p.fragment) {
      ipFragments++;
    }
  }

  static int rmonBucket(int sizeWithFcs) {
    // a corrupt capture file can claim a negative length: the smallest bucket, as a search gave
    return sizeWithFcs < RMON_OF_SIZE.length
        ? RMON_OF_SIZE[Math.max(0, sizeWithFcs)]
        : RMON_UPPER.length;
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
    rmon[rmonBucket(p.originalLength + FCS)]++;
  }

  void closeSecond(long emptySeconds) {
    int t = TOTAL * FIELDS;
    rates.closeSecond(
        counts[t + IN_PACKETS],
        counts[t + IN_BYTES],
        counts[t + OUT_PACKETS],
        counts[t + OUT_BYTES],
        emptySeconds);
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
        counts[b + IN_PACKETS],
        counts[b + IN_BYTES],
        counts[b + OUT_PACKETS],
        counts[b + OUT_BYTES]);
  }
}
