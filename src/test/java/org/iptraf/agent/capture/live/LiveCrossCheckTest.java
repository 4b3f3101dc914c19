package org.iptraf.agent.capture.live;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.iptraf.agent.capture.live.Netns.exec;
import static org.iptraf.agent.testutil.Shell.shQuiet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.iptraf.agent.testutil.Require;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live capture against two other counts of the same frames: tcpdump capturing the same interface at
 * the same time, and the kernel's own interface counters ({@code ip -s link}). The frames cross a
 * veth pair between two namespaces this test creates.
 */
class LiveCrossCheckTest {

  private static final String SUFFIX = Long.toString(ProcessHandle.current().pid() % 100_000);
  private static final String CAP = "iptx-cap-" + SUFFIX;
  private static final String GEN = "iptx-gen-" + SUFFIX;
  private static final String CAP_IF = "ipxc" + SUFFIX;
  private static final String GEN_IF = "ipxg" + SUFFIX;
  private static final String CAP_MAC = "02:1b:00:00:78:02";
  private static final String GEN_MAC = "02:1b:00:00:78:01";
  private static final int UDP_FRAMES = 3000;
  private static final int PINGS = 5;

  private static boolean created;

  @TempDir Path dir;

  @BeforeAll
  static void createNamespaces() {
    Require.root("create network namespaces");
    Require.tools("ip", "python3", "sysctl", "tcpdump", "ping");
    created = true;
    Netns.silentPair(CAP, GEN, CAP_IF, GEN_IF, CAP_MAC, GEN_MAC, "198.18.78");
  }

  @AfterAll
  static void deleteNamespaces() {
    if (created) {
      shQuiet("ip", "netns", "del", CAP);
      shQuiet("ip", "netns", "del", GEN);
    }
  }

  @Test
  void countsWhatTcpdumpAndTheKernelCount() throws Exception {
    Path pcap = dir.resolve("tcpdump.pcap");
    Path tcpdumpErr = dir.resolve("tcpdump.err");
    Process tcpdump =
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                CAP,
                Require.tool("tcpdump"),
                "-i",
                CAP_IF,
                "-n",
                "-U",
                "-B",
                "8192",
                "-w",
                pcap.toString())
            .redirectError(tcpdumpErr.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    RecordingSink sink = new RecordingSink();
    CompletableFuture<LiveCapture> started = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                Netns.enter(CAP);
                LiveCapture c =
                    new LiveCapture(
                        LiveCaptureSettings.defaults(List.of(CAP_IF)).withRing(1 << 16, 64, 20),
                        sink);
                started.complete(c);
                c.run();
              } catch (Throwable t) {
                started.completeExceptionally(t);
              }
            },
            "capture-" + CAP);
    thread.start();
    LiveCapture capture = started.get(10, SECONDS);
    try {
      await(() -> Files.readString(tcpdumpErr).contains("listening on"), "tcpdump to listen");
      long[] before = Netns.kernelCounts(CAP, CAP_IF);

      exec(
          GEN,
          "python3",
          "-c",
          "import socket\n"
              + "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
              + "for i in range("
              + UDP_FRAMES
              + "): s.sendto(bytes(20 + i % 200), ('198.18.78.3', 9))");
      exec(
          GEN, "ping", "-q", "-c", Integer.toString(PINGS), "-i", "0.05", "-W", "2", "198.18.78.2");

      long[] after = Netns.kernelCounts(CAP, CAP_IF);
      long kernel = (after[0] - before[0]) + (after[1] - before[1]);
      await(() -> sink.snapshot().size() >= kernel, "the agent to see " + kernel + " frames");
      Thread.sleep(300); // and nothing more
      long ours = sink.snapshot().size();
      // tcpdump writes each packet as it reads it (-U): wait until its file holds them all, as it
      // may still be reading its buffer on a loaded machine, then stop it
      try {
        await(() -> packetsIn(pcap) >= kernel, "tcpdump to write " + kernel + " packets");
      } catch (AssertionError e) {
        // compared below: the count says how many it missed
      }
      tcpdump.destroy(); // SIGTERM: tcpdump flushes its file and exits
      assertThat(tcpdump.waitFor(10, SECONDS)).as("tcpdump exits").isTrue();
      long theirs = packetsIn(pcap);

      assertThat(kernel).as("rx + tx on the capture side").isEqualTo(UDP_FRAMES + 2L * PINGS);
      assertThat(ours).as("agent").isEqualTo(kernel);
      assertThat(theirs).as("tcpdump").isEqualTo(kernel);
    } finally {
      tcpdump.destroyForcibly();
      capture.close();
      thread.join(5_000);
    }
  }

  /** Packets in a capture file, by tcpdump's reading: one line each, starting with its time. */
  private static long packetsIn(Path pcap) {
    // quietly: read while tcpdump writes, the file may end in the middle of a record
    return shQuiet("tcpdump", "-n", "-tt", "-r", pcap.toString())
        .lines()
        .filter(l -> l.matches("\\d+\\.\\d+ .*"))
        .count();
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void await(Check condition, String what) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }
}
