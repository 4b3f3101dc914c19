package org.iptraf.agent.capture.file;

import static org.iptraf.agent.capture.file.PcapngLayout.*;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;

/**
 * pcapng: sections, each with its own byte order and interface numbering. Interface description
 * blocks get fresh dense ids as they appear, so the same local number in two sections names two
 * interfaces; packet blocks are delivered, every other block is stepped over by its length.
 */
final class PcapngReader extends FileReaderBase {

  /** Interfaces of the current section, by their local number. */
  private PcapngInterface[] section = new PcapngInterface[4];

  private int sectionInterfaces;
  private int nextId;
  private int interfacesInFile;

  /** Checks the first section header; the input is at offset 0 with the magic filled. */
  PcapngReader(Path path, FileChannel channel, FileInput in, int firstInterfaceId)
      throws IOException, CaptureFileException {
    super(path, channel, in, CaptureFormat.PCAPNG, firstInterfaceId);
    if (!in.fill(SHB_MIN_LENGTH)) {
      throw new CaptureFileException(path, "file ends inside the pcapng section header block");
    }
    if (byteOrder(in.position()) == null) {
      throw new CaptureFileException(path, "not a pcapng file: bad byte-order magic");
    }
  }

  @Override
  ReadSummary readAll(FrameSink sink, Tally tally) throws IOException {
    nextId = firstInterfaceId;
    while (readBlock(sink, tally)) {
      // one block per turn until the end or a problem
    }
    return tally.summary(nextId - firstInterfaceId);
  }

  /** Reads one block; false at the clean end of the file or at a problem (in the tally). */
  private boolean readBlock(FrameSink sink, Tally tally) throws IOException {
    long start = in.offset();
    if (!in.fill(BLOCK_BODY_OFFSET)) {
      return in.buffered() != 0 && tally.truncated(start, "file ends inside a block header");
    }
    int type = in.int32(in.position() + BLOCK_TYPE_OFFSET);
    if (type == SHB_TYPE) {
      // The type reads the same in both orders; the byte-order magic then says how to read the
      // length and everything else in the section.
      if (!in.fill(SHB_BYTE_ORDER_OFFSET + Integer.BYTES)) {
        return tally.truncated(start, "file ends inside a section header block");
      }
      ByteOrder order = byteOrder(in.position());
      if (order == null) {
        return tally.corrupt(start, "section header block has a bad byte-order magic");
      }
      in.order(order);
    }
    long length = in.uint32(in.position() + BLOCK_LENGTH_OFFSET);
    String bad = badLength(type, length);
    if (bad != null) {
      return tally.corrupt(start, bad);
    }
    if (!parsed(type)) {
      return skipBlock(tally, start, type, length);
    }
    if (length > Limits.MAX_BUFFERED_BLOCK) {
      return tally.corrupt(
          start, blockName(type) + " length " + length + " exceeds " + Limits.MAX_BUFFERED_BLOCK);
    }
    int blockLength = (int) length;
    if (!in.fill(blockLength)) {
      return tally.truncated(
          start, "file ends inside a " + blockLength + "-byte " + blockName(type));
    }
    int p = in.position();
    long trailer = in.uint32(p + blockLength - Integer.BYTES);
    if (trailer != length) {
      return tally.corrupt(start, trailerMismatch(type, length, trailer));
    }
    boolean more =
        switch (type) {
          case SHB_TYPE -> sectionHeader(tally, start, p);
          case IDB_TYPE -> interfaceDescription(sink, p, blockLength);
          case SPB_TYPE -> simplePacket(sink, tally, start, p, blockLength);
          default -> packet(sink, tally, start, p, blockLength, type);
        };
    in.advance(blockLength);
    return more;
  }

  private static boolean parsed(int type) {
    return type == SHB_TYPE
        || type == IDB_TYPE
        || type == EPB_TYPE
        || type == PB_TYPE
        || type == SPB_TYPE;
  }

