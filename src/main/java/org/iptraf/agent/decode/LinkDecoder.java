package org.iptraf.agent.decode;

import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.LinkType;

/** Link-layer headers: finds the network header's ethertype and offset, MACs, VLANs, direction. */
final class LinkDecoder {

  /*
   * Ethernet II / IEEE 802.3 (IEEE 802.3 clause 3):
   *  0                   1                   2                   3
   *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |                  destination MAC (6)                          |
   * +                               +-------------------------------+
   * |                               |       source MAC (6)          |
   * +-------------------------------+                               +
   * |                                                               |
   * +-------------------------------+-------------------------------+
   * | ethertype or 802.3 length (2) | payload / 802.1Q TCI ...
   * +-------------------------------+
   */
  static final int ETH_DST = 0;
  static final int ETH_SRC = 6;
  static final int ETH_HEADER = 14;

  /* 802.1Q / 802.1ad tag after the type field: TCI (PCP 3, DEI 1, VID 12) then inner type. */
  static final int VLAN_TCI = 0;
  static final int VLAN_TAG = 4;
  static final int MAX_VLAN_TAGS = 8;

  /* 802.2 LLC: DSAP, SSAP, control; SNAP (RFC 1042) adds OUI (3) and an ethertype (2). */
  static final int LLC_HEADER = 3;
  static final int SNAP_SAP = 0xAA;
  static final int LLC_UI = 0x03;
  static final int SNAP_TYPE = 6;
  static final int SNAP_HEADER = 8;

  /*
   * Linux cooked v1 (LINKTYPE_LINUX_SLL), 16 bytes:
   * | packet type (2) | ARPHRD type (2) | addr len (2) | address (8) | protocol (2) |
   */
  static final int SLL_PKTTYPE = 0;
  static final int SLL_HATYPE = 2;
  static final int SLL_HALEN = 4;
  static final int SLL_ADDR = 6;
  static final int SLL_PROTOCOL = 14;
  static final int SLL_HEADER = 16;

  /*
   * Linux cooked v2 (LINKTYPE_LINUX_SLL2), 20 bytes:
   * | protocol (2) | reserved (2) | ifindex (4) | ARPHRD (2) | pkttype (1) | halen (1) | addr (8) |
   */
  static final int SLL2_PROTOCOL = 0;
  static final int SLL2_HATYPE = 8;
  static final int SLL2_PKTTYPE = 10;
  static final int SLL2_HALEN = 11;
  static final int SLL2_ADDR = 12;
  static final int SLL2_HEADER = 20;

  /* sll_pkttype values (linux/if_packet.h). */
  static final int PACKET_BROADCAST = 1;
  static final int PACKET_MULTICAST = 2;
  static final int PACKET_OUTGOING = 4;

  /* SLL protocol values that are not ethertypes (linux/if_ether.h). */
  static final int SLL_P_802_3 = 0x0001;
  static final int SLL_P_802_2 = 0x0004;

  static final int ARPHRD_LOOPBACK = 772;

  /* BSD null/loop: a 4-byte address family. AF_INET is 2 everywhere; AF_INET6 differs. */
  static final int NULL_HEADER = 4;
  static final int AF_INET = 2;
  static final int AF_INET6_LINUX = 10;
  static final int AF_INET6_BSD = 24;
  static final int AF_INET6_FREEBSD = 28;
  static final int AF_INET6_DARWIN = 30;

  /* PPP (RFC 1661/1662): optional FF 03 address/control, then a 1- or 2-byte protocol. */
  static final int PPP_ADDRESS = 0xFF;
  static final int PPP_CONTROL = 0x03;
  static final int PPP_IPV4 = 0x0021;
  static final int PPP_IPV6 = 0x0057;
  /* MPLS over PPP (RFC 3032 4.3): unicast and multicast label stacks. */
  static final int PPP_MPLS = 0x0281;
  static final int PPP_MPLS_MULTICAST = 0x0283;

  /* PPPoE session (RFC 2516): ver/type, code, session id (2), length (2), then PPP protocol. */
  static final int PPPOE_HEADER = 6;

  /* BPF SLIP pseudo-header: direction (1, 0 in / 1 out), then 15 bytes of link info. */
  static final int SLIP_HEADER = 16;
  static final int SLIPDIR_OUT = 1;

  /* MPLS label stack entry (RFC 3032): label 20, TC 3, bottom-of-stack 1, TTL 8. */
  static final int MPLS_ENTRY = 4;
  static final int MPLS_BOTTOM = 0x100;
  static final int MAX_MPLS_LABELS = 16;

