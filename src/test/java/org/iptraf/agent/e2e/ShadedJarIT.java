package org.iptraf.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iptraf.agent.testutil.Frames.MAC_A;
import static org.iptraf.agent.testutil.Frames.MAC_B;
import static org.iptraf.agent.testutil.Frames.ethernet;
import static org.iptraf.agent.testutil.Frames.ipv4;
import static org.iptraf.agent.testutil.Frames.udp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.iptraf.agent.testutil.PcapWriter;
import org.iptraf.agent.testutil.Tmux;
import org.iptraf.agent.testutil.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar users run ({@code target/iptraf-agent.jar}, shaded), run end to end by Failsafe after
 * {@code package}: a dependency or resource the shade plugin left out fails here, not on a user's
 * machine. The other tests start the agent from the test class path.
 */
class ShadedJarIT {

  private static final Path JAR =
      Path.of(System.getProperty("basedir", "."), "target", "iptraf-agent.jar");
  private static final int FRAMES = 25;
  private static final String AUTH = "auth-secret-1";
  private static final String PRIV = "priv-secret-1";

  @TempDir Path dir;

  @Test
  void replayWritesTheReportOfTheFramesWritten() throws Exception {
    Path pcap = capture(dir.resolve("udp.pcap"));

    Tools.Result r = jar("replay", pcap.toString());

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    JsonNode report = new ObjectMapper().readTree(r.stdout());
    assertThat(report.get("capture").get("frames").asLong()).isEqualTo(FRAMES);
    assertThat(report.get("interfaces").get(0).get("udp").get("packets").asLong())
        .isEqualTo(FRAMES);
  }

  /**
   * Starting SLF4J (its date format loads locale data) cost a replay 45 ms of its start-up, for a
   * command that has nothing to log: a class that merely held a logger in a static field started
   * it.
   */
  @Test
  void aReplayThatHasNothingToLogStartsNoLogging() throws Exception {
    Path pcap = capture(dir.resolve("udp.pcap"));
    Path classes = dir.resolve("classes.log");
    List<String> c = command("replay", pcap.toString());
    c.add(1, "-Xlog:class+load=info:file=" + classes);

    Tools.Result r = Tools.run(c, 60);

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(Files.readString(classes))
        .contains("org.iptraf.agent.report.JsonReport")
        .doesNotContain("org.slf4j.simple");
  }