  private static String badLength(int type, long length) {
    if (length % 4 != 0) {
      return blockName(type) + " length " + length + " is not a multiple of 4";
    }
    if (length < minLength(type)) {
      return blockName(type) + " length " + length + " is below its minimum " + minLength(type);
    }
    return null;
  }

  private static String trailerMismatch(int type, long length, long trailer) {
    return blockName(type) + " trailing length " + trailer + " differs from leading " + length;
  }

  /** Steps over a block we do not parse without buffering it; checks its trailing length. */
  private boolean skipBlock(Tally tally, long start, int type, long length) throws IOException {
    in.skip(length - Integer.BYTES);
    if (!in.fill(Integer.BYTES)) {
      return tally.truncated(start, "file ends inside a " + length + "-byte " + blockName(type));
    }
    long trailer = in.uint32(in.position());
    if (trailer != length) {
      return tally.corrupt(start, trailerMismatch(type, length, trailer));
    }
    in.advance(Integer.BYTES);
    return true;
  }

  /** A new section: interface numbering starts again (4.1). */
  private boolean sectionHeader(Tally tally, long start, int p) {
    int major = in.uint16(p + SHB_MAJOR_OFFSET);
    if (major != SHB_SUPPORTED_MAJOR) {
      return tally.corrupt(
          start,
          "section version " + major + "." + in.uint16(p + SHB_MINOR_OFFSET) + " is not supported");
    }
    Arrays.fill(section, 0, sectionInterfaces, null);
    sectionInterfaces = 0;
    return true;
  }

  private boolean interfaceDescription(FrameSink sink, int p, int blockLength) {
    int linkType = in.uint16(p + IDB_LINKTYPE_OFFSET);
    int snapLength = (int) Math.min(in.uint32(p + IDB_SNAPLEN_OFFSET), Integer.MAX_VALUE);
    String name = null;
    int tsresol = TimestampResolution.DEFAULT_TSRESOL;
    long offsetSeconds = 0;
    int end = p + blockLength - Integer.BYTES;
    for (int o = p + IDB_OPTIONS_OFFSET; o + OPTION_HEADER_LENGTH <= end; ) {
      int code = in.uint16(o);
      int length = in.uint16(o + 2);
      int value = o + OPTION_HEADER_LENGTH;
      if (code == OPT_ENDOFOPT || value + length > end) {
        break; // a damaged option list costs us the options, not the interface
      }
      if (code == IF_NAME) {
        name = utf8(value, length);
      } else if (code == IF_TSRESOL && length >= 1) {
        tsresol = in.uint8(value);
      } else if (code == IF_TSOFFSET && length >= Long.BYTES) {
        offsetSeconds = in.int64(value);
      }
      o = value + padded(length);
    }
    if (name == null || name.isEmpty()) {
      name = fileName() + "#" + interfacesInFile;
    }
    interfacesInFile++;
    int id = nextId++;
    if (sectionInterfaces == section.length) {
      section = Arrays.copyOf(section, section.length * 2);
    }
    section[sectionInterfaces++] =
        new PcapngInterface(id, snapLength, TimestampResolution.of(tsresol), offsetSeconds);
    sink.interfaceAdded(id, new InterfaceInfo(name, linkType, false, snapLength));
    return true;
  }