  static final long BROADCAST_MAC = 0xFFFF_FFFF_FFFFL;
  static final long GROUP_BIT = 0x0100_0000_0000L;

  private final PacketDecoder d;

  LinkDecoder(PacketDecoder decoder) {
    this.d = decoder;
  }

  void decode(int linkType, int at) {
    switch (linkType) {
      case LinkType.ETHERNET -> ethernet(at);
      case LinkType.LINUX_SLL -> sll(at);
      case LinkType.LINUX_SLL2 -> sll2(at);
      case LinkType.RAW, LinkType.RAW_BSD, LinkType.RAW_OPENBSD -> d.rawIp(at);
      case LinkType.IPV4 -> d.network(EtherType.IPV4, at);
      case LinkType.IPV6 -> d.network(EtherType.IPV6, at);
      case LinkType.NULL -> bsdNull(at, false);
      case LinkType.LOOP -> bsdNull(at, true);
      case LinkType.PPP, LinkType.PPP_HDLC -> ppp(at);
      case LinkType.PPP_ETHER -> pppoe(at);
      case LinkType.SLIP -> slip(at);
      default -> d.packet().unknownLinkType = true;
    }
  }

  private void ethernet(int at) {
    Packet p = d.packet();
    if (!d.need(at, ETH_HEADER)) {
      return;
    }
    p.hasMacs = true;
    // two reads cover the header: bytes 0-7 (destination, then 2 source bytes) and 6-13
    // (source, then the type)
    long head = d.i64(at + ETH_DST);
    long tail = d.i64(at + ETH_SRC);
    p.dstMac = head >>> 16;
    p.srcMac = tail >>> 16;
    if (p.dstMac == BROADCAST_MAC) {
      p.broadcast = true;
    } else if ((p.dstMac & GROUP_BIT) != 0) {
      p.multicast = true;
    }
    afterType((int) tail & 0xFFFF, at + ETH_HEADER);
  }

  /** Continues after a type/length field: VLAN tags, LLC/SNAP, PPPoE, MPLS, then the network. */
  private void afterType(int type, int at) {
    Packet p = d.packet();
    int tags = 0;
    while (EtherType.isVlanTag(type)) {
      if (tags == MAX_VLAN_TAGS || !d.need(at, VLAN_TAG)) {
        p.malformed |= tags == MAX_VLAN_TAGS;
        p.etherType = type;
        return;
      }
      int tag = d.i32(at + VLAN_TCI); // TCI, then the inner type
      if (p.vlanId < 0) {
        p.vlanId = (tag >>> 16) & 0x0FFF;
      }
      type = tag & 0xFFFF;
      at += VLAN_TAG;
      tags++;
    }
    p.vlanTags = tags;
    if (type <= EtherType.MAX_8023_LENGTH) {
      llc(at);
    } else if (type < EtherType.MIN_ETHERTYPE) {
      p.etherType = type; // neither a length nor an ethertype: counted, not decoded
    } else if (type == EtherType.PPPOE_SESSION) {
      p.etherType = type;
      pppoeSession(at);
    } else if (type == EtherType.MPLS || type == EtherType.MPLS_MULTICAST) {
      p.etherType = type;
      mpls(at);
    } else {
      d.network(type, at);
    }
  }

  private void llc(int at) {
    Packet p = d.packet();
    p.etherType = EtherType.LLC;
    if (!d.need(at, LLC_HEADER)) {
      return;
    }
    if (d.u8(at) == SNAP_SAP && d.u8(at + 1) == SNAP_SAP && d.u8(at + 2) == LLC_UI) {
      if (d.need(at, SNAP_HEADER)) {
        int type = d.u16(at + SNAP_TYPE);
        if (type >= EtherType.MIN_ETHERTYPE) {
          d.network(type, at + SNAP_HEADER);
        }
      }
    }
  }

  private void sll(int at) {
    Packet p = d.packet();
    if (!d.need(at, SLL_HEADER)) {
      return;
    }
    int halen = d.u16(at + SLL_HALEN);
    cooked(d.u16(at + SLL_PKTTYPE), d.u16(at + SLL_HATYPE), halen, at + SLL_ADDR);
    cookedProtocol(d.u16(at + SLL_PROTOCOL), at + SLL_HEADER);
    p.linkType = LinkType.LINUX_SLL;
  }

  private void sll2(int at) {
    if (!d.need(at, SLL2_HEADER)) {
      return;
    }
    cooked(d.u8(at + SLL2_PKTTYPE), d.u16(at + SLL2_HATYPE), d.u8(at + SLL2_HALEN), at + SLL2_ADDR);
    cookedProtocol(d.u16(at + SLL2_PROTOCOL), at + SLL2_HEADER);
  }

