package org.iptraf.agent.capture.live;

import org.iptraf.agent.capture.LinkType;

/**
 * Maps a device's ARPHRD_* type (linux/if_arp.h, {@code sll_hatype}, {@code /sys/class/net/X/type})
 * onto the pcap link type of the bytes a SOCK_RAW packet socket delivers for it. Devices without
 * header_ops (tun, ipip, sit, gre, ppp, slip) deliver the IP header first, so they map to RAW.
 */
public final class ArpHrd {

  public static final int ETHER = 1;
  public static final int IEEE802 = 6;
  public static final int ARCNET = 7;
  public static final int DLCI = 15;
  public static final int INFINIBAND = 32;
  public static final int SLIP = 256;
  public static final int CSLIP = 257;
  public static final int SLIP6 = 258;
  public static final int CSLIP6 = 259;
  public static final int CAN = 280;
  public static final int PPP = 512;
  public static final int CISCO = 513;
  public static final int RAWIP = 519;
  public static final int TUNNEL = 768;
  public static final int TUNNEL6 = 769;
  public static final int FRAD = 770;
  public static final int LOOPBACK = 772;
  public static final int FDDI = 774;
  public static final int SIT = 776;
  public static final int IPGRE = 778;
  public static final int IRDA = 783;
  public static final int IEEE802_TR = 800;
  public static final int IEEE80211 = 801;
  public static final int IEEE80211_PRISM = 802;
  public static final int IEEE80211_RADIOTAP = 803;
  public static final int IEEE802154 = 804;
  public static final int IEEE802154_MONITOR = 805;
  public static final int IP6GRE = 823;
  public static final int NETLINK = 824;
  public static final int VSOCKMON = 826;
  public static final int NONE = 0xFFFE;

  /**
   * The link type handed to the decoder for devices we have no mapping for; it is no LINKTYPE_
   * value, so the tables count such frames in {@code capture.unknownLinkType}.
   */
  public static final int UNMAPPED_LINK_TYPE = 0xFFFF;

  private ArpHrd() {}

  /** The pcap LINKTYPE_ of frames read from a SOCK_RAW socket on a device of this ARPHRD type. */
  public static int toLinkType(int arphrd) {
    return switch (arphrd) {
      case ETHER, LOOPBACK -> LinkType.ETHERNET;
      // No link header on these: the kernel hands SOCK_RAW the IP header (IPv4 or IPv6) first.
      // A gre device with header_ops (no fixed remote) shows the outer IP header, still raw IP.
      case NONE, TUNNEL, TUNNEL6, SIT, IPGRE, IP6GRE, PPP, RAWIP, SLIP, CSLIP, SLIP6, CSLIP6 ->
          LinkType.RAW;
      case IEEE802, IEEE802_TR -> 6; // LINKTYPE_IEEE802_5
      case ARCNET -> 129; // LINKTYPE_ARCNET_LINUX
      case FDDI -> 10; // LINKTYPE_FDDI
      case DLCI, FRAD -> 107; // LINKTYPE_FRELAY
      case CISCO -> 104; // LINKTYPE_C_HDLC
      case IEEE80211 -> 105; // LINKTYPE_IEEE802_11
      case IEEE80211_PRISM -> 119; // LINKTYPE_IEEE802_11_PRISM
      case IEEE80211_RADIOTAP -> 127; // LINKTYPE_IEEE802_11_RADIOTAP
      case IEEE802154, IEEE802154_MONITOR -> 230; // LINKTYPE_IEEE802_15_4_NOFCS
      case IRDA -> 144; // LINKTYPE_LINUX_IRDA
      case INFINIBAND -> 242; // LINKTYPE_IPOIB
      case CAN -> 227; // LINKTYPE_CAN_SOCKETCAN
      case NETLINK -> 253; // LINKTYPE_NETLINK
      case VSOCKMON -> 271; // LINKTYPE_VSOCK
      default -> UNMAPPED_LINK_TYPE;
    };
  }
}
