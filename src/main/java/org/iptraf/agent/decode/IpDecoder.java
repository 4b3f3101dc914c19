package org.iptraf.agent.decode;

/** Network and transport headers: ARP, IPv4, IPv6 with its extension headers, TCP, UDP, ICMP. */
final class IpDecoder {

  /*
   * IPv4 (RFC 791 3.1):
   *  0                   1                   2                   3
   *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |Version|  IHL  |Type of Service|          Total Length         |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |         Identification        |Flags|      Fragment Offset    |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |  Time to Live |    Protocol   |         Header Checksum       |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |                       Source Address                          |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |                    Destination Address                        |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |                    Options (IHL > 5)                          |
   */
  /* The fixed header read as five 32-bit words: the first three hold the fields below. */
  static final int V4_LENGTH_WORD = 0; // version, IHL, TOS, total length
  static final int V4_FRAGMENT_WORD = 4; // identification, flags, fragment offset
  static final int V4_PROTOCOL_WORD = 8; // TTL, protocol, header checksum
  static final int V4_SRC = 12;
  static final int V4_DST = 16;
  static final int V4_MIN_HEADER = 20;
  static final int V4_MORE_FRAGMENTS = 0x2000;
  static final int V4_OFFSET_MASK = 0x1FFF;

  /*
   * IPv6 (RFC 8200 3):
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |Version| Traffic Class |           Flow Label                  |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |         Payload Length        |  Next Header  |   Hop Limit   |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |                   Source Address (16)                         |
   * |                Destination Address (16)                       |
   */
  static final int V6_SRC = 8;
  static final int V6_DST = 24;
  static final int V6_HEADER = 40;

  /*
   * Extension headers (RFC 8200 4): next header (1), length (1), ... Hop-by-hop, routing and
   * destination options count length in 8-octet units not counting the first 8; AH (RFC 4302)
   * in 4-octet units minus 2. The fragment header is always 8 octets:
   * | next header | reserved | fragment offset (13) | res (2) | M | identification (4) |
   */
  static final int EXT_NEXT = 0;
  static final int EXT_LENGTH = 1;
  static final int EXT_MIN = 8;
  static final int FRAG_OFFSET_FLAGS = 2;
  static final int FRAG_OFFSET_MASK = 0xFFF8;
  static final int FRAG_MORE = 0x0001;
  static final int MAX_EXTENSION_HEADERS = 16;

  /* ARP (RFC 826): htype (2), ptype (2), hlen (1), plen (1), operation (2), addresses. */
  static final int ARP_FIXED = 8;

  /*
   * TCP (RFC 9293 3.1): src port (2), dst port (2), seq (4), ack (4),
   * data offset (4 bits) + reserved (4 bits), flags (8: CWR ECE URG ACK PSH RST SYN FIN), window.
   */
  static final int TCP_PORTS = 0; // source port, destination port: one 32-bit word
  static final int TCP_OFFSET = 12; // data offset, flags, window: one 32-bit word
  static final int TCP_MIN_HEADER = 20;

  /* UDP (RFC 768): src port, dst port, length, checksum. */
  static final int UDP_HEADER = 8;

  /* ICMP (RFC 792) / ICMPv6 (RFC 4443) / IGMP (RFC 2236): type (1), code (1), checksum (2). */
  static final int ICMP_TYPE_CODE = 2;

  /* GRE (RFC 2784): flags and version (2), protocol type (2). */
  static final int GRE_HEADER = 4;

  private final PacketDecoder d;

  IpDecoder(PacketDecoder decoder) {
    this.d = decoder;
  }

  void arp(int at) {
    Packet p = d.packet();
    p.network = Packet.NET_ARP;
    p.networkOffset = at;
    if (d.need(at, ARP_FIXED)) {
      long fixed = d.i64(at); // htype, ptype, hlen, plen, operation
      p.arpOperation = (int) fixed & 0xFFFF;
      int addresses = 2 * (((int) (fixed >>> 24) & 0xFF) + ((int) (fixed >>> 16) & 0xFF));
      d.need(at + ARP_FIXED, addresses); // a cut address part is a malformed ARP
    }
  }

