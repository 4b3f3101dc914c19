package org.iptraf.agent.capture;

/**
 * Link-layer header types, as the pcap LINKTYPE_ registry numbers them
 * (https://www.tcpdump.org/linktypes.html). Live capture maps ARPHRD_* onto these.
 */
public final class LinkType {
  /** BSD loopback: 4-byte address family in the capturing host's byte order. */
  public static final int NULL = 0;

  /** Ethernet II and IEEE 802.3. */
  public static final int ETHERNET = 1;

  /** SLIP with the 16-byte BPF pseudo-header (direction, compression). */
  public static final int SLIP = 8;

  /** PPP in HDLC-like framing or bare protocol field (RFC 1661). */
  public static final int PPP = 9;

  /** Raw IP on OpenBSD and some old libpcaps (DLT_RAW = 12 there). */
  public static final int RAW_OPENBSD = 12;

  /** Raw IP on most BSDs (DLT_RAW = 14). */
  public static final int RAW_BSD = 14;

  /** PPP in HDLC-like framing (RFC 1662). */
  public static final int PPP_HDLC = 50;

  /** PPP over Ethernet session stage, as seen on some Linux captures. */
  public static final int PPP_ETHER = 51;

  /** Raw IPv4 or IPv6, version from the first nibble. */
  public static final int RAW = 101;

  /** OpenBSD loopback: 4-byte address family in network byte order. */
  public static final int LOOP = 108;

  /** Linux cooked capture v1 (SLL), 16-byte header. */
  public static final int LINUX_SLL = 113;

  /** Raw IPv4. */
  public static final int IPV4 = 228;

  /** Raw IPv6. */
  public static final int IPV6 = 229;

  /** Linux cooked capture v2 (SLL2), 20-byte header. */
  public static final int LINUX_SLL2 = 276;

  private LinkType() {}

  /** A short name for reports; unknown values print as {@code linktype-N}. */
  public static String name(int linkType) {
    return switch (linkType) {
      case NULL -> "null";
      case ETHERNET -> "ethernet";
      case SLIP -> "slip";
      case PPP -> "ppp";
      case RAW_OPENBSD, RAW_BSD, RAW -> "raw";
      case PPP_HDLC -> "ppp-hdlc";
      case PPP_ETHER -> "pppoe";
      case LOOP -> "loop";
      case LINUX_SLL -> "linux-sll";
      case IPV4 -> "ipv4";
      case IPV6 -> "ipv6";
      case LINUX_SLL2 -> "linux-sll2";
      default -> "linktype-" + linkType;
    };
  }
}
