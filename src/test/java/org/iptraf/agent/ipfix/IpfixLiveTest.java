package org.iptraf.agent.ipfix;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.iptraf.agent.testutil.Shell.shQuiet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iptraf.agent.capture.live.Netns;
import org.iptraf.agent.testutil.Require;
import org.iptraf.agent.testutil.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export during a live capture ({@code run}, in a namespace of its own, on one side of a veth
 * pair): first to a collector that is not there, then to nfcapd once it is started, then a flood of
 * flows that all end in the same second, more than the ended-flow buffer holds. No frame is lost to
 * any of it, the agent runs in a small heap, and every flow is either a record sent or a loss
 * counted.
 */
class IpfixLiveTest {
  private static final String SUFFIX = Long.toString(ProcessHandle.current().pid() % 100_000);
  private static final String CAP = "ipfl-cap-" + SUFFIX;
  private static final String GEN = "ipfl-gen-" + SUFFIX;
  private static final String CAP_IF = "ipfc" + SUFFIX;
  private static final String GEN_IF = "ipfg" + SUFFIX;
  private static final String NET = "198.18.81";
  private static final int FIRST_FLOWS = 500;
  private static final int FLOOD_FLOWS = 30_000;
  private static final int PAYLOAD = 20;
  private static final Pattern END =
      Pattern.compile(
          "IPFIX export to \\S+ ended: records=(\\d+) dropped=(\\d+) sendErrors=(\\d+)"
              + " endedLost=(\\d+)");

  private static boolean created;

  @TempDir Path dir;

  @BeforeAll
  static void createNamespaces() {
    Require.root("create network namespaces");
    Require.tools("ip", "python3", "sysctl", "nfcapd", "nfdump");
    created = true;
    Netns.silentPair(CAP, GEN, CAP_IF, GEN_IF, "02:1b:00:00:81:02", "02:1b:00:00:81:01", NET);
  }

  @AfterAll
  static void deleteNamespaces() {
    if (created) {
      shQuiet("ip", "netns", "del", CAP);
      shQuiet("ip", "netns", "del", GEN);
    }
  }