  /** Enhanced (6) and obsolete (2) packet blocks differ only in how the interface is numbered. */
  private boolean packet(
      FrameSink sink, Tally tally, long start, int p, int blockLength, int type) {
    long local =
        type == EPB_TYPE ? in.uint32(p + EPB_INTERFACE_OFFSET) : in.uint16(p + PB_INTERFACE_OFFSET);
    if (local >= sectionInterfaces) {
      return tally.corrupt(start, undeclared(type, local));
    }
    PcapngInterface iface = section[(int) local];
    long capturedLength = in.uint32(p + EPB_CAPTURED_LENGTH_OFFSET);
    if (capturedLength > Limits.MAX_CAPTURED_LENGTH) {
      return tally.corrupt(
          start, "captured length " + capturedLength + " exceeds " + Limits.MAX_CAPTURED_LENGTH);
    }
    if (capturedLength > blockLength - EPB_MIN_LENGTH) {
      return tally.corrupt(
          start,
          "captured length "
              + capturedLength
              + " exceeds its "
              + blockLength
              + "-byte "
              + blockName(type));
    }
    int caplen = (int) capturedLength;
    long ticks = (in.uint32(p + EPB_TS_UPPER_OFFSET) << 32) | in.uint32(p + EPB_TS_LOWER_OFFSET);
    long nanos = iface.nanos(ticks);
    int data = p + EPB_DATA_OFFSET;
    int direction = direction(data + padded(caplen), p + blockLength - Integer.BYTES);
    int original = tally.frame(caplen, in.uint32(p + EPB_ORIGINAL_LENGTH_OFFSET), nanos);
    sink.frame(in.buffer(), data, caplen, original, nanos, iface.id, direction, FrameSink.NO_VLAN);
    return true;
  }

  /**
   * Simple packet block: interface 0, captured length is the original length cut to the interface's
   * snap length and to the block (4.4); no timestamp, so the last one seen is reused.
   */
  private boolean simplePacket(FrameSink sink, Tally tally, long start, int p, int blockLength) {
    if (sectionInterfaces == 0) {
      return tally.corrupt(start, undeclared(SPB_TYPE, 0));
    }
    PcapngInterface iface = section[0];
    long originalLength = in.uint32(p + SPB_ORIGINAL_LENGTH_OFFSET);
    long caplen = Math.min(originalLength, blockLength - SPB_MIN_LENGTH);
    if (iface.snapLength > 0) {
      caplen = Math.min(caplen, iface.snapLength);
    }
    long nanos = tally.lastTimestamp();
    int original = tally.frame((int) caplen, originalLength, nanos);
    sink.frame(
        in.buffer(),
        p + SPB_DATA_OFFSET,
        (int) caplen,
        original,
        nanos,
        iface.id,
        FrameSink.DIRECTION_IN,
        FrameSink.NO_VLAN);
    return true;
  }

  private String undeclared(int type, long local) {
    return blockName(type)
        + " names interface "
        + local
        + " but its section declares "
        + sectionInterfaces;
  }

  /** epb_flags (or pack_flags) bits 0-1; inbound, unknown and the invalid 11 all count as in. */
  private int direction(int from, int end) {
    for (int o = from; o + OPTION_HEADER_LENGTH <= end; ) {
      int code = in.uint16(o);
      int length = in.uint16(o + 2);
      int value = o + OPTION_HEADER_LENGTH;
      if (code == OPT_ENDOFOPT || value + length > end) {
        break;
      }
      if (code == EPB_FLAGS && length >= Integer.BYTES) {
        return (in.int32(value) & FLAGS_DIRECTION_MASK) == FLAGS_OUTBOUND
            ? FrameSink.DIRECTION_OUT
            : FrameSink.DIRECTION_IN;
      }
      o = value + padded(length);
    }
    return FrameSink.DIRECTION_IN;
  }

  /** The order in which the byte-order magic at p+8 reads right, or null if neither. */
  private ByteOrder byteOrder(int p) {
    ByteOrder saved = in.order();
    try {
      for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
        in.order(order);
        if (in.int32(p + SHB_BYTE_ORDER_OFFSET) == SHB_BYTE_ORDER_MAGIC) {
          return order;
        }
      }
      return null;
    } finally {
      in.order(saved);
    }
  }

  /** if_name is UTF-8, not necessarily terminated; some writers pad it with NULs anyway. */
  private String utf8(int from, int length) {
    int end = from + length;
    byte[] bytes = in.array();
    while (end > from && bytes[end - 1] == 0) {
      end--;
    }
    return new String(bytes, from, end - from, StandardCharsets.UTF_8);
  }
}
