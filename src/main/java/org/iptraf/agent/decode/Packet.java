package org.iptraf.agent.decode;

/**
 * What {@link PacketDecoder} learned about one frame: a reusable struct, overwritten by the next
 * decode, so the hot path creates no object per packet. Fields are public and plain on purpose: the
 * one thread that decodes is the one that reads them, right after.
 *
 * <p>IP addresses of both versions live in two longs each: IPv6 as its 128 bits, IPv4 as the
 * IPv4-mapped IPv6 address {@code ::ffff:a.b.c.d} (RFC 4291 2.5.5.2), so tables key both the same.
 */
public final class Packet {

  /** No network layer recognised (or none present): counted as non-IP. */
  public static final int NET_NONE = 0;

  public static final int NET_IPV4 = 4;
  public static final int NET_IPV6 = 6;

  /** ARP or RARP (RFC 826, RFC 903): a non-IP frame. */
  public static final int NET_ARP = 1;

  /** Upper bits of the IPv4-mapped prefix, in the low long: ::ffff:0:0/96. */
  public static final long IPV4_MAPPED = 0xFFFF_0000_0000L;

  // ---- frame and link layer ----
  public int linkType;
  public int originalLength;
  public int capturedLength;

  /** Direction after the link header had its say: FrameSink.DIRECTION_IN or _OUT. */
  public int direction;

  /** The link type is one the decoder does not know; nothing above it was read. */
  public boolean unknownLinkType;

  /** A header we needed was cut short or inconsistent; what came before it is still valid. */
  public boolean malformed;

  /** A Linux cooked frame of a loopback device sent by this host: the in copy follows. */
  public boolean loopbackOutCopy;

  /** Ethernet-like source/destination MAC present in {@link #srcMac}/{@link #dstMac}. */
  public boolean hasMacs;

  public long srcMac;
  public long dstMac;
  public boolean broadcast;
  public boolean multicast;

  /** Outermost VLAN id (kernel-stripped tag first, then in-frame tags), or -1. */
  public int vlanId;

  /** VLAN tags found in the frame itself (802.1Q, 802.1ad, QinQ). */
  public int vlanTags;

  /** Final ethertype after tags, SNAP, PPP mapping; {@link EtherType#LLC} for plain 802.2. */
  public int etherType;

  // ---- network layer ----
  /** One of NET_NONE, NET_ARP, NET_IPV4, NET_IPV6. */
  public int network;

  /** Offset of the network header in the buffer. */
  public int networkOffset;

  public long srcHi;
  public long srcLo;
  public long dstHi;
  public long dstLo;

  /** IP total length (IPv4) or 40 + payload length (IPv6), clipped to what the wire held. */
  public int ipLength;

  /** Upper-layer protocol: IPv4 protocol field, or IPv6 next header after extension headers. */
  public int protocol;

  public boolean badIpChecksum;

  /** Part of a fragmented datagram (IPv4 MF/offset, IPv6 fragment header). */
  public boolean fragment;

  /** A fragment with offset 0 carries the transport header; later ones do not. */
  public boolean laterFragment;

  public int ipv6ExtensionHeaders;

  public int arpOperation;

  // ---- transport layer ----
  /** Ports (TCP/UDP), or type/code (ICMP, ICMPv6, IGMP type) were read. */
  public boolean hasTransport;

  public int srcPort;
  public int dstPort;
  public int tcpFlags;
  public int tcpWindow;
  public int icmpType;
  public int icmpCode;

  /** GRE's protocol type (RFC 2784), or -1. */
  public int greProtocol;

  public boolean isIp() {
    return network == NET_IPV4 || network == NET_IPV6;
  }

  void clear() {
    linkType = 0;
    originalLength = 0;
    capturedLength = 0;
    direction = 0;
    unknownLinkType = false;
    malformed = false;
    loopbackOutCopy = false;
    hasMacs = false;
    srcMac = 0;
    dstMac = 0;
    broadcast = false;
    multicast = false;
    vlanId = -1;
    vlanTags = 0;
    etherType = -1;
    network = NET_NONE;
    networkOffset = -1;
    srcHi = 0;
    srcLo = 0;
    dstHi = 0;
    dstLo = 0;
    ipLength = 0;
    protocol = -1;
    badIpChecksum = false;
    fragment = false;
    laterFragment = false;
    ipv6ExtensionHeaders = 0;
    arpOperation = 0;
    hasTransport = false;
    srcPort = 0;
    dstPort = 0;
    tcpFlags = 0;
    tcpWindow = 0;
    icmpType = -1;
    icmpCode = -1;
    greProtocol = -1;
  }
}
