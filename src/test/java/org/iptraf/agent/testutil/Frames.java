package org.iptraf.agent.testutil;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Builds frames byte by byte from the RFCs, with correct lengths and checksums, so tests know every
 * field they later expect to read. Each method returns a fresh array.
 */
public final class Frames {
  public static final byte[] MAC_A = mac("02:00:00:00:00:0a");
  public static final byte[] MAC_B = mac("02:00:00:00:00:0b");
  public static final byte[] BROADCAST = mac("ff:ff:ff:ff:ff:ff");

  public static final int FIN = 0x01;
  public static final int SYN = 0x02;
  public static final int RST = 0x04;
  public static final int PSH = 0x08;
  public static final int ACK = 0x10;

  private Frames() {}

  public static byte[] mac(String text) {
    String[] p = text.split(":");
    byte[] b = new byte[6];
    for (int i = 0; i < 6; i++) {
      b[i] = (byte) Integer.parseInt(p[i], 16);
    }
    return b;
  }

  public static byte[] ip(String text) {
    try {
      return InetAddress.getByName(text).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  public static byte[] zeros(int n) {
    return new byte[n];
  }

  static byte[] u16(int v) {
    return new byte[] {(byte) (v >>> 8), (byte) v};
  }

  static byte[] u32(long v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  // ---- link layer ----

  /** Ethernet II: dst, src, ethertype, payload (no padding, no FCS). */
  public static byte[] ethernet(byte[] dst, byte[] src, int etherType, byte[] payload) {
    return concat(dst, src, u16(etherType), payload);
  }

  /** Ethernet with one or more VLAN tags (outermost first), each with its own TPID. */
  public static byte[] tagged(
      byte[] dst, byte[] src, int[] tpids, int[] vlanIds, int etherType, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(dst);
    out.writeBytes(src);
    for (int i = 0; i < tpids.length; i++) {
      out.writeBytes(u16(tpids[i]));
      out.writeBytes(u16(vlanIds[i] & 0x0FFF));
    }
    out.writeBytes(u16(etherType));
    out.writeBytes(payload);
    return out.toByteArray();
  }

  /** IEEE 802.3 with 802.2 LLC and SNAP (RFC 1042) carrying an ethertype. */
  public static byte[] snap(byte[] dst, byte[] src, int etherType, byte[] payload) {
    byte[] llc =
        concat(new byte[] {(byte) 0xAA, (byte) 0xAA, 0x03, 0, 0, 0}, u16(etherType), payload);
    return concat(dst, src, u16(llc.length), llc);
  }

  /** IEEE 802.3 with a plain 802.2 LLC header (e.g. DSAP/SSAP 0x42 spanning tree). */
  public static byte[] llc(byte[] dst, byte[] src, int sap, byte[] payload) {
    byte[] llc = concat(new byte[] {(byte) sap, (byte) sap, 0x03}, payload);
    return concat(dst, src, u16(llc.length), llc);
  }

  /** Linux cooked v1: packet type, ARPHRD type, sender address, protocol. */
  public static byte[] sll(int packetType, int arphrd, byte[] addr, int protocol, byte[] payload) {
    byte[] a = new byte[8];
    System.arraycopy(addr, 0, a, 0, addr.length);
    return concat(u16(packetType), u16(arphrd), u16(addr.length), a, u16(protocol), payload);
  }

  /** Linux cooked v2. */
  public static byte[] sll2(int packetType, int arphrd, byte[] addr, int protocol, byte[] payload) {
    byte[] a = new byte[8];
    System.arraycopy(addr, 0, a, 0, addr.length);
    return concat(
        u16(protocol),
        u16(0),
        u32(3),
        u16(arphrd),
        new byte[] {(byte) packetType, (byte) addr.length},
        a,
        payload);
  }

  /** BSD null: address family in little-endian (host order of a little-endian capturer). */
  public static byte[] bsdNull(int family, byte[] payload) {
    return concat(new byte[] {(byte) family, (byte) (family >>> 8), 0, 0}, payload);
  }

  /** PPP in HDLC-like framing: FF 03, 2-byte protocol. */
  public static byte[] ppp(int protocol, byte[] payload) {
    return concat(new byte[] {(byte) 0xFF, 0x03}, u16(protocol), payload);
  }

  /** The 16-byte BPF SLIP pseudo-header: direction then 15 bytes. */
  public static byte[] slip(boolean out, byte[] payload) {
    byte[] h = new byte[16];
    h[0] = (byte) (out ? 1 : 0);
    return concat(h, payload);
  }

  // ---- network layer ----

  /** ARP request/reply for Ethernet/IPv4 (RFC 826), 28 bytes. */
  public static byte[] arp(int operation, byte[] senderMac, byte[] senderIp, byte[] targetIp) {
    return concat(
        u16(1),
        u16(0x0800),
        new byte[] {6, 4},
        u16(operation),
        senderMac,
        senderIp,
        new byte[6],
        targetIp);
  }

  /** IPv4 without options, DF clear, not fragmented, correct checksum. */
  public static byte[] ipv4(String src, String dst, int protocol, byte[] payload) {
    return ipv4(src, dst, protocol, 0, 0, new byte[0], payload);
  }

  /**
   * IPv4 with everything chosen.
   *
   * @param flagsOffset the 16-bit flags/fragment-offset field (0x2000 = MF, low 13 bits offset/8)
   * @param options options, padded by the caller to a multiple of 4
   */
  public static byte[] ipv4(
      String src,
      String dst,
      int protocol,
      int id,
      int flagsOffset,
      byte[] options,
      byte[] payload) {
    int ihl = 5 + options.length / 4;
    int total = ihl * 4 + payload.length;
    byte[] h =
        concat(
            new byte[] {(byte) (0x40 | ihl), 0},
            u16(total),
            u16(id),
            u16(flagsOffset),
            new byte[] {64, (byte) protocol, 0, 0},
            ip(src),
            ip(dst),
            options);
    int sum = checksum(h, 0, h.length);
    h[10] = (byte) (sum >>> 8);
    h[11] = (byte) sum;
    return concat(h, payload);
  }

  /** IPv6 with a chain of extension headers already built by {@link #extension}. */
  public static byte[] ipv6(String src, String dst, int nextHeader, byte[] payload) {
    return concat(
        new byte[] {0x60, 0, 0, 0},
        u16(payload.length),
        new byte[] {(byte) nextHeader, 64},
        ip(src),
        ip(dst),
        payload);
  }

  /** A hop-by-hop, routing or destination-options header: 8 bytes, padded with PadN. */
  public static byte[] extension(int nextHeader, byte[] rest) {
    byte[] h = new byte[8];
    h[0] = (byte) nextHeader;
    h[1] = 0;
    h[2] = 1; // PadN
    h[3] = 4;
    return concat(h, rest);
  }

  /** IPv6 fragment header: offset in 8-octet units, M flag. */
  public static byte[] fragment(
      int nextHeader, int offsetUnits, boolean more, int id, byte[] rest) {
    int field = (offsetUnits << 3) | (more ? 1 : 0);
    return concat(new byte[] {(byte) nextHeader, 0}, u16(field), u32(id), rest);
  }

  /** AH (RFC 4302) with a 12-byte ICV: payload length field = 4. */
  public static byte[] ah(int nextHeader, byte[] rest) {
    byte[] h = new byte[24];
    h[0] = (byte) nextHeader;
    h[1] = 4;
    return concat(h, rest);
  }

  // ---- transport ----

  /** TCP with a 20-byte header and {@code payload} bytes of zeros (checksum left 0). */
  public static byte[] tcp(int srcPort, int dstPort, int flags, int window, int payload) {
    return concat(
        u16(srcPort),
        u16(dstPort),
        u32(1000),
        u32(2000),
        new byte[] {0x50, (byte) flags},
        u16(window),
        u16(0),
        u16(0),
        new byte[payload]);
  }

  public static byte[] udp(int srcPort, int dstPort, int payload) {
    return concat(u16(srcPort), u16(dstPort), u16(8 + payload), u16(0), new byte[payload]);
  }

  /** ICMP or ICMPv6: type, code, checksum (0), 4 more header bytes, payload. */
  public static byte[] icmp(int type, int code, int payload) {
    return concat(new byte[] {(byte) type, (byte) code, 0, 0, 0, 1, 0, 1}, new byte[payload]);
  }

  /** GRE without options carrying {@code protocol}. */
  public static byte[] gre(int protocol, byte[] payload) {
    return concat(u16(0), u16(protocol), payload);
  }

  /** RFC 1071 ones' complement checksum. */
  public static int checksum(byte[] b, int from, int length) {
    int sum = 0;
    for (int i = from; i < from + length; i += 2) {
      int hi = b[i] & 0xFF;
      int lo = i + 1 < from + length ? b[i + 1] & 0xFF : 0;
      sum += (hi << 8) | lo;
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xFFFF) + (sum >>> 16);
    }
    return ~sum & 0xFFFF;
  }
}
