package org.iptraf.agent.bench;

/**
 * Writes one Ethernet frame at a time into a scratch array, header by header, the way a host's
 * stack would lay it out (IEEE 802.3, 802.1Q, RFC 791 with a valid header checksum, RFC 8200, RFC
 * 9293, RFC 768, RFC 792/4443, RFC 826). Payload bytes stay zero: nothing above the transport
 * header is read by the agent.
 */
final class FrameBuilder {

  static final int ETHERTYPE_IPV4 = 0x0800;
  static final int ETHERTYPE_IPV6 = 0x86DD;
  static final int ETHERTYPE_ARP = 0x0806;
  static final int ETHERTYPE_VLAN = 0x8100;
  static final int ETHERTYPE_LLDP = 0x88CC;

  static final int ETH_HEADER = 14;
  static final int VLAN_TAG = 4;
  static final int IPV4_HEADER = 20;
  static final int IPV6_HEADER = 40;
  static final int TCP_HEADER = 20;
  static final int UDP_HEADER = 8;
  static final int ICMP_HEADER = 8;
  static final int ARP_BODY = 28;
  static final int MIN_FRAME = 60; // without FCS: short frames are padded to it

  static final int PROTO_ICMP = 1;
  static final int PROTO_TCP = 6;
  static final int PROTO_UDP = 17;
  static final int PROTO_GRE = 47;
  static final int PROTO_ICMPV6 = 58;

  final byte[] bytes = new byte[65536];
  private int at;
  private int ipStart;
  private int identification;

  /** Starts a frame: Ethernet II header, with an 802.1Q tag when {@code vlan >= 0}. */
  FrameBuilder ethernet(long dstMac, long srcMac, int vlan, int etherType) {
    at = 0;
    put48(dstMac);
    put48(srcMac);
    if (vlan >= 0) {
      put16(ETHERTYPE_VLAN);
      put16(vlan & 0x0FFF);
    }
    put16(etherType);
    return this;
  }

  /** IPv4 header for a datagram of {@code payload} bytes after it; checksum filled in. */
  FrameBuilder ipv4(int src, int dst, int protocol, int payload) {
    ipStart = at;
    put8(0x45);
    put8(0);
    put16(IPV4_HEADER + payload);
    put16(identification++ & 0xFFFF);
    put16(0x4000); // don't fragment
    put8(64);
    put8(protocol);
    put16(0);
    put32(src);
    put32(dst);
    int sum = 0;
    for (int i = ipStart; i < at; i += 2) {
      sum += ((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF);
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xFFFF) + (sum >>> 16);
    }
    bytes[ipStart + 10] = (byte) (~sum >>> 8);
    bytes[ipStart + 11] = (byte) ~sum;
    return this;
  }

  FrameBuilder ipv6(long srcHi, long srcLo, long dstHi, long dstLo, int nextHeader, int payload) {
    ipStart = at;
    put32(0x6000_0000);
    put16(payload);
    put8(nextHeader);
    put8(64);
    put64(srcHi);
    put64(srcLo);
    put64(dstHi);
    put64(dstLo);
    return this;
  }

  FrameBuilder tcp(int srcPort, int dstPort, int seq, int ack, int flags, int window) {
    put16(srcPort);
    put16(dstPort);
    put32(seq);
    put32(ack);
    put8(5 << 4);
    put8(flags);
    put16(window);
    put16(0);
    put16(0);
    return this;
  }

  FrameBuilder udp(int srcPort, int dstPort, int payload) {
    put16(srcPort);
    put16(dstPort);
    put16(UDP_HEADER + payload);
    put16(0);
    return this;
  }

  FrameBuilder icmp(int type, int code, int id, int sequence) {
    put8(type);
    put8(code);
    put16(0);
    put16(id);
    put16(sequence);
    return this;
  }

  /** GRE (RFC 2784) carrying {@code protocolType}. */
  FrameBuilder gre(int protocolType) {
    put16(0);
    put16(protocolType);
    return this;
  }

  FrameBuilder arp(int operation, long senderMac, int senderIp, long targetMac, int targetIp) {
    put16(1);
    put16(ETHERTYPE_IPV4);
    put8(6);
    put8(4);
    put16(operation);
    put48(senderMac);
    put32(senderIp);
    put48(targetMac);
    put32(targetIp);
    return this;
  }

  /** An 802.3 frame with an LLC header (spanning tree: DSAP/SSAP 0x42, UI) and a BPDU body. */
  FrameBuilder llcStp(long dstMac, long srcMac) {
    at = 0;
    put48(dstMac);
    put48(srcMac);
    put16(3 + 35);
    put8(0x42);
    put8(0x42);
    put8(0x03);
    at += 35;
    return this;
  }

  /** Ends the frame: its length on the wire, padded to the Ethernet minimum. */
  int end(int payload) {
    int length = Math.max(MIN_FRAME, at + payload);
    java.util.Arrays.fill(bytes, at, length, (byte) 0);
    return length;
  }

  private void put8(int v) {
    bytes[at++] = (byte) v;
  }

  private void put16(int v) {
    put8(v >>> 8);
    put8(v);
  }

  private void put32(int v) {
    put16(v >>> 16);
    put16(v);
  }

  private void put48(long v) {
    put16((int) (v >>> 32));
    put32((int) v);
  }

  private void put64(long v) {
    put32((int) (v >>> 32));
    put32((int) v);
  }
}
