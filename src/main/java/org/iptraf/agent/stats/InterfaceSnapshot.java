package org.iptraf.agent.stats;

/**
 * The detailed statistics of one interface (iptraf-ng's "detailed interface statistics"; the
 * general statistics are the {@link #total} and per-version lines of the same object).
 *
 * <p>Bytes of the IP classes ({@code ipv4} to {@code otherIp}) are IP lengths; bytes of the others
 * are frame lengths on the wire (link header included, FCS excluded).
 *
 * @param id the agent's dense interface id (SNMP rows are {@code id + 1})
 * @param systemIndex the kernel ifindex when live, 0 for capture files
 */
public record InterfaceSnapshot(
    int id,
    String name,
    String linkType,
    int systemIndex,
    Counts total,
    Counts ipv4,
    Counts ipv6,
    Counts tcp,
    Counts udp,
    Counts icmp,
    Counts icmpv6,
    Counts otherIp,
    Counts nonIp,
    Counts arp,
    Counts broadcast,
    Counts multicast,
    long badIpChecksum,
    long ipFragments,
    Rates rates,
    long[] rmonSizes) {

  /** RMON etherStats buckets (64, 65-127, ..., 1024-1518, over 1518), sizes with the FCS. */
  public long rmonSize(int bucket) {
    return rmonSizes[bucket];
  }

  /** The twelve traffic classes by their report names, in report order. */
  public static final java.util.Map<String, java.util.function.Function<InterfaceSnapshot, Counts>>
      CLASSES = classes();

  private static java.util.Map<String, java.util.function.Function<InterfaceSnapshot, Counts>>
      classes() {
    java.util.Map<String, java.util.function.Function<InterfaceSnapshot, Counts>> m =
        new java.util.LinkedHashMap<>();
    m.put("total", InterfaceSnapshot::total);
    m.put("ipv4", InterfaceSnapshot::ipv4);
    m.put("ipv6", InterfaceSnapshot::ipv6);
    m.put("tcp", InterfaceSnapshot::tcp);
    m.put("udp", InterfaceSnapshot::udp);
    m.put("icmp", InterfaceSnapshot::icmp);
    m.put("icmpv6", InterfaceSnapshot::icmpv6);
    m.put("otherIp", InterfaceSnapshot::otherIp);
    m.put("nonIp", InterfaceSnapshot::nonIp);
    m.put("arp", InterfaceSnapshot::arp);
    m.put("broadcast", InterfaceSnapshot::broadcast);
    m.put("multicast", InterfaceSnapshot::multicast);
    return java.util.Collections.unmodifiableMap(m);
  }
}
