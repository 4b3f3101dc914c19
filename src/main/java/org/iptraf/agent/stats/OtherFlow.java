package org.iptraf.agent.stats;

/**
 * A non-TCP flow, aggregated: UDP by 5-tuple, ICMP/ICMPv6 by hosts and type/code, other IP by
 * protocol and hosts, non-IP by ethertype and MAC addresses.
 *
 * @param protocol {@code udp}, {@code icmp}, {@code icmpv6}, {@code igmp}, {@code gre}, {@code
 *     ip-N}, or for non-IP the ethertype name ({@code arp}, {@code 0x88b5}, {@code llc})
 * @param a sender of the first packet (IP flows); null for non-IP
 * @param b the other side; null for non-IP
 * @param aMac for non-IP flows the first sender's MAC as {@code 02:1b:00:00:00:01}, else null
 * @param bMac the other MAC, else null
 * @param detail what else identifies it: ICMP type/code, ethertype, GRE payload
 * @param vlanId the 802.1Q VLAN id of the last frame, or -1 for none
 */
public record OtherFlow(
    int interfaceId,
    String interfaceName,
    Kind kind,
    int protocolNumber,
    String protocol,
    Endpoint a,
    Endpoint b,
    String aMac,
    String bMac,
    String detail,
    long packets,
    long bytes,
    long firstSeenNanos,
    long lastSeenNanos,
    int vlanId) {

  /** How the flow is keyed. */
  public enum Kind {
    UDP,
    ICMP,
    OTHER_IP,
    NON_IP
  }

  /** The report's "a": address[:port] for IP flows, the MAC for non-IP. */
  public String aText() {
    return a != null ? a.toString() : aMac;
  }

  public String bText() {
    return b != null ? b.toString() : bMac;
  }
}
