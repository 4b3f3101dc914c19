package org.iptraf.agent.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.capture.LinkType;
import org.iptraf.agent.capture.file.CaptureFileException;
import org.iptraf.agent.capture.file.CaptureFileReader;
import org.iptraf.agent.capture.file.CaptureFiles;
import org.iptraf.agent.capture.file.ReadSummary;
import org.iptraf.agent.stats.Tables;
import org.iptraf.agent.testutil.Frames;
import org.iptraf.agent.testutil.PcapWriter;
import org.iptraf.agent.testutil.PcapngWriter;
import org.iptraf.agent.testutil.PcapngWriter.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated pcap and pcapng files (header fields, record and block lengths, option lengths, cuts,
 * repeats) through {@link CaptureFiles} into one {@link Tables}: a file is either read, perhaps
 * with a problem reported, or rejected with the one-line {@link CaptureFileException}; nothing else
 * may come out, the sink contract holds, and the tables' counters stay consistent.
 *
 * <p>CI runs 2,000 files; more: {@code -Diptraf.fuzz.files=N}, another seed: {@code
 * -Diptraf.fuzz.seed=N}. A failing file is kept under {@code target/fuzz-failures/}.
 */
class CaptureFileFuzzTest {

  private static final int FILES = Integer.getInteger("iptraf.fuzz.files", 2_000);
  private static final long SEED = Long.getLong("iptraf.fuzz.seed", 20_240_607L);
  private static final int MAX_FAILURES = 10;
  private static final int MAX_STACKED = 3;
  private static final int MAX_EXTENSION = 512;

  /** Smallest a frame's record can be: a pcapng simple packet block (pcap's header is 16). */
  private static final int SMALLEST_RECORD = 16;

  /** 32-bit values on the edges of the readers' length checks. */
  private static final long[] INTERESTING = {
    0,
    1,
    3,
    4,
    8,
    11,
    12,
    16,
    20,
    24,
    28,
    32,
    0x7F,
    0xFF,
    0xFFFF,
    0x10000,
    262_144,
    262_145,
    1 << 20,
    (1 << 20) + 1,
    0x7FFF_FFFFL,
    0x8000_0000L,
    0xFFFF_FFF0L,
    0xFFFF_FFFCL,
    0xFFFF_FFFFL
  };

  @TempDir Path dir;

  @Test
  @Timeout(value = 6, unit = TimeUnit.HOURS)
  void mutatedFilesAreReadOrRejectedInOneLineAndNeverThrow() throws Exception {
    List<byte[]> seeds = seeds();
    List<FileFields.Fields> fields = seeds.stream().map(FileFields::of).toList();
    SplittableRandom random = new SplittableRandom(SEED);
    Tables tables =
        new Tables(
            new org.iptraf.agent.config.AgentConfig.Tables(
                FrameFuzzTest.TCP_CAP,
                2,
                1,
                FrameFuzzTest.FLOW_CAP,
                2,
                FrameFuzzTest.STATION_CAP,
                2,
                64,
                1500),
            List.of(),
            System::nanoTime);
    Map<String, String> failures = new LinkedHashMap<>();
    Map<String, Integer> outcomes = new java.util.TreeMap<>();
    int nextId = 0;
    long frames = 0;
    long slowestNanos = 0;
    long start = System.nanoTime();
    for (int n = 0; n < FILES; n++) {
      int which = random.nextInt(seeds.size());
      byte[] file = mutate(random, seeds.get(which), fields.get(which));
      Path path = dir.resolve("fuzz-" + (n % 2 == 0 ? "a" : "b"));
      Files.write(path, file);
      long t0 = System.nanoTime();
      try (CaptureFileReader reader = CaptureFiles.open(path, nextId)) {
        CheckingSink sink = new CheckingSink(tables, nextId);
        ReadSummary summary = reader.read(sink);
        assertThat(summary.frames()).as("summary frames").isEqualTo(sink.frames);
        assertThat(summary.interfaces()).as("summary interfaces").isEqualTo(sink.declared.size());
        assertThat(summary.frames())
            .as("frames a file of %d bytes can hold", file.length)
            .isLessThanOrEqualTo(file.length / SMALLEST_RECORD + 1);
        nextId += summary.interfaces();
        frames += sink.frames;
        outcomes.merge(
            summary.clean() ? "read" : "read, " + summary.problem().kind(), 1, Integer::sum);
      } catch (CaptureFileException e) {
        if (!e.getMessage().startsWith(path.toString()) || e.getMessage().contains("\n")) {
          record(
              failures,
              new AssertionError("not one line naming the file: " + e.getMessage()),
              n,
              file);
        }
        outcomes.merge("rejected", 1, Integer::sum);
      } catch (Throwable t) {
        record(failures, t, n, file);
      }
      slowestNanos = Math.max(slowestNanos, System.nanoTime() - t0);
    }
    long wallNanos = System.nanoTime() - start;
    tables.finish();

    assertThat(failures).as("exceptions out of the file readers (seed " + SEED + ")").isEmpty();
    TablesInvariants.check(
        tables.snapshot(),
        frames,
        FrameFuzzTest.TCP_CAP,
        FrameFuzzTest.FLOW_CAP,
        FrameFuzzTest.STATION_CAP);
    System.out.printf(
        "file fuzz: %,d mutated files from %,d seeds, seed %d, %.1f s, slowest"
            + " file %.1f ms, %,d frames delivered, %,d interfaces; %s%n",
        FILES, seeds.size(), SEED, wallNanos / 1e9, slowestNanos / 1e6, frames, nextId, outcomes);
  }

