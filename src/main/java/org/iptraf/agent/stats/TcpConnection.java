package org.iptraf.agent.stats;

/**
 * One TCP connection of the IP traffic monitor, both directions in one row.
 *
 * @param a the endpoint that opened it (sent the SYN), or that sent the first packet seen
 * @param firstSeenNanos capture time of the first packet
 * @param lastSeenNanos capture time of the last packet
 * @param vlanId the 802.1Q VLAN id of the last packet, or -1 for none
 */
public record TcpConnection(
    int interfaceId,
    String interfaceName,
    Endpoint a,
    Endpoint b,
    TcpState state,
    long firstSeenNanos,
    long lastSeenNanos,
    Direction aToB,
    Direction bToA,
    int vlanId) {

  /**
   * One direction.
   *
   * @param bytes IP lengths
   * @param flagsSeen every TCP flag seen (OR of the flag bytes)
   * @param lastFlags the flag byte of the last packet
   * @param window the last advertised window
   * @param lastSize IP length of the last packet
   */
  public record Direction(
      long packets, long bytes, int flagsSeen, int lastFlags, int window, int lastSize) {}

  public long bytes() {
    return aToB.bytes() + bToA.bytes();
  }

  public long packets() {
    return aToB.packets() + bToA.packets();
  }
}