  void ipv4(int at) {
    Packet p = d.packet();
    if (!d.need(at, V4_MIN_HEADER)) {
      return;
    }
    // the five words of the fixed header, each read once: for the fields and for the checksum
    int w0 = d.i32(at + V4_LENGTH_WORD);
    int w1 = d.i32(at + V4_FRAGMENT_WORD);
    int w2 = d.i32(at + V4_PROTOCOL_WORD);
    int src = d.i32(at + V4_SRC);
    int dst = d.i32(at + V4_DST);
    int versionIhl = w0 >>> 24;
    int headerLength = (versionIhl & 0x0F) * 4;
    if (versionIhl >>> 4 != 4 || headerLength < V4_MIN_HEADER) {
      p.malformed = true;
      return;
    }
    p.network = Packet.NET_IPV4;
    p.networkOffset = at;
    int totalLength = w0 & 0xFFFF;
    int onWire = d.wireRemaining(at);
    if (totalLength < headerLength || totalLength > onWire) {
      p.malformed = true;
      totalLength = Math.min(Math.max(totalLength, headerLength), onWire);
    }
    p.ipLength = totalLength;
    p.protocol = (w2 >>> 16) & 0xFF;
    p.srcHi = 0;
    p.srcLo = Packet.IPV4_MAPPED | (src & 0xFFFF_FFFFL);
    p.dstHi = 0;
    p.dstLo = Packet.IPV4_MAPPED | (dst & 0xFFFF_FFFFL);
    if (!p.hasMacs) {
      p.broadcast |= dst == -1;
      p.multicast |= (dst >>> 28) == 0xE;
    }
    int flagsOffset = w1 & 0xFFFF;
    p.fragment = (flagsOffset & (V4_MORE_FRAGMENTS | V4_OFFSET_MASK)) != 0;
    p.laterFragment = (flagsOffset & V4_OFFSET_MASK) != 0;
    if (!d.need(at, headerLength)) {
      return;
    }
    long sum =
        (w0 & 0xFFFF_FFFFL)
            + (w1 & 0xFFFF_FFFFL)
            + (w2 & 0xFFFF_FFFFL)
            + (src & 0xFFFF_FFFFL)
            + (dst & 0xFFFF_FFFFL);
    p.badIpChecksum = checksum(sum, at + V4_MIN_HEADER, headerLength - V4_MIN_HEADER) != 0;
    if (!p.laterFragment) {
      transport(at + headerLength, at + totalLength);
    }
  }

