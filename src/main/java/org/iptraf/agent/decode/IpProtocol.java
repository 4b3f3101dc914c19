package org.iptraf.agent.decode;

/** IP protocol numbers (IANA "Assigned Internet Protocol Numbers"). */
public final class IpProtocol {
  public static final int HOPOPT = 0;
  public static final int ICMP = 1;
  public static final int IGMP = 2;
  public static final int TCP = 6;
  public static final int UDP = 17;
  public static final int IPV6_ROUTE = 43;
  public static final int IPV6_FRAG = 44;
  public static final int GRE = 47;
  public static final int ESP = 50;
  public static final int AH = 51;
  public static final int ICMPV6 = 58;
  public static final int IPV6_NONXT = 59;
  public static final int IPV6_OPTS = 60;
  public static final int SCTP = 132;

  private IpProtocol() {}

  /** Lower-case name for reports; unknown numbers print as {@code ip-N}. */
  public static String name(int protocol) {
    return switch (protocol) {
      case ICMP -> "icmp";
      case IGMP -> "igmp";
      case TCP -> "tcp";
      case UDP -> "udp";
      case GRE -> "gre";
      case ESP -> "esp";
      case AH -> "ah";
      case ICMPV6 -> "icmpv6";
      case SCTP -> "sctp";
      case 4 -> "ipip";
      case 41 -> "ipv6-in-ip";
      case 89 -> "ospf";
      case 103 -> "pim";
      case 112 -> "vrrp";
      default -> "ip-" + protocol;
    };
  }
}
