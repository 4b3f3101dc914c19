package org.iptraf.agent.ipfix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.iptraf.agent.testutil.Require;
import org.iptraf.agent.testutil.Tools;

/**
 * nfdump's collector, {@code nfcapd}, on a loopback UDP port, writing into a directory of the
 * test's; stopped with SIGTERM, which makes it close its file ({@code nfcapd.YYYYMMDDhhmm}), and
 * read with {@code nfdump -r FILE -o csv}.
 */
final class Nfcapd implements AutoCloseable {
  private final Path dir;
  private final Path log;
  private final Process process;
  final int port;

  private Nfcapd(Path dir, Path log, Process process, int port) {
    this.dir = dir;
    this.log = log;
    this.process = process;
    this.port = port;
  }

  static Nfcapd start(Path work) throws Exception {
    return startOn(work, Tools.freeUdpPort());
  }

  static Nfcapd startOn(Path work, int port) throws Exception {
    return startIn(List.of(), work, port);
  }

  /** As {@link #startOn}, in the network namespace {@code netns} ({@code ip netns exec}). */
  static Nfcapd startIn(String netns, Path work, int port) throws Exception {
    return startIn(List.of("ip", "netns", "exec", netns), work, port);
  }

  private static Nfcapd startIn(List<String> prefix, Path work, int port) throws Exception {
    String nfcapd = Require.tool("nfcapd");
    Path dir = Files.createDirectories(work.resolve("nfcapd"));
    Path log = work.resolve("nfcapd.log");
    List<String> command = new java.util.ArrayList<>(prefix);
    command.addAll(
        List.of(nfcapd, "-w", dir.toString(), "-b", "127.0.0.1", "-p", Integer.toString(port)));
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Nfcapd n = new Nfcapd(dir, log, p, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!n.log().contains("Startup")) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        Tools.stop(p);
        throw new AssertionError("nfcapd did not start: " + n.log());
      }
      Thread.sleep(20);
    }
    return n;
  }

  String log() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  /** Stops nfcapd (it writes its file on SIGTERM) and returns the flows it stored. */
  List<Map<String, String>> stopAndRead() throws Exception {
    Tools.stop(process);
    assertThat(process.exitValue()).as("nfcapd exit; its log: %s", log()).isZero();
    String nfcapdLog = log();
    // every file: nfcapd starts a new one at each 5-minute boundary of the wall clock, which a
    // test may straddle
    List<Path> files;
    try (Stream<Path> all = Files.list(dir)) {
      files =
          all.filter(f -> f.getFileName().toString().matches("nfcapd\\.\\d{12}")).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new AssertionError("nfcapd wrote no file; its log: " + nfcapdLog);
    }
    List<Map<String, String>> rows = new ArrayList<>();
    for (Path file : files) {
      Tools.Result r = Tools.run(List.of("nfdump", "-r", file.toString(), "-o", "csv"));
      assertThat(r.exitCode()).as("nfdump: %s", r.stderr()).isZero();
      rows.addAll(csv(r.stdout()));
    }
    return rows;
  }

  /** nfdump's csv: a header line, one line per flow, then a summary of other columns. */
  static List<Map<String, String>> csv(String text) {
    List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
    List<Map<String, String>> rows = new ArrayList<>();
    int header = 0;
    while (header < lines.size() && !lines.get(header).startsWith("ts,")) {
      header++;
    }
    assertThat(header).as("nfdump csv header in %s", text).isLessThan(lines.size());
    String[] names = lines.get(header).split(",");
    for (String line : lines.subList(header + 1, lines.size())) {
      String[] values = line.split(",", -1);
      if (values.length < names.length) {
        break; // the summary that follows the flows
      }
      Map<String, String> row = new java.util.LinkedHashMap<>();
      for (int i = 0; i < names.length; i++) {
        row.put(names[i], values[i].trim());
      }
      rows.add(row);
    }
    return rows;
  }

  @Override
  public void close() {
    Tools.stop(process);
  }

  @Override
  public String toString() {
    return "nfcapd on 127.0.0.1:" + port + " " + Arrays.toString(new String[] {dir.toString()});
  }
}
