package org.iptraf.agent.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 * <p>Fields are read in network order whatever the buffer's own byte order, through byte-buffer
 * view {@link VarHandle}s (one bounds-checked read per field instead of one per byte).
 */
public final class PacketDecoder {

  private final LinkDecoder link = new LinkDecoder(this);
  private final IpDecoder ip = new IpDecoder(this);

  /*
   * Multi-byte reads in a fixed byte order whatever the buffer's own: the order is a constant
   * here, so a read is a bounds check, a load and a byte swap, with no branch on the buffer.
   */
  private static final VarHandle BE16 = view(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LE16 = view(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle BE32 = view(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LE32 = view(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle BE64 = view(long[].class, ByteOrder.BIG_ENDIAN);

  private static VarHandle view(Class<?> arrayType, ByteOrder order) {
    return MethodHandles.byteBufferViewVarHandle(arrayType, order);
  }

  private ByteBuffer buf;
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
    return (short) BE16.get(buf, at) & 0xFFFF;
  }

  int u16le(int at) {
    return (short) LE16.get(buf, at) & 0xFFFF;
  }

  int i32(int at) {
    return (int) BE32.get(buf, at);
  }

  int i32le(int at) {
    return (int) LE32.get(buf, at);
  }

  long u48(int at) {
    return ((long) u16(at) << 32) | (i32(at + 2) & 0xFFFF_FFFFL);
  }

  long i64(int at) {
    return (long) BE64.get(buf, at);
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