  @Test
  void interfacesListsLoopback() throws Exception {
    Tools.Result r = jar("interfaces");

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).contains("lo");
  }

  @Test
  void checkReadsAServedReplayOverSnmpV2cAndV3AndThroughTheNagiosWrapper() throws Exception {
    int port = Tools.freeUdpPort();
    Process agent =
        serveReplay(
            port, "snmp.user.ops.auth = SHA-256 " + AUTH, "snmp.user.ops.priv = AES-128 " + PRIV);
    try {
      Tools.Result ok = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline && agent.isAlive()) {
        ok = check(port, "-m", "frames", "-w", "100", "-c", "200");
        if (ok.exitCode() == 0) {
          break;
        }
        Thread.sleep(200);
      }
      assertThat(ok).as("agent: " + Files.readString(dir.resolve("agent.err"))).isNotNull();
      assertThat(ok.exitCode()).as(ok.stdout()).isZero();
      assertThat(ok.stdout()).startsWith("IPTRAF OK - frames " + FRAMES);

      // SNMPv3 authPriv, as a site that turns v2c off would poll it
      Tools.Result v3 =
          check(
              port, "-P", "3", "-U", "ops", "-a", "SHA-256", "-A", AUTH, "-x", "AES-128", "-X",
              PRIV, "-m", "frames", "-w", "100", "-c", "200");
      assertThat(v3.exitCode()).as(v3.stdout() + v3.stderr()).isZero();
      assertThat(v3.stdout()).startsWith("IPTRAF OK - frames " + FRAMES);
      Tools.Result wrong =
          check(
              port,
              "-P",
              "3",
              "-U",
              "ops",
              "-A",
              "not-the-password",
              "-X",
              PRIV,
              "-m",
              "frames",
              "-t",
              "2");
      assertThat(wrong.exitCode()).as(wrong.stdout()).isEqualTo(3);
      assertThat(wrong.stdout()).startsWith("IPTRAF UNKNOWN - ");

      // the shipped Nagios wrapper: the first run writes its class-data archive, the next uses it
      Path cds = dir.resolve("cds").resolve("check.jsa");
      Files.createDirectories(cds.getParent());
      for (int run = 1; run <= 2; run++) {
        ProcessBuilder wrapper =
            new ProcessBuilder(
                "sh",
                Path.of(System.getProperty("basedir", "."), "etc", "nagios", "check_iptraf")
                    .toString(),
                "-H",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-m",
                "frames",
                "-w",
                "100",
                "-c",
                "200");
        wrapper.environment().put("IPTRAF_AGENT_JAR", JAR.toString());
        wrapper.environment().put("IPTRAF_AGENT_CDS", cds.toString());
        wrapper
            .environment()
            .put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path out = dir.resolve("wrapper-" + run + ".out");
        Process w = wrapper.redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(w.waitFor(60, TimeUnit.SECONDS)).as("check_iptraf finishes").isTrue();
        assertThat(w.exitValue()).as(Files.readString(out)).isZero();
        assertThat(Files.readString(out)).startsWith("IPTRAF OK - frames " + FRAMES);
        assertThat(cds).as("class-data archive after run " + run).exists();
      }
    } finally {
      Tools.stop(agent);
    }
  }

  /**
   * {@code top} from the jar: the terminal library's providers (JLine finds them through resources
   * the shade plugin must keep) draw in a real terminal, and {@code --once} prints the served
   * replay's flow.
   */
  @Test
  void topFromTheJarDrawsInATerminalAndPrintsOnce() throws Exception {
    int port = Tools.freeUdpPort();
    Process agent = serveReplay(port);
    String flow = "10.0.0.1:1000 > 10.0.0.2:53";
    try {
      Tools.Result once = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline && agent.isAlive()) {
        once = jar("top", "--once", "-p", "" + port, "-t", "1");
        if (once.exitCode() == 0 && once.stdout().contains(flow)) {
          break;
        }
        Thread.sleep(200);
      }
      assertThat(once).as("agent: " + Files.readString(dir.resolve("agent.err"))).isNotNull();
      assertThat(once.exitCode()).as(once.stderr()).isZero();
      assertThat(once.stdout()).contains(flow).contains("Other flows (1)");

      try (Tmux t = Tmux.start(command("top", "-p", "" + port), 80, 24)) {
        t.awaitText("IP traffic monitor", flow, "q quit");
        t.keys("g");
        t.awaitText("General interface statistics", "udp.pcap");
        t.keys("q");
        t.awaitText("EXIT=0");
      }
    } finally {
      Tools.stop(agent);
    }
  }

  /**
   * The systemd unit's JVM flags, as its ExecStart line gives them (the heap cut to 24 MiB) with
   * its argument file: an exhausted heap ends the process at once with the JVM's exit code 3, which
   * the unit restarts (Restart=on-failure, and 3 is not among RestartPreventExitStatus).
   */
  @Test
  void theUnitsJvmFlagsEndTheProcessWhenTheHeapRunsOut() throws Exception {
    Path unit =
        Path.of(System.getProperty("basedir", "."), "etc", "systemd", "iptraf-agent.service");
    List<String> lines = Files.readAllLines(unit);
    String exec = lines.stream().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
    List<String> words = List.of(exec.substring("ExecStart=".length()).split("\\s+"));
    List<String> jvmFlags = new ArrayList<>(words.subList(1, words.indexOf("-jar")));
    // the unit reads the argument file from where the README installs it: here, from etc/
    String installed = "@/etc/iptraf-agent/iptraf-agent.jvm";
    assertThat(jvmFlags).contains(installed);
    Path argFile = unit.getParent().resolveSibling("iptraf-agent.jvm");
    assertThat(Files.readAllLines(argFile)).contains("-XX:+ExitOnOutOfMemoryError");
    jvmFlags.replaceAll(
        f -> f.startsWith("-Xmx") ? "-Xmx24m" : f.equals(installed) ? "@" + argFile : f);
    assertThat(lines).contains("Restart=on-failure");
    assertThat(lines.stream().filter(l -> l.startsWith("RestartPreventExitStatus=")))
        .allSatisfy(l -> assertThat(l.split("=")[1].split("\\s+")).doesNotContain("3"));

    Path pcap = OutOfMemoryTest.manyFlows(dir.resolve("many-flows.pcap"));
    List<String> c =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    c.addAll(jvmFlags);
    c.addAll(List.of("-jar", JAR.toString(), "replay", pcap.toString()));
    Tools.Result r = Tools.run(c, 120);

    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(3);
    assertThat(r.stdout() + r.stderr()).contains("Terminating due to java.lang.OutOfMemoryError");
  }

  /**
   * {@code replay --serve} from the jar over the test's UDP capture, SNMP on {@code port} (and
   * {@code moreConfig} lines), Prometheus off; its output in agent.out and agent.err.
   */
  private Process serveReplay(int port, String... moreConfig) throws IOException {
    Path pcap = capture(dir.resolve("udp.pcap"));
    List<String> lines = new ArrayList<>();
    lines.add("snmp.port = " + port);
    lines.add("snmp.stateDir = " + dir.resolve("state"));
    lines.addAll(List.of(moreConfig));
    lines.add("prometheus.port = 0");
    Path conf = Files.write(dir.resolve("agent.conf"), lines);
    return new ProcessBuilder(command("replay", "--serve", pcap.toString(), "-c", conf.toString()))
        .redirectOutput(dir.resolve("agent.out").toFile())
        .redirectError(dir.resolve("agent.err").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
  }

  private static List<String> command(String... args) {
    List<String> c =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString()));
    c.addAll(List.of(args));
    return c;
  }

  /** {@code check -H 127.0.0.1 -p PORT ARGS...} run from the jar. */
  private static Tools.Result check(int port, String... args) throws Exception {
    List<String> c = new ArrayList<>(List.of("check", "-H", "127.0.0.1", "-p", "" + port));
    c.addAll(List.of(args));
    return jar(c.toArray(String[]::new));
  }

  private static Tools.Result jar(String... args) throws Exception {
    return Tools.run(command(args), 60);
  }

  private static Path capture(Path file) {
    PcapWriter w = PcapWriter.ethernet();
    for (int i = 0; i < FRAMES; i++) {
      w.frame(
          1_700_000_000_000_000_000L + i * 1_000_000L,
          ethernet(MAC_B, MAC_A, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 17, udp(1000, 53, 10))));
    }
    return w.writeTo(file);
  }
}
