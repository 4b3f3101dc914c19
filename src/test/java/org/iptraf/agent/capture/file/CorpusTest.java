package org.iptraf.agent.capture.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.testutil.Require;
import org.iptraf.agent.testutil.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every file of the shared tcpdump test corpus goes through the reader: real files from many
 * writers, some damaged on purpose. Only the checked exception may come out, and nothing hangs.
 */
class CorpusTest {

  /** Counts what arrives and checks the sink contract on the way. */
  private static final class CountingSink implements FrameSink {
    final java.util.Set<Integer> declared = new java.util.HashSet<>();
    long frames;

    @Override
    public void interfaceAdded(int interfaceId, InterfaceInfo info) {
      declared.add(interfaceId);
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
      assertThat(declared).contains(interfaceId);
      assertThat(capturedLength).isBetween(0, originalLength);
      assertThat(offset + capturedLength).isLessThanOrEqualTo(buffer.limit());
      frames++;
    }
  }

  /** The shared tcpdump test captures, {@link Require}d. */
  private static Path corpus() {
    return Require.shared("corpus", "tcpdump-tests");
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void readsEveryFileOfTheTcpdumpCorpusOrRejectsItInOneLine() throws IOException {
    Path corpus = corpus();
    List<Path> files;
    try (Stream<Path> list = Files.list(corpus)) {
      files = list.sorted().collect(Collectors.toList());
    }
    Map<String, Integer> tally = new TreeMap<>();
    int nextId = 0;
    for (Path file : files) {
      String outcome;
      try (CaptureFileReader reader = CaptureFiles.open(file, nextId)) {
        CountingSink sink = new CountingSink();
        ReadSummary summary = reader.read(sink);
        assertThat(summary.frames()).isEqualTo(sink.frames);
        assertThat(sink.declared).hasSize(summary.interfaces());
        nextId += summary.interfaces();
        outcome = summary.format() + (summary.clean() ? "" : " " + summary.problem().kind());
      } catch (CaptureFileException e) {
        assertThat(e.getMessage()).startsWith(file.toString()).doesNotContain("\n");
        outcome =
            "rejected: "
                + e.getMessage()
                    .substring(file.toString().length() + 2)
                    .replaceAll("0x[0-9a-f]+", "0x…");
      }
      tally.merge(outcome, 1, Integer::sum);
    }
    System.out.println("corpus " + corpus + ": " + files.size() + " files " + tally);
    assertThat(files).isNotEmpty();
  }

  /**
   * The frame count of every file that Wireshark's capinfos reads without complaint is capinfos'
   * count: a reader that rejected or cut short good files would fail here, not pass.
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void deliversEveryFrameThatCapinfosCountsInTheCorpus() throws Exception {
    Path corpus = corpus();
    String capinfos = Require.tool("capinfos");
    List<String> command = new java.util.ArrayList<>(List.of(capinfos, "-T", "-r", "-c", "-M"));
    try (Stream<Path> list = Files.list(corpus)) {
      list.sorted().forEach(f -> command.add(f.toString()));
    }
    // one line "file<TAB>packets" per file it reads; the ones it cannot read go to stderr
    Tools.Result r = Tools.run(command, 120);
    Map<String, Long> expected = new TreeMap<>();
    r.stdout()
        .lines()
        .map(l -> l.split("\t"))
        .filter(f -> f.length == 2)
        .forEach(f -> expected.put(f[0].trim(), Long.parseLong(f[1].trim())));
    assertThat(expected).as("files capinfos read").hasSizeGreaterThan(500);
    Map<String, String> wrong = new TreeMap<>();
    for (Map.Entry<String, Long> e : expected.entrySet()) {
      String got;
      try (CaptureFileReader reader = CaptureFiles.open(Path.of(e.getKey()), 0)) {
        got = Long.toString(reader.read(new CountingSink()).frames());
      } catch (CaptureFileException x) {
        got = "rejected: " + x.getMessage();
      }
      if (!got.equals(Long.toString(e.getValue()))) {
        wrong.put(
            Path.of(e.getKey()).getFileName().toString(),
            "capinfos " + e.getValue() + ", reader " + got);
      }
    }
    assertThat(wrong).as("files whose frame count differs from capinfos'").isEmpty();
  }
}
