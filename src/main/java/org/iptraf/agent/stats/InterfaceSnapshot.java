package org.iptraf.agent.stats;

/**
 * The detailed statistics of one interface (iptraf-ng's "detailed interface statistics"; the
 * general statistics are the {@link #total} and per-version lines of the same object).
 *
 * <p>Bytes of the IP classes ({@code ipv4} to {@code otherIp}) are IP lengths; bytes of the
 * others are frame lengths on the wire (link header included, FCS excluded).
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
}