  /** The cooked header's packet type gives direction and broadcast/multicast. */
  private void cooked(int pktType, int haType, int halen, int addrAt) {
    Packet p = d.packet();
    if (pktType == PACKET_OUTGOING) {
      p.direction = FrameSink.DIRECTION_OUT;
      p.loopbackOutCopy = haType == ARPHRD_LOOPBACK;
    } else {
      p.direction = FrameSink.DIRECTION_IN;
    }
    p.broadcast = pktType == PACKET_BROADCAST;
    p.multicast = pktType == PACKET_MULTICAST;
    if (halen == 6 && haType != ARPHRD_LOOPBACK) {
      // only the sender's address is in a cooked header: enough for the station monitor's
      // sender side, not for a destination
      p.srcMac = d.u48(addrAt);
    }
  }

  private void cookedProtocol(int protocol, int at) {
    if (protocol == SLL_P_802_2) {
      llc(at);
    } else if (protocol < EtherType.MIN_ETHERTYPE) {
      d.packet().etherType = protocol; // Novell 802.3, CAN, ...: counted as non-IP
    } else {
      afterType(protocol, at);
    }
  }

  private void bsdNull(int at, boolean networkOrder) {
    Packet p = d.packet();
    if (!d.need(at, NULL_HEADER)) {
      return;
    }
    int family = networkOrder ? d.i32(at) : d.i32le(at);
    if (!networkOrder && (family & 0xFFFF_0000) != 0) {
      family = d.i32(at); // written by a big-endian host
    }
    switch (family) {
      case AF_INET -> d.network(EtherType.IPV4, at + NULL_HEADER);
      case AF_INET6_LINUX, AF_INET6_BSD, AF_INET6_FREEBSD, AF_INET6_DARWIN ->
          d.network(EtherType.IPV6, at + NULL_HEADER);
      default -> p.etherType = EtherType.BSD_FAMILY | (family & 0xFFFF);
    }
  }

  private void ppp(int at) {
    if (!d.need(at, 2)) {
      return;
    }
    if (d.u8(at) == PPP_ADDRESS && d.u8(at + 1) == PPP_CONTROL) {
      at += 2;
    }
    pppProtocol(at);
  }

  private void pppoe(int at) {
    Packet p = d.packet();
    p.etherType = EtherType.PPPOE_SESSION;
    pppoeSession(at);
  }

  private void pppoeSession(int at) {
    if (d.need(at, PPPOE_HEADER)) {
      pppProtocol(at + PPPOE_HEADER);
    }
  }

  /** PPP protocol field: one byte when compressed (RFC 1661 6.5: odd first byte), else two. */
  private void pppProtocol(int at) {
    Packet p = d.packet();
    if (!d.need(at, 1)) {
      return;
    }
    int protocol;
    int length;
    if ((d.u8(at) & 1) == 1) {
      protocol = d.u8(at);
      length = 1;
    } else {
      if (!d.need(at, 2)) {
        return;
      }
      protocol = d.u16(at);
      length = 2;
    }
    switch (protocol) {
      case PPP_IPV4 -> d.network(EtherType.IPV4, at + length);
      case PPP_IPV6 -> d.network(EtherType.IPV6, at + length);
      case PPP_MPLS, PPP_MPLS_MULTICAST -> {
        p.etherType = EtherType.MPLS;
        mpls(at + length);
      }
      default -> p.etherType = EtherType.PPP_PROTOCOL | protocol;
    }
  }

  private void slip(int at) {
    Packet p = d.packet();
    if (!d.need(at, SLIP_HEADER)) {
      return;
    }
    if (d.u8(at) == SLIPDIR_OUT) {
      p.direction = FrameSink.DIRECTION_OUT;
    }
    d.rawIp(at + SLIP_HEADER);
  }

  /** Walks the label stack to its bottom; the payload's version nibble says IPv4 or IPv6. */
  private void mpls(int at) {
    for (int i = 0; i < MAX_MPLS_LABELS; i++) {
      if (!d.need(at, MPLS_ENTRY)) {
        return;
      }
      boolean bottom = (d.u16(at + 2) & MPLS_BOTTOM) != 0;
      at += MPLS_ENTRY;
      if (bottom) {
        if (d.need(at, 1)) {
          int version = d.u8(at) >>> 4;
          if (version == 4) {
            d.network(EtherType.IPV4, at);
          } else if (version == 6) {
            d.network(EtherType.IPV6, at);
          }
        }
        return;
      }
    }
    d.packet().malformed = true;
  }
}
