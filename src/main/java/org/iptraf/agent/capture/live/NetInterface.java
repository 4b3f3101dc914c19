package org.iptraf.agent.capture.live;

import org.iptraf.agent.capture.LinkType;

/**
 * One line of the {@code interfaces} listing.
 *
 * @param name device name
 * @param index ifindex
 * @param arphrd the device type (ARPHRD_*)
 * @param linkType the pcap link type captured frames carry ({@link ArpHrd#toLinkType})
 * @param mtu bytes
 * @param up administratively up (IFF_UP)
 * @param promiscuous in promiscuous mode now, for whatever reason (IFF_PROMISC in the device's
 *     flags, which counts packet-socket memberships too)
 */
public record NetInterface(
    String name, int index, int arphrd, int linkType, int mtu, boolean up, boolean promiscuous) {

  /** The link type's short name ({@code ethernet}, {@code raw}, ...). */
  public String linkTypeName() {
    return LinkType.name(linkType);
  }
}