  @Test
  void collectorDownThenUpThenFloodedLosesNoFrameAndCountsEveryLoss() throws Exception {
    int port = 40_000 + (int) (ProcessHandle.current().pid() % 20_000); // in CAP's own loopback
    Path summary = dir.resolve("summary.jsonl");
    Path report = dir.resolve("report.json");
    Path conf =
        Files.write(
            dir.resolve("agent.conf"),
            List.of(
                "snmp.enabled = false",
                "prometheus.port = 0",
                "log.file = " + summary,
                "log.interval = 1",
                "flows.idleTimeout = 1",
                "export.ipfix.collector = 127.0.0.1:" + port,
                "export.ipfix.templateRefresh = 1",
                "export.ipfix.endedBuffer = 1024"));
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", CAP));
    command.addAll(
        Tools.javaCommand(
            // a small heap: buffers that grew with the flood would end the run
            List.of("-Xmx96m", "-XX:+ExitOnOutOfMemoryError", "-Diptraf.warmupFrames=0"),
            "run",
            "-c",
            conf.toString(),
            "-i",
            CAP_IF,
            "--report",
            report.toString()));
    Path err = dir.resolve("agent.err");
    Process agent =
        new ProcessBuilder(command)
            .redirectError(err.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    Nfcapd nfcapd = null;
    List<Map<String, String>> rows;
    try {
      await(() -> Files.readString(err).contains("capturing on " + CAP_IF), "the capture", agent);
      long[] before = Netns.kernelCounts(CAP, CAP_IF);

      // 1. nobody listens on the collector's port: the flows end and their records go nowhere
      send(10_000, FIRST_FLOWS);
      await(() -> flowsInSummary(summary, FIRST_FLOWS), "the first flows to end", agent);

      // 2. the collector comes up; 3. a flood of flows that all end in the same second
      nfcapd = Nfcapd.startIn(CAP, dir, port);
      send(20_000, FLOOD_FLOWS);
      await(
          () -> flowsInSummary(summary, FIRST_FLOWS + FLOOD_FLOWS),
          "the flood's flows to end",
          agent);
      long[] after = Netns.kernelCounts(CAP, CAP_IF);

      Tools.stop(agent); // SIGTERM: the report, then the export's last round
      String stderr = Files.readString(err);
      assertThat(agent.exitValue()).as(stderr).isZero();
      assertThat(stderr).doesNotContain("\tat ");
      rows = nfcapd.stopAndRead();
      String nfcapdLog = nfcapd.log();

      // no frame lost: the agent counted what the kernel counted on the interface
      long kernel = (after[0] - before[0]) + (after[1] - before[1]);
      assertThat(kernel).as("frames sent").isEqualTo(FIRST_FLOWS + FLOOD_FLOWS);
      JsonNode capture = new ObjectMapper().readTree(report.toFile()).get("capture");
      assertThat(capture.get("frames").asLong()).as("agent").isEqualTo(kernel);
      assertThat(capture.get("kernelDrops").asLong()).as("kernel drops").isZero();

      Matcher end = END.matcher(stderr);
      assertThat(end.find()).as(stderr).isTrue();
      long records = Long.parseLong(end.group(1));
      long dropped = Long.parseLong(end.group(2));
      long sendErrors = Long.parseLong(end.group(3));
      long endedLost = Long.parseLong(end.group(4));
      assertThat(sendErrors).as("sends to the absent collector").isPositive();
      assertThat(endedLost).as("the flood beyond the ended-flow buffer").isPositive();
      // every flow (one frame each) is one record sent or one loss counted
      assertThat(records + dropped + endedLost)
          .as("records %d + dropped %d + ended lost %d", records, dropped, endedLost)
          .isEqualTo(FIRST_FLOWS + FLOOD_FLOWS);
      // what reached nfcapd is right: one packet of IP length 28 + payload per flow, at most
      // every record sent since it started
      assertThat(rows)
          .as("nfcapd's flows; agent: %s%nnfcapd: %s", stderr, nfcapdLog)
          .isNotEmpty()
          .hasSizeLessThanOrEqualTo((int) records);
      for (Map<String, String> r : rows) {
        assertThat(Long.parseLong(r.get("ipkt")) + Long.parseLong(r.get("opkt"))).isEqualTo(1);
        assertThat(Long.parseLong(r.get("ibyt")) + Long.parseLong(r.get("obyt")))
            .isEqualTo(28 + PAYLOAD);
      }
    } finally {
      Tools.stop(agent);
      if (nfcapd != null) {
        nfcapd.close();
      }
    }
  }

  /** {@code flows} UDP datagrams from the generator, one per destination port from {@code port}. */
  private static void send(int port, int flows) {
    Netns.exec(
        GEN,
        "python3",
        "-c",
        "import socket\n"
            + "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
            + "for p in range("
            + port
            + ", "
            + (port + flows)
            + "): s.sendto(bytes("
            + PAYLOAD
            + "), ('"
            + NET
            + ".3', p))");
  }

  /** Whether the summary log's last line counts {@code flows} frames and no flow left. */
  private static boolean flowsInSummary(Path summary, long flows) throws Exception {
    if (!Files.exists(summary)) {
      return false;
    }
    List<String> lines = Files.readAllLines(summary);
    for (int i = lines.size() - 1; i >= 0; i--) {
      JsonNode s;
      try {
        s = new ObjectMapper().readTree(lines.get(i));
      } catch (Exception partial) {
        continue; // a line being written
      }
      return s.path("capture").path("frames").asLong() >= flows
          && s.path("tables").path("otherFlows").path("entries").asLong() == 0;
    }
    return false;
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void await(Check condition, String what, Process agent) throws Exception {
    long deadline = System.nanoTime() + SECONDS.toNanos(60);
    while (!condition.holds()) {
      if (!agent.isAlive()) {
        throw new AssertionError("the agent exited " + agent.exitValue() + " waiting for " + what);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }
}
