package org.iptraf.agent.decode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.iptraf.agent.capture.FrameSink;

/**
 * Decodes one frame into a reusable {@link Packet}, reading fields in place by offset. It never
 * throws on bad bytes and allocates nothing: a header cut short sets {@link Packet#malformed} and
 * stops, leaving what was decoded before it.
 *
 * <p>A header cut by the capture's snap length (beyond {@code capturedLength} but within {@code
 * originalLength}) is not malformed: decoding just stops there.
 *
 * <p>Fields are read in network order whatever the buffer's own byte order: multi-byte reads
 * swap when the buffer is little-endian (one bounds-checked read per field instead of one per
 * byte).
 */
public final class PacketDecoder {

  private final LinkDecoder link = new LinkDecoder(this);
  private final IpDecoder ip = new IpDecoder(this);

  private ByteBuffer buf;
  private boolean bigEndian;
  private int frameStart;
  private int capEnd;
  private int wireEnd;
  private Packet p;

  /**
   * Decodes {@code buffer[offset, offset + capturedLength)} as a frame of {@code linkType}.
   *
   * @return {@code packet}, filled in
   */
  public Packet decode(
      ByteBuffer buffer,
      int offset,
      int capturedLength,
      int originalLength,
      int linkType,
      int direction,
      int vlanTci,
      Packet packet) {
    packet.clear();
    packet.linkType = linkType;
    packet.capturedLength = capturedLength;
    packet.originalLength = originalLength;
    packet.direction = direction;
    if (vlanTci != FrameSink.NO_VLAN) {
      packet.vlanId = vlanTci & 0x0FFF;
    }
    this.buf = buffer;
    this.bigEndian = buffer.order() == ByteOrder.BIG_ENDIAN;
    this.p = packet;
    this.frameStart = offset;
    this.capEnd = offset + Math.min(capturedLength, Math.max(0, buffer.limit() - offset));
    this.wireEnd = offset + Math.max(originalLength, capturedLength);
    link.decode(linkType, offset);
    this.buf = null;
    this.p = null;
    return packet;
  }

  // ---- shared by the layer decoders ----

  ByteBuffer buffer() {
    return buf;
  }

  Packet packet() {
    return p;
  }

  int frameStart() {
    return frameStart;
  }

  /** Bytes of the frame on the wire from {@code at} to its end (never negative). */
  int wireRemaining(int at) {
    return Math.max(0, wireEnd - at);
  }

  /** Bytes captured from {@code at} to the end of the capture (never negative). */
  int capturedRemaining(int at) {
    return Math.max(0, capEnd - at);
  }

  /**
   * True when {@code length} bytes at {@code at} were captured. Otherwise marks the packet
   * malformed if the wire did not hold them either (a real truncation), or leaves it alone if only
   * the snap length cut them.
   */
  boolean need(int at, int length) {
    if (at + length <= capEnd) {
      return true;
    }
    if (at + length > wireEnd) {
      p.malformed = true;
    }
    return false;
  }

  int u8(int at) {
    return buf.get(at) & 0xFF;
  }

  int u16(int at) {
    short v = buf.getShort(at);
    return (bigEndian ? v : Short.reverseBytes(v)) & 0xFFFF;
  }

  int u16le(int at) {
    short v = buf.getShort(at);
    return (bigEndian ? Short.reverseBytes(v) : v) & 0xFFFF;
  }

  int i32(int at) {
    int v = buf.getInt(at);
    return bigEndian ? v : Integer.reverseBytes(v);
  }

  int i32le(int at) {
    int v = buf.getInt(at);
    return bigEndian ? Integer.reverseBytes(v) : v;
  }

  long u48(int at) {
    return ((long) u16(at) << 32) | (i32(at + 2) & 0xFFFF_FFFFL);
  }

  long i64(int at) {
    long v = buf.getLong(at);
    return bigEndian ? v : Long.reverseBytes(v);
  }

  /** Hands the network layer its header: IPv4, IPv6, ARP or an ethertype we only count. */
  void network(int etherType, int at) {
    p.etherType = etherType;
    switch (etherType) {
      case EtherType.IPV4 -> ip.ipv4(at);
      case EtherType.IPV6 -> ip.ipv6(at);
      case EtherType.ARP, EtherType.RARP -> ip.arp(at);
      default -> {
        // counted as non-IP by ethertype; nothing more to read
      }
    }
  }

  /** Raw IP with no link header: the version nibble says which. */
  void rawIp(int at) {
    if (!need(at, 1)) {
      return;
    }
    int version = u8(at) >>> 4;
    if (version == 4) {
      network(EtherType.IPV4, at);
    } else if (version == 6) {
      network(EtherType.IPV6, at);
    } else {
      p.malformed = true;
    }
  }
}
