package org.iptraf.agent.capture.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iptraf.agent.capture.FrameSink.DIRECTION_IN;
import static org.iptraf.agent.capture.FrameSink.DIRECTION_OUT;
import static org.iptraf.agent.testutil.TestBytes.pattern;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.capture.LinkType;
import org.iptraf.agent.testutil.PcapWriter;
import org.iptraf.agent.testutil.PcapWriter.Resolution;
import org.iptraf.agent.testutil.RecordingSink;
import org.iptraf.agent.testutil.RecordingSink.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PcapReaderTest {

  private static final long T0 = 1_700_000_000_000_000_000L;

  @TempDir Path dir;

  static Stream<Arguments> byteOrdersAndResolutions() {
    return Stream.of(
        Arguments.of(ByteOrder.LITTLE_ENDIAN, Resolution.MICROSECONDS),
        Arguments.of(ByteOrder.BIG_ENDIAN, Resolution.MICROSECONDS),
        Arguments.of(ByteOrder.LITTLE_ENDIAN, Resolution.NANOSECONDS),
        Arguments.of(ByteOrder.BIG_ENDIAN, Resolution.NANOSECONDS));
  }

  @ParameterizedTest
  @MethodSource("byteOrdersAndResolutions")
  void readsFramesInEitherByteOrderAndResolution(ByteOrder order, Resolution resolution)
      throws Exception {
    long unit = resolution == Resolution.NANOSECONDS ? 1 : 1000;
    long t1 = T0 + 123_456_789L / unit * unit;
    long t2 = T0 + 2_000_000_001L / unit * unit;
    long t3 = T0 + 3_999_999_999L / unit * unit;
    byte[] a = pattern(60, 1);
    byte[] b = pattern(1514, 2);
    byte[] c = pattern(96, 3);
    Path file =
        new PcapWriter(order, resolution, LinkType.ETHERNET, 65535)
            .frame(t1, a)
            .frame(t2, b)
            .frame(t3, c, 1500)
            .writeTo(dir.resolve("trace.pcap"));

    RecordingSink sink = new RecordingSink();
    ReadSummary summary = read(file, 3, sink);

    assertThat(sink.interfaces())
        .containsExactly(
            java.util.Map.entry(
                3, new InterfaceInfo("trace.pcap", LinkType.ETHERNET, false, 65535)));
    assertThat(sink.frames())
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactly(
            Frame.of(a, 60, t1, 3, DIRECTION_IN),
            Frame.of(b, 1514, t2, 3, DIRECTION_IN),
            Frame.of(c, 1500, t3, 3, DIRECTION_IN));
    CaptureFormat format =
        resolution == Resolution.NANOSECONDS
            ? CaptureFormat.PCAP_NANOSECONDS
            : CaptureFormat.PCAP_MICROSECONDS;
    assertThat(summary).isEqualTo(new ReadSummary(format, 3, 60 + 1514 + 1500, 1, t1, t3, 0, null));
  }

  @Test
  void takesTheLinkTypeFromTheLow16BitsAndIgnoresFcsBits() throws Exception {
    int fcsFourBytesPresent = (2 << 29) | (1 << 28);
    Path file =
        new PcapWriter(
                ByteOrder.LITTLE_ENDIAN,
                Resolution.MICROSECONDS,
                fcsFourBytesPresent | LinkType.LINUX_SLL,
                0)
            .frame(T0, pattern(40, 0))
            .writeTo(dir.resolve("fcs.pcap"));

    RecordingSink sink = new RecordingSink();
    read(file, 0, sink);

    assertThat(sink.interfaces().get(0).linkType()).isEqualTo(LinkType.LINUX_SLL);
  }

  @Test
  void readsKuznetzovRecordsWithTheirDirection() throws Exception {
    byte[] in = pattern(60, 7);
    byte[] out = pattern(70, 8);
    Path file =
        new PcapWriter(ByteOrder.LITTLE_ENDIAN, Resolution.KUZNETZOV, LinkType.ETHERNET, 96)
            .kuznetzovFrame(T0, in, 0)
            .kuznetzovFrame(T0 + 1000, out, PcapWriter.PACKET_OUTGOING)
            .writeTo(dir.resolve("kuz.pcap"));

    RecordingSink sink = new RecordingSink();
    ReadSummary summary = read(file, 0, sink);

    assertThat(summary.format()).isEqualTo(CaptureFormat.PCAP_KUZNETZOV);
    assertThat(sink.frames())
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactly(
            Frame.of(in, 60, T0, 0, DIRECTION_IN), Frame.of(out, 70, T0 + 1000, 0, DIRECTION_OUT));
  }

  @Test
  void raisesAnOriginalLengthBelowTheCapturedOneAndCountsIt() throws Exception {
    byte[] data = pattern(100, 0);
    Path file =
        PcapWriter.ethernet()
            .record(1, 0, 100, 64, data, 0)
            .frame(T0, pattern(10, 0))
            .writeTo(dir.resolve("liar.pcap"));

    RecordingSink sink = new RecordingSink();
    ReadSummary summary = read(file, 0, sink);

    assertThat(sink.frames().get(0).originalLength()).isEqualTo(100);
    assertThat(summary.capturedLongerThanOriginal()).isEqualTo(1);
    assertThat(summary.bytes()).isEqualTo(100 + 10);
    assertThat(summary.clean()).isTrue();
  }

  @Test
  void headerOnlyFileIsCleanAndEmptyButDeclaresItsInterface() throws Exception {
    Path file = PcapWriter.ethernet().writeTo(dir.resolve("empty.pcap"));

    RecordingSink sink = new RecordingSink();
    ReadSummary summary = read(file, 9, sink);

    assertThat(sink.interfaces()).containsOnlyKeys(9);
    assertThat(summary)
        .isEqualTo(new ReadSummary(CaptureFormat.PCAP_MICROSECONDS, 0, 0, 1, 0, 0, 0, null));
  }

  @Test
  void stopsAtAnAbsurdCapturedLengthAfterDeliveringWhatCameBefore() throws Exception {
    for (long lie : new long[] {262_145L, 0x7fffffffL, 0x80000000L, 0xffffffffL}) {
      PcapWriter writer = PcapWriter.ethernet().frame(T0, pattern(60, 0));
      writer.record(1, 0, lie, 60, pattern(60, 0), 0).frame(T0, pattern(60, 0));
      Path file = writer.writeTo(dir.resolve("lie.pcap"));

      RecordingSink sink = new RecordingSink();
      ReadSummary summary = read(file, 0, sink);

      assertThat(sink.frames()).hasSize(1);
      assertThat(summary.problem().kind()).isEqualTo(ReadProblem.Kind.CORRUPT);
      assertThat(summary.problem().offset()).isEqualTo(writer.recordStart(1));
      assertThat(summary.problem().message()).doesNotContain("\n").contains(Long.toString(lie));
    }
  }

  @Test
  void acceptsTheLargestBelievableFrameAndRecordsAcrossBufferRefills() throws Exception {
    PcapWriter writer = PcapWriter.ethernet();
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      frames.add(pattern(i == 100 ? 262_144 : 1400 + i, i));
    }
    for (int i = 0; i < frames.size(); i++) {
      writer.frame(T0 + i * 1000L, frames.get(i));
    }
    Path file = writer.writeTo(dir.resolve("big.pcap"));

    RecordingSink sink = new RecordingSink();
    ReadSummary summary = read(file, 0, sink);

    assertThat(summary.clean()).isTrue();
    assertThat(sink.frames()).hasSize(frames.size());
    for (int i = 0; i < frames.size(); i++) {
      assertThat(sink.frames().get(i).data()).as("frame %d", i).isEqualTo(frames.get(i));
    }
  }

  @Test
  void fileCutAtEveryByteOfItsLastRecordEndsWithTheCompleteRecords() throws Exception {
    PcapWriter writer =
        new PcapWriter(ByteOrder.BIG_ENDIAN, Resolution.NANOSECONDS, LinkType.RAW, 0)
            .frame(T0, pattern(41, 0))
            .frame(T0 + 1, pattern(42, 1))
            .frame(T0 + 2, pattern(43, 2));
    byte[] whole = writer.toBytes();
    int last = writer.recordStart(2);

    for (int cut = last; cut < whole.length; cut++) {
      Path file = dir.resolve("cut.pcap");
      Files.write(file, Arrays.copyOf(whole, cut));

      RecordingSink sink = new RecordingSink();
      ReadSummary summary = read(file, 0, sink);

      assertThat(sink.frames()).as("cut at %d", cut).hasSize(2);
      assertThat(summary.frames()).isEqualTo(2);
      assertThat(summary.bytes()).isEqualTo(41 + 42);
      if (cut == last) {
        assertThat(summary.problem()).isNull();
      } else {
        assertThat(summary.problem())
            .as("cut at %d", cut)
            .extracting(ReadProblem::kind, ReadProblem::offset)
            .containsExactly(ReadProblem.Kind.TRUNCATED, (long) last);
      }
    }
  }

  @Test
  void sinkThatChangesTheBufferStateDoesNotDisturbReading() throws Exception {
    PcapWriter writer = new PcapWriter(ByteOrder.BIG_ENDIAN, Resolution.MICROSECONDS, 1, 0);
    for (int i = 0; i < 50; i++) {
      writer.frame(T0 + i * 1000L, pattern(1000 + i, i));
    }
    Path file = writer.writeTo(dir.resolve("rude.pcap"));
    RecordingSink recorder = new RecordingSink();
    org.iptraf.agent.capture.FrameSink rude =
        new org.iptraf.agent.capture.FrameSink() {
          @Override
          public void interfaceAdded(int id, InterfaceInfo info) {
            recorder.interfaceAdded(id, info);
          }

          @Override
          public void frame(
              ByteBuffer buffer,
              int offset,
              int cap,
              int orig,
              long ts,
              int id,
              int dir,
              int vlan) {
            recorder.frame(buffer, offset, cap, orig, ts, id, dir, vlan);
            buffer.order(ByteOrder.LITTLE_ENDIAN).position(0).limit(1);
          }
        };

    ReadSummary summary = read(file, 0, rude);

    assertThat(summary.frames()).isEqualTo(50);
    assertThat(recorder.frames().get(49).data()).isEqualTo(pattern(1049, 49));
    assertThat(recorder.frames().get(49).timestampNanos()).isEqualTo(T0 + 49_000L);
  }

  static ReadSummary read(Path file, int firstId, org.iptraf.agent.capture.FrameSink sink)
      throws CaptureFileException {
    try (CaptureFileReader reader = CaptureFiles.open(file, firstId)) {
      return reader.read(sink);
    }
  }
}
