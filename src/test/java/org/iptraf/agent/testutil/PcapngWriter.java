package org.iptraf.agent.testutil;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a pcapng file in memory (draft-ietf-opsawg-pcapng), block by block, for tests that need a
 * file with known content. Every block is written in the byte order of the last {@link #section};
 * interface numbers in packet blocks are the section-local ones the file uses.
 *
 * <pre>{@code
 * Path file = new PcapngWriter(ByteOrder.BIG_ENDIAN)              // first section header
 *     .interfaceBlock(1, 65535, Option.ifName("eth0"), Option.ifTsresol(9))  // interface 0
 *     .enhancedPacket(0, 1_700_000_000_000_000_000L, frame, Option.outbound())
 *     .section(ByteOrder.LITTLE_ENDIAN)                           // numbering starts again
 *     .interfaceBlock(101, 0)                                     // default: microseconds
 *     .simplePacket(frame, frame.length)
 *     .writeTo(dir.resolve("two-sections.pcapng"));
 * }</pre>
 *
 * Timestamps are given as raw ticks in the interface's {@code if_tsresol} (microseconds when the
 * option is absent), exactly as they land in the file.
 */
public final class PcapngWriter {

  public static final int SHB = 0x0A0D0D0A;
  public static final int IDB = 1;
  public static final int PB = 2;
  public static final int SPB = 3;
  public static final int EPB = 6;

  /** Interface statistics block: real, but a block this reader skips. */
  public static final int ISB = 5;

  private final OrderedBytes out = new OrderedBytes();
  private final List<Integer> blockStarts = new ArrayList<>();
  private ByteOrder order;

  /** Starts the file with a section header block in the given byte order. */
  public PcapngWriter(ByteOrder order, Option... shbOptions) {
    section(order, shbOptions);
  }

  /** A new section header block; later blocks use its byte order and its interface numbering. */
  public PcapngWriter section(ByteOrder order, Option... options) {
    this.order = order;
    int start = begin(SHB);
    out.u32(order, 0x1A2B3C4D);
    out.u16(order, 1);
    out.u16(order, 0);
    out.u64(order, -1L); // section length unknown, as streaming writers say
    return end(start, options);
  }

  /** An interface description block; its local number is the count of IDBs before it. */
  public PcapngWriter interfaceBlock(int linkType, int snapLength, Option... options) {
    int start = begin(IDB);
    out.u16(order, linkType);
    out.u16(order, 0);
    out.u32(order, snapLength);
    return end(start, options);
  }

  /** An enhanced packet block carrying the whole frame. */
  public PcapngWriter enhancedPacket(int iface, long ticks, byte[] data, Option... options) {
    return enhancedPacket(iface, ticks, data, data.length, options);
  }

  /** An enhanced packet block: {@code data} captured out of {@code originalLength} on the wire. */
  public PcapngWriter enhancedPacket(
      int iface, long ticks, byte[] data, int originalLength, Option... options) {
    int start = begin(EPB);
    out.u32(order, iface);
    packetBody(ticks, data, originalLength);
    return end(start, options);
  }

  /** The obsolete packet block (type 2): 16-bit interface id, a drops count, then like an EPB. */
  public PcapngWriter obsoletePacket(
      int iface, long ticks, byte[] data, int originalLength, Option... options) {
    int start = begin(PB);
    out.u16(order, iface);
    out.u16(order, 0);
    packetBody(ticks, data, originalLength);
    return end(start, options);
  }

  /**
   * A simple packet block (interface 0, no timestamp). The reader takes the captured length from
   * the block and the snap length; give {@code data.length == min(originalLength, snaplen)}.
   */
  public PcapngWriter simplePacket(byte[] data, int originalLength) {
    int start = begin(SPB);
    out.u32(order, originalLength);
    out.put(data);
    out.pad4();
    return end(start);
  }

  /** Any block, with a body padded to 32 bits: unknown, custom or statistics blocks. */
  public PcapngWriter block(int type, byte[] body) {
    int start = begin(type);
    out.put(body);
    out.pad4();
    return end(start);
  }

  /** Appends bytes as they are (damaged blocks, trailing garbage). */
  public PcapngWriter raw(byte[] bytes) {
    out.put(bytes);
    return this;
  }

  public int size() {
    return out.size();
  }

  /**
   * File offset where block {@code i} (0-based, in write order, section headers included) starts.
   */
  public int blockStart(int i) {
    return blockStarts.get(i);
  }

  public int lastBlockStart() {
    return blockStarts.get(blockStarts.size() - 1);
  }

  public byte[] toBytes() {
    return out.toBytes();
  }

  public Path writeTo(Path file) {
    return out.writeTo(file);
  }

  private void packetBody(long ticks, byte[] data, int originalLength) {
    out.u32(order, ticks >>> 32);
    out.u32(order, ticks & 0xffffffffL);
    out.u32(order, data.length);
    out.u32(order, originalLength);
    out.put(data);
    out.pad4();
  }

  private int begin(int type) {
    int start = out.size();
    blockStarts.add(start);
    out.u32(order, type);
    out.u32(order, 0); // total length, set in end()
    return start;
  }

  private PcapngWriter end(int start, Option... options) {
    if (options.length > 0) {
      for (Option option : options) {
        byte[] value = option.encode(order);
        out.u16(order, option.code());
        out.u16(order, value.length);
        out.put(value);
        out.pad4();
      }
      out.u32(order, 0); // opt_endofopt, code 0 length 0
    }
    int length = out.size() - start + 4;
    out.u32(order, length);
    out.set32(start + 4, order, length);
    return this;
  }

  /**
   * One option. Numeric values are written in the byte order of the block's section.
   *
   * @param code the option code
   * @param bytes the value as it is, or null for a number
   * @param number the value when {@code bytes} is null
   * @param width the number's width in bytes
   */
  public record Option(int code, byte[] bytes, long number, int width) {

    /** if_name (2): the interface's name. */
    public static Option ifName(String name) {
      return new Option(2, name.getBytes(StandardCharsets.UTF_8), 0, 0);
    }

    /**
     * if_tsresol (9): one byte; below 0x80 a tick is 10^-n s (6 = microseconds, 9 = nanoseconds),
     * with 0x80 set it is 2^-n s (0x8a = 1/1024 s).
     */
    public static Option ifTsresol(int value) {
      return new Option(9, null, value, 1);
    }

    /** if_tsoffset (14): seconds added to every timestamp of the interface. */
    public static Option ifTsoffset(long seconds) {
      return new Option(14, null, seconds, 8);
    }

    /** epb_flags (2): a 32-bit word; bits 0-1 are the direction (01 in, 10 out). */
    public static Option epbFlags(int flags) {
      return new Option(2, null, flags & 0xffffffffL, 4);
    }

    public static Option inbound() {
      return epbFlags(1);
    }

    public static Option outbound() {
      return epbFlags(2);
    }

    /** opt_comment (1), valid in every block. */
    public static Option comment(String text) {
      return new Option(1, text.getBytes(StandardCharsets.UTF_8), 0, 0);
    }

    /** Any option with a value as it is. */
    public static Option raw(int code, byte[] value) {
      return new Option(code, value.clone(), 0, 0);
    }

    byte[] encode(ByteOrder order) {
      if (bytes != null) {
        return bytes;
      }
      OrderedBytes value = new OrderedBytes();
      value.number(order, number, width);
      return value.toBytes();
    }
  }
}