  /** Every corpus file, whatever it is, and files built here with every block type we write. */
  private static List<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>();
    for (Path p : FuzzSeeds.corpusFiles()) {
      try {
        seeds.add(Files.readAllBytes(p));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    byte[] udp =
        Frames.ethernet(
            Frames.BROADCAST,
            Frames.MAC_A,
            0x0800,
            Frames.ipv4("10.0.0.1", "10.0.0.255", 17, Frames.udp(67, 68, 30)));
    long t = 1_700_000_000_000_000_000L;
    seeds.add(PcapWriter.ethernet().frame(t, udp).frame(t + 1000, udp, 1514).toBytes());
    seeds.add(
        new PcapWriter(
                ByteOrder.BIG_ENDIAN, PcapWriter.Resolution.NANOSECONDS, LinkType.LINUX_SLL, 65535)
            .frame(t, Frames.sll(0, 1, Frames.MAC_A, 0x0800, udp))
            .toBytes());
    seeds.add(
        new PcapWriter(
                ByteOrder.LITTLE_ENDIAN, PcapWriter.Resolution.KUZNETZOV, LinkType.ETHERNET, 262144)
            .kuznetzovFrame(t, udp, PcapWriter.PACKET_OUTGOING)
            .kuznetzovFrame(t, udp, 0)
            .toBytes());
    seeds.add(
        new PcapngWriter(ByteOrder.BIG_ENDIAN, Option.comment("fuzz seed"))
            .interfaceBlock(
                LinkType.ETHERNET,
                65535,
                Option.ifName("eth0"),
                Option.ifTsresol(9),
                Option.ifTsoffset(10))
            .enhancedPacket(0, 1_700_000_000_000_000_000L, udp, Option.outbound())
            .block(PcapngWriter.ISB, new byte[20])
            .simplePacket(udp, udp.length)
            .obsoletePacket(0, 5, udp, 1514, Option.comment("cut"))
            .block(0x0BAD, new byte[] {1, 2, 3})
            .section(ByteOrder.LITTLE_ENDIAN)
            .interfaceBlock(LinkType.RAW, 0)
            .interfaceBlock(LinkType.LINUX_SLL2, 128)
            .enhancedPacket(1, 7, Frames.sll2(0, 1, Frames.MAC_B, 0x0800, udp))
            .enhancedPacket(
                0, 8, Frames.ipv4("10.0.0.1", "10.0.0.2", 6, Frames.tcp(1, 2, Frames.SYN, 100, 0)))
            .toBytes());
    return seeds;
  }

  private static byte[] mutate(SplittableRandom random, byte[] seed, FileFields.Fields f) {
    byte[] b = seed.clone();
    int n = 1 + random.nextInt(MAX_STACKED);
    for (int i = 0; i < n; i++) {
      b = once(random, b, f);
    }
    return b;
  }

  private static byte[] once(SplittableRandom random, byte[] b, FileFields.Fields f) {
    int op = random.nextInt(10);
    if (b.length < 4) {
      op = 8;
    }
    switch (op) {
      case 0, 1, 2, 3 -> { // a 32-bit header field, in either byte order
        int at = pick(random, f.words(), b.length - 4);
        long v =
            random.nextInt(4) == 0
                ? random.nextLong(1L << 32)
                : INTERESTING[random.nextInt(INTERESTING.length)];
        ByteBuffer.wrap(b)
            .order(random.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
            .putInt(at, (int) v);
      }
      case 4 -> { // a 16-bit field: versions, option codes and lengths, link type halves
        int at = pick(random, f.halves(), b.length - 2);
        int v =
            random.nextInt(3) == 0
                ? random.nextInt(0x10000)
                : (int) INTERESTING[random.nextInt(14)];
        ByteBuffer.wrap(b)
            .order(random.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
            .putShort(at, (short) v);
      }
      case 5 -> b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
      case 6 -> { // cut: anywhere, or just around a field
        int at =
            random.nextBoolean()
                ? random.nextInt(b.length)
                : Math.max(
                    0,
                    Math.min(
                        b.length - 1,
                        pick(random, f.words(), b.length - 1) + random.nextInt(9) - 4));
        b = java.util.Arrays.copyOf(b, at);
      }
      case 7 -> { // repeat a stretch at the end (a duplicated block, a trailing half record)
        int from = random.nextInt(b.length);
        int count = 1 + random.nextInt(Math.min(b.length - from, 4096));
        byte[] longer = java.util.Arrays.copyOf(b, b.length + count);
        System.arraycopy(b, from, longer, b.length, count);
        b = longer;
      }
      case 8 -> { // random bytes at the end
        int extra = 1 + random.nextInt(MAX_EXTENSION);
        byte[] longer = java.util.Arrays.copyOf(b, b.length + extra);
        for (int i = b.length; i < longer.length; i++) {
          longer[i] = (byte) random.nextInt(256);
        }
        b = longer;
      }
      default -> { // a few random bytes somewhere
        int at = random.nextInt(b.length);
        for (int i = at; i < Math.min(b.length, at + 1 + random.nextInt(8)); i++) {
          b[i] = (byte) random.nextInt(256);
        }
      }
    }
    return b;
  }

  /** A known field most of the time (if it still lies within the file), else any offset. */
  private static int pick(SplittableRandom random, int[] offsets, int max) {
    if (max <= 0) {
      return 0;
    }
    if (offsets.length > 0 && random.nextInt(8) != 0) {
      int at = offsets[random.nextInt(offsets.length)];
      if (at <= max) {
        return at;
      }
    }
    return random.nextInt(max + 1);
  }

  private void record(Map<String, String> failures, Throwable t, int n, byte[] file) {
    StackTraceElement top = t.getStackTrace().length > 0 ? t.getStackTrace()[0] : null;
    String site = t.getClass().getName() + " at " + top;
    if (failures.size() >= MAX_FAILURES || failures.containsKey(site)) {
      return;
    }
    Path kept = Path.of("target", "fuzz-failures", "file-" + SEED + "-" + n + ".bin");
    try {
      Files.createDirectories(kept.getParent());
      Files.write(kept, file);
    } catch (IOException e) {
      kept = null;
    }
    failures.put(site, "file #" + n + " of seed " + SEED + " (kept as " + kept + "): " + t);
    t.printStackTrace();
  }

  /** Checks the sink contract, then hands each frame to the tables. */
  private static final class CheckingSink implements FrameSink {
    final Set<Integer> declared = new HashSet<>();
    private final Tables tables;
    private final int firstId;
    long frames;

    CheckingSink(Tables tables, int firstId) {
      this.tables = tables;
      this.firstId = firstId;
    }

    @Override
    public void interfaceAdded(int interfaceId, InterfaceInfo info) {
      if (interfaceId != firstId + declared.size() && !declared.contains(interfaceId)) {
        throw new AssertionError(
            "interface ids not dense: " + interfaceId + " after " + declared + " from " + firstId);
      }
      declared.add(interfaceId);
      tables.interfaceAdded(interfaceId, info);
    }

    @Override
    public void frame(
        ByteBuffer buffer,
        int offset,
        int capturedLength,
        int originalLength,
        long timestampNanos,
        int interfaceId,
        int direction,
        int vlanTci) {
      if (!declared.contains(interfaceId)) {
        throw new AssertionError("frame on undeclared interface " + interfaceId);
      }
      if (capturedLength < 0
          || capturedLength > originalLength
          || offset < 0
          || offset + capturedLength > buffer.limit()) {
        throw new AssertionError(
            "frame bounds: offset "
                + offset
                + " captured "
                + capturedLength
                + " original "
                + originalLength
                + " limit "
                + buffer.limit());
      }
      if (direction != DIRECTION_IN && direction != DIRECTION_OUT) {
        throw new AssertionError("direction " + direction);
      }
      frames++;
      tables.frame(
          buffer,
          offset,
          capturedLength,
          originalLength,
          timestampNanos,
          interfaceId,
          direction,
          vlanTci);
    }
  }
}
