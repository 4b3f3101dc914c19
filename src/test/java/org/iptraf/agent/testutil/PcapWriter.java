package org.iptraf.agent.testutil;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a classic pcap file in memory (draft-ietf-opsawg-pcap), for tests that need a file with
 * known content.
 *
 * <pre>{@code
 * Path file = PcapWriter.ethernet()
 *     .frame(1_700_000_000_123_456_000L, frameBytes)      // origLen = frameBytes.length
 *     .frame(1_700_000_001_000_000_000L, cut, 1514)       // captured 'cut', 1514 on the wire
 *     .writeTo(dir.resolve("two.pcap"));
 * }</pre>
 *
 * Timestamps are epoch nanoseconds; a microsecond file keeps only whole microseconds (the rest is
 * truncated, as libpcap does), so give multiples of 1000 when the test compares them.
 */
public final class PcapWriter {

  /** Timestamp fraction unit, chosen by the magic number. */
  public enum Resolution {
    MICROSECONDS(0xa1b2c3d4, 1000),
    NANOSECONDS(0xa1b23c4d, 1),
    /** Kuznetzov's patched format: microseconds and 24-byte records with a packet type. */
    KUZNETZOV(0xa1b2cd34, 1000);

    final int magic;
    final long nanosPerUnit;

    Resolution(int magic, long nanosPerUnit) {
      this.magic = magic;
      this.nanosPerUnit = nanosPerUnit;
    }
  }

  /** Linux PACKET_OUTGOING, the packet type {@link #kuznetzovFrame} uses for sent frames. */
  public static final int PACKET_OUTGOING = 4;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final ByteOrder order;
  private final Resolution resolution;
  private final OrderedBytes out = new OrderedBytes();
  private final List<Integer> recordStarts = new ArrayList<>();

  /**
   * Writes the file header at once.
   *
   * @param linkTypeField the whole 32-bit field: a LINKTYPE_ value, optionally with FCS bits above
   */
  public PcapWriter(ByteOrder order, Resolution resolution, int linkTypeField, int snapLength) {
    this.order = order;
    this.resolution = resolution;
    out.u32(order, resolution.magic);
    out.u16(order, 2); // version 2.4, the only one written since 1998
    out.u16(order, 4);
    out.u32(order, 0); // thiszone
    out.u32(order, 0); // sigfigs
    out.u32(order, snapLength);
    out.u32(order, linkTypeField);
  }

  /** Little-endian, microseconds, Ethernet, snap length 262144: what tcpdump writes on x86. */
  public static PcapWriter ethernet() {
    return new PcapWriter(ByteOrder.LITTLE_ENDIAN, Resolution.MICROSECONDS, 1, 262144);
  }

  /** A frame captured whole. */
  public PcapWriter frame(long timestampNanos, byte[] data) {
    return frame(timestampNanos, data, data.length);
  }

  /** A frame of which {@code data} was captured out of {@code originalLength} bytes. */
  public PcapWriter frame(long timestampNanos, byte[] data, int originalLength) {
    long seconds = Math.floorDiv(timestampNanos, NANOS_PER_SECOND);
    long fraction = Math.floorMod(timestampNanos, NANOS_PER_SECOND) / resolution.nanosPerUnit;
    return record(seconds, fraction, data.length, originalLength, data, 0);
  }

  /** A frame in a Kuznetzov file, with a Linux packet type ({@link #PACKET_OUTGOING} = sent). */
  public PcapWriter kuznetzovFrame(long timestampNanos, byte[] data, int packetType) {
    if (resolution != Resolution.KUZNETZOV) {
      throw new IllegalStateException("not a Kuznetzov file");
    }
    long seconds = Math.floorDiv(timestampNanos, NANOS_PER_SECOND);
    long fraction = Math.floorMod(timestampNanos, NANOS_PER_SECOND) / resolution.nanosPerUnit;
    return record(seconds, fraction, data.length, data.length, data, packetType);
  }

  /**
   * A record with every header field as given, lies included: {@code capturedLengthField} need not
   * match {@code data.length} (for corrupt-file tests).
   */
  public PcapWriter record(
      long seconds,
      long fraction,
      long capturedLengthField,
      long originalLengthField,
      byte[] data,
      int packetType) {
    recordStarts.add(out.size());
    out.u32(order, seconds);
    out.u32(order, fraction);
    out.u32(order, capturedLengthField);
    out.u32(order, originalLengthField);
    if (resolution == Resolution.KUZNETZOV) {
      out.u32(order, 1); // ifindex
      out.u16(order, 0x0800); // protocol
      out.u8(packetType);
      out.u8(0); // padding
    }
    out.put(data);
    return this;
  }

  /** Appends bytes as they are (trailing garbage, a half record). */
  public PcapWriter raw(byte[] bytes) {
    out.put(bytes);
    return this;
  }

  /** Bytes written so far. */
  public int size() {
    return out.size();
  }

  /** File offset where record {@code i} (0-based, in write order) starts. */
  public int recordStart(int i) {
    return recordStarts.get(i);
  }

  public byte[] toBytes() {
    return out.toBytes();
  }

  /** Writes the file and returns its path. */
  public Path writeTo(Path file) {
    return out.writeTo(file);
  }
}
