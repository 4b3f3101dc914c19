package org.iptraf.agent.decode;

/** Ethertypes the decoder acts on (IEEE 802 numbers, https://standards.ieee.org/). */
public final class EtherType {
  public static final int IPV4 = 0x0800;
  public static final int ARP = 0x0806;
  public static final int RARP = 0x8035;
  public static final int VLAN = 0x8100;
  public static final int IPV6 = 0x86DD;
  public static final int PPPOE_SESSION = 0x8864;
  public static final int MPLS = 0x8847;
  public static final int MPLS_MULTICAST = 0x8848;
  public static final int QINQ = 0x88A8;
  public static final int QINQ_OLD_9100 = 0x9100;
  public static final int QINQ_OLD_9200 = 0x9200;

  /** Largest value of an 802.3 length field; anything at or above 0x0600 is an ethertype. */
  public static final int MAX_8023_LENGTH = 1500;

  public static final int MIN_ETHERTYPE = 0x0600;

  /** Pseudo-ethertype for 802.2 LLC frames without SNAP: above any real 16-bit value. */
  public static final int LLC = 0x1_0000;

  /** Pseudo-ethertype base for a PPP protocol that is not IP: {@code PPP_PROTOCOL | protocol}. */
  public static final int PPP_PROTOCOL = 0x2_0000;

  /** Pseudo-ethertype base for a BSD loopback family that is not IP. */
  public static final int BSD_FAMILY = 0x3_0000;

  /** How reports name a (pseudo-)ethertype. */
  public static String name(int type) {
    if (type < 0) {
      return "unknown";
    }
    return switch (type & 0xFFFF_0000) {
      case LLC -> "llc";
      case PPP_PROTOCOL -> String.format("ppp-0x%04x", type & 0xFFFF);
      case BSD_FAMILY -> "af-" + (type & 0xFFFF);
      default ->
          switch (type) {
            case ARP -> "arp";
            case RARP -> "rarp";
            case IPV4 -> "ipv4";
            case IPV6 -> "ipv6";
            case PPPOE_SESSION -> "pppoe";
            case MPLS, MPLS_MULTICAST -> "mpls";
            default -> String.format("0x%04x", type);
          };
    };
  }

  private EtherType() {}

  static boolean isVlanTag(int type) {
    return type == VLAN || type == QINQ || type == QINQ_OLD_9100 || type == QINQ_OLD_9200;
  }
}
