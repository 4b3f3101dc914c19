package org.iptraf.agent.capture;

/**
 * What a source knows about an interface.
 *
 * @param name interface name ({@code eth0}), or for capture files the pcapng {@code if_name} or
 *     {@code <file>#<n>}
 * @param linkType a pcap LINKTYPE_ value (see {@link org.iptraf.agent.capture.LinkType})
 * @param linuxLoopback true where the kernel shows every packet twice, once out and once in (a live
 *     {@code lo}); the tables count the in copy and tally the out copy as a duplicate
 * @param snapLength the source's snap length, 0 when unknown
 * @param systemIndex the kernel's ifindex for a live interface (IF-MIB ifIndex), 0 for files
 */
public record InterfaceInfo(
    String name, int linkType, boolean linuxLoopback, int snapLength, int systemIndex) {

  public InterfaceInfo {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("interface name is empty");
    }
  }

  /** An interface with no kernel index (capture files). */
  public InterfaceInfo(String name, int linkType, boolean linuxLoopback, int snapLength) {
    this(name, linkType, linuxLoopback, snapLength, 0);
  }
}
