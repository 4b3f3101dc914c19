package org.iptraf.agent.capture.file;

import static org.iptraf.agent.capture.file.PcapLayout.*;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;

/** Classic pcap (and its nanosecond and Kuznetzov variants): one interface, records in a row. */
final class PcapReader extends FileReaderBase {

  private final int recordHeaderLength;
  private final long nanosPerFractionUnit;
  private final int linkType;
  private final int snapLength;

  /** Reads the file header; the input is positioned at offset 0 with at least the magic filled. */
  PcapReader(
      Path path,
      FileChannel channel,
      FileInput in,
      CaptureFormat format,
      ByteOrder order,
      int firstInterfaceId)
      throws IOException, CaptureFileException {
    super(path, channel, in, format, firstInterfaceId);
    in.order(order);
    if (!in.fill(FILE_HEADER_LENGTH)) {
      throw new CaptureFileException(path, "file ends inside the pcap file header");
    }
    int p = in.position();
    this.snapLength = (int) Math.min(in.uint32(p + SNAPLEN_OFFSET), Integer.MAX_VALUE);
    this.linkType = in.int32(p + LINKTYPE_OFFSET) & LINKTYPE_MASK;
    in.advance(FILE_HEADER_LENGTH);
    this.recordHeaderLength =
        format == CaptureFormat.PCAP_KUZNETZOV
            ? KUZNETZOV_RECORD_HEADER_LENGTH
            : RECORD_HEADER_LENGTH;
    this.nanosPerFractionUnit = format == CaptureFormat.PCAP_NANOSECONDS ? 1 : 1000;
  }

  @Override
  ReadSummary readAll(FrameSink sink, Tally tally) throws IOException {
    int id = firstInterfaceId;
    sink.interfaceAdded(id, new InterfaceInfo(fileName(), linkType, false, snapLength));
    while (readRecord(sink, tally, id)) {
      // one record per turn until the end or a problem
    }
    return tally.summary(1);
  }

  /** Delivers one record; false at the clean end of the file or at a problem (in the tally). */
  private boolean readRecord(FrameSink sink, Tally tally, int id) throws IOException {
    long start = in.offset();
    if (!in.fill(recordHeaderLength)) {
      return in.buffered() != 0 && tally.truncated(start, "file ends inside a record header");
    }
    int p = in.position();
    long capturedLength = in.uint32(p + CAPTURED_LENGTH_OFFSET);
    if (capturedLength > Limits.MAX_CAPTURED_LENGTH) {
      return tally.corrupt(
          start, "captured length " + capturedLength + " exceeds " + Limits.MAX_CAPTURED_LENGTH);
    }
    int recordLength = recordHeaderLength + (int) capturedLength;
    if (!in.fill(recordLength)) {
      return tally.truncated(start, "file ends inside a " + recordLength + "-byte record");
    }
    p = in.position(); // fill may have moved the window
    long nanos =
        in.uint32(p + TS_SECONDS_OFFSET) * Limits.NANOS_PER_SECOND
            + in.uint32(p + TS_FRACTION_OFFSET) * nanosPerFractionUnit;
    int direction = FrameSink.DIRECTION_IN;
    if (recordHeaderLength == KUZNETZOV_RECORD_HEADER_LENGTH
        && in.uint8(p + KUZNETZOV_PACKET_TYPE_OFFSET) == PACKET_OUTGOING) {
      direction = FrameSink.DIRECTION_OUT;
    }
    int caplen = (int) capturedLength;
    int original = tally.frame(caplen, in.uint32(p + ORIGINAL_LENGTH_OFFSET), nanos);
    sink.frame(
        in.buffer(),
        p + recordHeaderLength,
        caplen,
        original,
        nanos,
        id,
        direction,
        FrameSink.NO_VLAN);
    in.advance(recordLength);
    return true;
  }
}