  /**
   * RFC 1071 ones' complement sum of {@code sum} plus the 32-bit words at {@code [at, at +
   * length)}; 0 when a header with its checksum field is intact. The header is a whole number of
   * 32-bit words, summed a word at a time: 2^16 = 1 modulo 2^16 - 1, so folding the sum of 32-bit
   * words gives the sum of the 16-bit ones (RFC 1071, 2.(B)).
   */
  private int checksum(long sum, int at, int length) {
    for (int i = 0; i < length; i += 4) {
      sum += d.i32(at + i) & 0xFFFF_FFFFL;
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xFFFF) + (sum >>> 16);
    }
    return (int) ~sum & 0xFFFF;
  }

  void ipv6(int at) {
    Packet p = d.packet();
    if (!d.need(at, V6_HEADER)) {
      return;
    }
    // version, traffic class, flow label, payload length, next header, hop limit: one read
    long first = d.i64(at);
    if ((int) (first >>> 60) != 6) {
      p.malformed = true;
      return;
    }
    p.network = Packet.NET_IPV6;
    p.networkOffset = at;
    int payloadLength = (int) (first >>> 16) & 0xFFFF;
    int next = (int) (first >>> 8) & 0xFF;
    int total = V6_HEADER + payloadLength;
    int onWire = d.wireRemaining(at);
    if (payloadLength == 0 && next == IpProtocol.HOPOPT) {
      // a jumbogram (RFC 2675) or Linux BIG TCP: the length is in a hop-by-hop option; the
      // datagram runs to the end of the frame
      total = onWire;
    } else if (total > onWire) {
      p.malformed = true;
      total = onWire;
    }
    p.ipLength = total;
    p.srcHi = d.i64(at + V6_SRC);
    p.srcLo = d.i64(at + V6_SRC + 8);
    p.dstHi = d.i64(at + V6_DST);
    p.dstLo = d.i64(at + V6_DST + 8);
    if (!p.hasMacs) {
      p.multicast |= (p.dstHi >>> 56) == 0xFF;
    }
    int end = at + total;
    int cursor = extensionHeaders(p, next, at + V6_HEADER, end);
    if (cursor >= 0 && !p.laterFragment) {
      transport(cursor, end);
    }
  }

  /**
   * Walks the extension headers (RFC 8200, 4) from {@code cursor} up to the upper-layer header,
   * whose protocol it leaves in {@code p.protocol}: that header's offset, or -1 when the walk ended
   * the packet (too many headers, or one past the datagram or the capture).
   */
  private int extensionHeaders(Packet p, int next, int cursor, int end) {
    p.protocol = next;
    for (int n = 0; isExtension(next); n++) {
      if (n == MAX_EXTENSION_HEADERS) {
        p.malformed = true;
        return -1;
      }
      if (cursor + EXT_MIN > end) {
        p.malformed = true;
        return -1;
      }
      if (!d.need(cursor, EXT_MIN)) {
        return -1;
      }
      int length =
          next == IpProtocol.AH
              ? (d.u8(cursor + EXT_LENGTH) + 2) * 4
              : next == IpProtocol.IPV6_FRAG ? EXT_MIN : (d.u8(cursor + EXT_LENGTH) + 1) * 8;
      if (next == IpProtocol.IPV6_FRAG) {
        int offsetFlags = d.u16(cursor + FRAG_OFFSET_FLAGS);
        p.fragment = true;
        p.laterFragment = (offsetFlags & FRAG_OFFSET_MASK) != 0;
      }
      next = d.u8(cursor + EXT_NEXT);
      cursor += length;
      p.ipv6ExtensionHeaders++;
      p.protocol = next;
    }
    return cursor;
  }

  private static boolean isExtension(int next) {
    return next == IpProtocol.HOPOPT
        || next == IpProtocol.IPV6_ROUTE
        || next == IpProtocol.IPV6_FRAG
        || next == IpProtocol.IPV6_OPTS
        || next == IpProtocol.AH;
  }

  /** Reads ports or type/code; {@code end} is where the IP datagram ends on the wire. */
  private void transport(int at, int end) {
    Packet p = d.packet();
    switch (p.protocol) {
      case IpProtocol.TCP -> {
        if (fits(at, TCP_MIN_HEADER, end)) {
          int ports = d.i32(at + TCP_PORTS);
          int control = d.i32(at + TCP_OFFSET);
          p.srcPort = ports >>> 16;
          p.dstPort = ports & 0xFFFF;
          p.tcpFlags = (control >>> 16) & 0xFF;
          p.tcpWindow = control & 0xFFFF;
          p.hasTransport = true;
          if ((control >>> 28) * 4 < TCP_MIN_HEADER) {
            p.malformed = true;
          }
        }
      }
      case IpProtocol.UDP -> {
        if (fits(at, UDP_HEADER, end)) {
          int ports = d.i32(at);
          p.srcPort = ports >>> 16;
          p.dstPort = ports & 0xFFFF;
          p.hasTransport = true;
        }
      }
      case IpProtocol.ICMP, IpProtocol.ICMPV6, IpProtocol.IGMP -> {
        if (fits(at, ICMP_TYPE_CODE, end)) {
          int typeCode = d.u16(at);
          p.icmpType = typeCode >>> 8;
          p.icmpCode = typeCode & 0xFF;
          p.hasTransport = true;
        }
      }
      case IpProtocol.GRE -> {
        if (fits(at, GRE_HEADER, end)) {
          p.greProtocol = d.u16(at + 2);
        }
      }
      default -> {
        // any other protocol is counted by number
      }
    }
  }

  /**
   * The header lies inside the datagram and was captured; marks malformed if the datagram is short.
   */
  private boolean fits(int at, int length, int end) {
    if (at + length > end) {
      d.packet().malformed = true;
      return false;
    }
    return d.need(at, length);
  }
}
