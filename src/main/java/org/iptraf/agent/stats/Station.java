package org.iptraf.agent.stats;

/**
 * One MAC address of the LAN station monitor. "out" is what it sent, "in" what was sent to it
 * (group addresses are not stations). Bytes are frame lengths.
 *
 * @param ipPackets frames to or from it that carried IP
 * @param outBroadcastPackets frames it sent to the broadcast address (RMON hostOutBroadcastPkts)
 * @param outMulticastPackets frames it sent to other group addresses (hostOutMulticastPkts)
 * @param firstSeenNanos capture time its entry was made (RMON orders hosts by it)
 */
public record Station(
    int interfaceId,
    String interfaceName,
    long mac,
    long inPackets,
    long inBytes,
    long outPackets,
    long outBytes,
    long ipPackets,
    long lastSeenNanos,
    long outBroadcastPackets,
    long outMulticastPackets,
    long firstSeenNanos) {

  /** {@code 02:1b:00:00:00:01}. */
  public String macText() {
    return Macs.format(mac);
  }
}
