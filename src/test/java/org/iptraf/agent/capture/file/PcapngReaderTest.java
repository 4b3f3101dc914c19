package org.iptraf.agent.capture.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iptraf.agent.capture.FrameSink.DIRECTION_IN;
import static org.iptraf.agent.capture.FrameSink.DIRECTION_OUT;
import static org.iptraf.agent.capture.file.PcapReaderTest.read;
import static org.iptraf.agent.testutil.TestBytes.pattern;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.capture.LinkType;
import org.iptraf.agent.testutil.PcapngWriter;
import org.iptraf.agent.testutil.PcapngWriter.Option;
import org.iptraf.agent.testutil.RecordingSink;
import org.iptraf.agent.testutil.RecordingSink.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapngReaderTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long T0_SECONDS = 1_700_000_000L;
  private static final long T0 = T0_SECONDS * SECOND;

  @TempDir Path dir;

  @Test
  void givesEveryInterfaceOfEverySectionItsOwnDenseId() throws Exception {
    byte[] f1 = pattern(60, 1);
    byte[] f2 = pattern(81, 2);
    byte[] f3 = pattern(100, 3);
    byte[] f4 = pattern(120, 4);
    Path file =
        new PcapngWriter(ByteOrder.BIG_ENDIAN)
            .interfaceBlock(LinkType.ETHERNET, 65535, Option.ifName("eth0"), Option.ifTsresol(9))
            .interfaceBlock(LinkType.RAW, 0)
            .enhancedPacket(0, T0 + 123, f1)
            .enhancedPacket(1, T0_SECONDS * 1_000_000 + 1, f2)
            .section(ByteOrder.LITTLE_ENDIAN)
            .interfaceBlock(LinkType.LINUX_SLL, 262144, Option.ifTsresol(0x80 | 10))
            .interfaceBlock(LinkType.ETHERNET, 1500, Option.ifName("eth0"))
            .enhancedPacket(0, T0_SECONDS * 1024 + 256, f3)
            .enhancedPacket(1, (T0_SECONDS + 2) * 1_000_000, f4, 1514)
            .writeTo(dir.resolve("two.pcapng"));

    RecordingSink sink = new RecordingSink();
    ReadSummary summary = read(file, 5, sink);

    assertThat(sink.interfaces())
        .containsExactly(
            Map.entry(5, new InterfaceInfo("eth0", LinkType.ETHERNET, false, 65535)),
            Map.entry(6, new InterfaceInfo("two.pcapng#1", LinkType.RAW, false, 0)),
            Map.entry(7, new InterfaceInfo("two.pcapng#2", LinkType.LINUX_SLL, false, 262144)),
            Map.entry(8, new InterfaceInfo("eth0", LinkType.ETHERNET, false, 1500)));
    long t1 = T0 + 123;
    long t2 = T0 + 1_000;
    long t3 = T0 + SECOND / 4;
    long t4 = T0 + 2 * SECOND;
    assertThat(sink.frames())
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactly(
            Frame.of(f1, 60, t1, 5, DIRECTION_IN),
            Frame.of(f2, 81, t2, 6, DIRECTION_IN),
            Frame.of(f3, 100, t3, 7, DIRECTION_IN),
            Frame.of(f4, 1514, t4, 8, DIRECTION_IN));
    assertThat(summary)
        .isEqualTo(
            new ReadSummary(CaptureFormat.PCAPNG, 4, 60 + 81 + 100 + 1514, 4, t1, t4, 0, null));
  }

  @Test
  void addsTheInterfaceTimestampOffsetInSeconds() throws Exception {
    Path file =
        new PcapngWriter(ByteOrder.LITTLE_ENDIAN)
            .interfaceBlock(
                LinkType.ETHERNET, 0, Option.ifTsresol(3), Option.ifTsoffset(T0_SECONDS))
            .enhancedPacket(0, 1_500, pattern(60, 0))
            .writeTo(dir.resolve("offset.pcapng"));

    RecordingSink sink = new RecordingSink();
    read(file, 0, sink);

    assertThat(sink.frames().get(0).timestampNanos()).isEqualTo(T0 + 1_500_000_000L);
  }

  @Test
  void takesTheDirectionFromEpbFlagsBitsZeroAndOne() throws Exception {
    int[] flags = {0, 1, 2, 3, 0x1e2, 0x1e1, 0xffff_fffe};
    int[] expected = {
      DIRECTION_IN,
      DIRECTION_IN,
      DIRECTION_OUT,
      DIRECTION_IN,
      DIRECTION_OUT,
      DIRECTION_IN,
      DIRECTION_OUT
    };
    PcapngWriter writer =
        new PcapngWriter(ByteOrder.BIG_ENDIAN).interfaceBlock(LinkType.ETHERNET, 0);
    for (int i = 0; i < flags.length; i++) {
      writer.enhancedPacket(
          0, i, pattern(60, i), Option.comment("frame " + i), Option.epbFlags(flags[i]));
    }
    writer.enhancedPacket(0, 99, pattern(60, 99)); // no options at all
    Path file = writer.writeTo(dir.resolve("flags.pcapng"));

    RecordingSink sink = new RecordingSink();
    read(file, 0, sink);

    int[] expectedAll = Arrays.copyOf(expected, expected.length + 1);
    expectedAll[expected.length] = DIRECTION_IN;
    assertThat(sink.frames().stream().mapToInt(Frame::direction).toArray())
        .containsExactly(expectedAll);
  }

  @Test
  void simplePacketsUseInterfaceZeroItsSnapLengthAndTheLastTimestamp() throws Exception {
    byte[] early = pattern(32, 9);
    byte[] epb = pattern(60, 1);
    byte[] cutBySnap = pattern(64, 2);
    byte[] odd = pattern(30, 3);
    Path file =
        new PcapngWriter(ByteOrder.LITTLE_ENDIAN)
            .interfaceBlock(LinkType.ETHERNET, 64, Option.ifTsresol(9))
            .interfaceBlock(LinkType.RAW, 0, Option.ifTsresol(9))
            .simplePacket(early, 32)
            .enhancedPacket(1, T0 + 7, epb)
            .simplePacket(cutBySnap, 100)
            .simplePacket(odd, 30)
            .writeTo(dir.resolve("spb.pcapng"));

    RecordingSink sink = new RecordingSink();
    ReadSummary summary = read(file, 0, sink);

    assertThat(sink.frames())
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactly(
            Frame.of(early, 32, 0, 0, DIRECTION_IN),
            Frame.of(epb, 60, T0 + 7, 1, DIRECTION_IN),
            Frame.of(cutBySnap, 100, T0 + 7, 0, DIRECTION_IN),
            Frame.of(odd, 30, T0 + 7, 0, DIRECTION_IN));
    assertThat(summary.clean()).isTrue();
  }

  @Test
  void readsTheObsoletePacketBlockAndItsFlags() throws Exception {
    byte[] data = pattern(70, 5);
    Path file =
        new PcapngWriter(ByteOrder.BIG_ENDIAN)
            .interfaceBlock(LinkType.ETHERNET, 0)
            .interfaceBlock(LinkType.PPP, 0, Option.ifTsresol(0))
            .obsoletePacket(1, T0_SECONDS, data, 1000, Option.outbound())
            .writeTo(dir.resolve("pb.pcapng"));

    RecordingSink sink = new RecordingSink();
    read(file, 0, sink);

    assertThat(sink.frames())
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactly(Frame.of(data, 1000, T0, 1, DIRECTION_OUT));
  }

  @Test
  void stepsOverBlocksItDoesNotKnowWhateverTheirSize() throws Exception {
    byte[] a = pattern(60, 1);
    byte[] b = pattern(61, 2);
    byte[] c = pattern(62, 3);
    Path file =
        new PcapngWriter(ByteOrder.LITTLE_ENDIAN)
            .block(PcapngWriter.ISB, new byte[24])
            .interfaceBlock(LinkType.ETHERNET, 0, Option.ifName("em1"))
            .block(0x00000BAD, pattern(13, 0))
            .enhancedPacket(0, 1, a)
            .block(0x80000001, new byte[0])
            .block(0x40000BAD, pattern(3 * 1024 * 1024, 7))
            .enhancedPacket(0, 2, b)
            .block(4, pattern(100, 0)) // name resolution block
            .enhancedPacket(0, 3, c)
            .block(PcapngWriter.ISB, new byte[24])
            .writeTo(dir.resolve("unknown.pcapng"));

    RecordingSink sink = new RecordingSink();
    ReadSummary summary = read(file, 0, sink);

    assertThat(sink.frames()).extracting(Frame::data).containsExactly(a, b, c);
    assertThat(summary.clean()).isTrue();
  }

  @Test
  void fileCutAtEveryByteOfItsLastBlockEndsWithTheCompleteBlocks() throws Exception {
    PcapngWriter writer =
        new PcapngWriter(ByteOrder.BIG_ENDIAN)
            .interfaceBlock(LinkType.ETHERNET, 0)
            .enhancedPacket(0, 1, pattern(60, 0))
            .block(0x00000BAD, pattern(10, 0))
            .enhancedPacket(0, 2, pattern(63, 0), Option.inbound(), Option.comment("last"));
    byte[] whole = writer.toBytes();
    int last = writer.lastBlockStart();

    for (int cut = last; cut < whole.length; cut++) {
      Path file = dir.resolve("cut.pcapng");
      Files.write(file, Arrays.copyOf(whole, cut));

      RecordingSink sink = new RecordingSink();
      ReadSummary summary = read(file, 0, sink);

      assertThat(sink.frames()).as("cut at %d", cut).hasSize(1);
      assertThat(summary.frames()).isEqualTo(1);
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
  void fileCutInsideABlockItSkipsEndsAtThatBlock() throws Exception {
    PcapngWriter writer =
        new PcapngWriter(ByteOrder.LITTLE_ENDIAN)
            .interfaceBlock(LinkType.ETHERNET, 0)
            .enhancedPacket(0, 1, pattern(60, 0))
            .block(0x00000BAD, pattern(200_000, 0));
    byte[] whole = writer.toBytes();
    int last = writer.lastBlockStart();

    for (int cut = last + 1; cut < whole.length; cut += cut < last + 16 ? 1 : 4093) {
      Path file = dir.resolve("cut.pcapng");
      Files.write(file, Arrays.copyOf(whole, cut));

      ReadSummary summary = read(file, 0, new RecordingSink());

      assertThat(summary.frames()).isEqualTo(1);
      assertThat(summary.problem())
          .as("cut at %d", cut)
          .extracting(ReadProblem::kind, ReadProblem::offset)
          .containsExactly(ReadProblem.Kind.TRUNCATED, (long) last);
    }
  }

  /**
   * A good packet, then the blocks {@code badBlock} writes (the last of them is the one under test,
   * patched by {@code patch}), then another good packet that must not be delivered.
   */
  private void assertStopsAt(
      ReadProblem.Kind kind, String reasonPart, Consumer<PcapngWriter> badBlock, BytePatch patch)
      throws Exception {
    PcapngWriter writer =
        new PcapngWriter(ByteOrder.BIG_ENDIAN)
            .interfaceBlock(LinkType.ETHERNET, 0)
            .enhancedPacket(0, 1, pattern(60, 0));
    badBlock.accept(writer);
    int bad = writer.lastBlockStart();
    writer.enhancedPacket(0, 3, pattern(60, 0));
    byte[] bytes = writer.toBytes();
    patch.apply(ByteBuffer.wrap(bytes), bad);
    Path file = Files.write(dir.resolve("bad.pcapng"), bytes);

    RecordingSink sink = new RecordingSink();
    ReadSummary summary = read(file, 0, sink);

    assertThat(sink.frames()).hasSize(1);
    assertThat(summary.problem()).isNotNull();
    assertThat(summary.problem().kind()).isEqualTo(kind);
    assertThat(summary.problem().offset()).isEqualTo(bad);
    assertThat(summary.problem().reason()).contains(reasonPart).doesNotContain("\n");
  }

  /** Overwrites fields of the block that starts at {@code at} (big-endian file). */
  private interface BytePatch {
    void apply(ByteBuffer file, int at);
  }

  private static final BytePatch NONE = (file, at) -> {};

  private static Consumer<PcapngWriter> epb(int size) {
    return w -> w.enhancedPacket(0, 2, pattern(size, 0));
  }

  @Test
  void blockLengthNotAMultipleOfFourIsCorrupt() throws Exception {
    assertStopsAt(
        ReadProblem.Kind.CORRUPT, "multiple of 4", epb(60), (f, at) -> f.putInt(at + 4, 94));
  }

  @Test
  void blockLengthBelowItsTypesMinimumIsCorrupt() throws Exception {
    assertStopsAt(ReadProblem.Kind.CORRUPT, "minimum 32", epb(60), (f, at) -> f.putInt(at + 4, 28));
    assertStopsAt(
        ReadProblem.Kind.CORRUPT,
        "minimum 12",
        epb(60),
        (f, at) -> {
          f.putInt(at, 0xBAD);
          f.putInt(at + 4, 8);
        });
  }

  @Test
  void capturedLengthBeyondTheBlockIsCorrupt() throws Exception {
    assertStopsAt(
        ReadProblem.Kind.CORRUPT, "exceeds its", epb(60), (f, at) -> f.putInt(at + 20, 61));
  }

  @Test
  void absurdCapturedLengthIsCorrupt() throws Exception {
    assertStopsAt(
        ReadProblem.Kind.CORRUPT, "2147483648", epb(60), (f, at) -> f.putInt(at + 20, 1 << 31));
  }

  @Test
  void trailingLengthThatDiffersIsCorrupt() throws Exception {
    assertStopsAt(
        ReadProblem.Kind.CORRUPT, "trailing length 4", epb(60), (f, at) -> f.putInt(at + 88, 4));
    assertStopsAt(
        ReadProblem.Kind.CORRUPT,
        "trailing length 0",
        w -> w.block(0xBAD, new byte[8]),
        (f, at) -> f.putInt(at + 16, 0));
  }

  @Test
  void hugePacketBlockLengthIsCorruptWithoutAllocating() throws Exception {
    assertStopsAt(
        ReadProblem.Kind.CORRUPT, "exceeds", epb(60), (f, at) -> f.putInt(at + 4, 0xfffffffc));
  }

  @Test
  void hugeUnknownBlockLengthEndsAsTruncated() throws Exception {
    assertStopsAt(
        ReadProblem.Kind.TRUNCATED,
        "4294967292",
        w -> w.block(0xBAD, new byte[8]),
        (f, at) -> f.putInt(at + 4, 0xfffffffc));
  }

  @Test
  void packetOnAnUndeclaredInterfaceIsCorrupt() throws Exception {
    assertStopsAt(
        ReadProblem.Kind.CORRUPT,
        "names interface 3",
        w -> w.enhancedPacket(3, 2, pattern(60, 0)),
        NONE);
  }

  @Test
  void interfaceNumbersDoNotCarryOverIntoTheNextSection() throws Exception {
    assertStopsAt(
        ReadProblem.Kind.CORRUPT,
        "names interface 0 but its section declares 0",
        w -> w.section(ByteOrder.BIG_ENDIAN).enhancedPacket(0, 2, pattern(60, 0)),
        NONE);
  }

  @Test
  void sectionWithABadByteOrderMagicIsCorrupt() throws Exception {
    assertStopsAt(
        ReadProblem.Kind.CORRUPT,
        "byte-order magic",
        w -> w.section(ByteOrder.BIG_ENDIAN),
        (f, at) -> f.putInt(at + 8, 0x12345678));
  }

  @Test
  void sectionOfAnotherMajorVersionIsCorrupt() throws Exception {
    assertStopsAt(
        ReadProblem.Kind.CORRUPT,
        "version 2.0",
        w -> w.section(ByteOrder.BIG_ENDIAN),
        (f, at) -> f.putShort(at + 12, (short) 2));
  }

  @Test
  void interfaceNameMayBePaddedWithNuls() throws Exception {
    Path file =
        new PcapngWriter(ByteOrder.LITTLE_ENDIAN)
            .interfaceBlock(
                LinkType.ETHERNET, 0, Option.raw(2, "wlan0\0\0".getBytes(StandardCharsets.UTF_8)))
            .interfaceBlock(LinkType.ETHERNET, 0, Option.raw(2, new byte[] {0}))
            .writeTo(dir.resolve("names.pcapng"));

    RecordingSink sink = new RecordingSink();
    read(file, 0, sink);

    assertThat(sink.interfaces().values())
        .extracting(InterfaceInfo::name)
        .containsExactly("wlan0", "names.pcapng#1");
  }
}
