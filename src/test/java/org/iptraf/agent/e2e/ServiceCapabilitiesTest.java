package org.iptraf.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iptraf.agent.testutil.Shell.sh;
import static org.iptraf.agent.testutil.Shell.shQuiet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.iptraf.agent.testutil.Require;
import org.iptraf.agent.testutil.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code etc/systemd/iptraf-agent.service} relies on: {@code run} as user {@code nobody}
 * holding only CAP_NET_RAW and CAP_NET_ADMIN (ambient, as the unit grants them) captures and
 * counts, goes promiscuous, and on SIGTERM writes its final report, exits 0 and leaves the
 * interface as it found it; without the capabilities it exits 1 with one line.
 *
 * <p>Root only (it creates two network namespaces joined by a veth pair; traffic goes only to
 * 198.18.91.0/24 inside them, RFC 2544). The agent runs from a copy of the class path in a
 * world-readable temporary directory, since {@code nobody} cannot read Maven's repository.
 */
class ServiceCapabilitiesTest {

  private static final String SUFFIX =
      Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36, 36 * 36 * 36 * 36), 36);
  private static final String CAP_NS = "iptsvc-cap-" + SUFFIX;
  private static final String GEN_NS = "iptsvc-gen-" + SUFFIX;
  private static final String CAP_IF = "ipsc" + SUFFIX;
  private static final String GEN_IF = "ipsg" + SUFFIX;
  private static final String CAP_MAC = "02:1b:00:00:91:02";
  private static final String GEN_MAC = "02:1b:00:00:91:01";

  /** CAP_NET_ADMIN is capability 12, CAP_NET_RAW 13 (linux/capability.h). */
  private static final long NET_ADMIN_AND_RAW = (1L << 12) | (1L << 13);

  private static final Pattern CAP_LINE = Pattern.compile("(?m)^(Cap\\w+):\\s+([0-9a-f]+)$");

  private static Path work;
  private static String classPath;
  private static boolean created;

  @BeforeAll
  static void setUp() throws Exception {
    Require.root("create network namespaces and run the agent as nobody with setpriv");
    Require.tools("setpriv", "ip", "python3", "sysctl");
    work = Files.createTempDirectory("iptraf-svc");
    open(work);
    classPath = copyClassPath(work.resolve("cp"));
    created = true;
    sh("ip", "netns", "add", CAP_NS);
    sh("ip", "netns", "add", GEN_NS);
    for (String ns : List.of(CAP_NS, GEN_NS)) {
      // a silent link: no IPv6 (no RA, DAD, MLD), so only our frames cross it
      sh("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1");
      sh("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1");
      sh("ip", "-n", ns, "link", "set", "lo", "up");
    }
    sh(
        "ip", "link", "add", CAP_IF, "netns", CAP_NS, "type", "veth", "peer", "name", GEN_IF,
        "netns", GEN_NS);
    sh("ip", "-n", CAP_NS, "link", "set", CAP_IF, "address", CAP_MAC, "up");
    sh("ip", "-n", GEN_NS, "link", "set", GEN_IF, "address", GEN_MAC, "up");
    sh("ip", "-n", CAP_NS, "addr", "add", "198.18.91.2/24", "dev", CAP_IF);
    sh("ip", "-n", GEN_NS, "addr", "add", "198.18.91.1/24", "dev", GEN_IF);
    sh(
        "ip",
        "-n",
        GEN_NS,
        "neigh",
        "add",
        "198.18.91.2",
        "lladdr",
        CAP_MAC,
        "dev",
        GEN_IF,
        "nud",
        "permanent");
  }

  @AfterAll
  static void tearDown() throws IOException {
    if (created) {
      shQuiet("ip", "netns", "del", CAP_NS);
      shQuiet("ip", "netns", "del", GEN_NS);
      try (Stream<Path> all = Files.walk(work)) {
        all.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void capturesAsNobodyWithOnlyNetRawAndNetAdminAndStopsCleanlyOnSigterm() throws Exception {
    Path dir = Files.createDirectory(work.resolve("run"));
    open(dir);
    sh("chown", "nobody", dir.toString());
    Path report = dir.resolve("report.json");
    Path config = dir.resolve("agent.conf");
    Files.writeString(
        config,
        String.join(
            "\n",
            "capture.promiscuous = true",
            "snmp.stateDir = " + dir.resolve("state"),
            "log.file = " + dir.resolve("logs/summary.jsonl"),
            "log.interval = 1",
            ""));
    open(config);
    Path err = dir.resolve("agent.err");
    Process agent =
        new ProcessBuilder(
                agentAsNobody(
                    true,
                    "run",
                    "-c",
                    config.toString(),
                    "-i",
                    CAP_IF,
                    "--report",
                    report.toString()))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(err.toFile())
            .start();
    try {
      // the exporters start before the capture binds: a failure there would have ended it
      awaitText(err, "capturing on " + CAP_IF, agent);
      String status = Files.readString(Path.of("/proc", Long.toString(agent.pid()), "status"));
      assertThat(status).containsPattern("(?m)^Uid:\\s+65534\\s+65534\\s+65534\\s+65534$");
      assertThat(capabilities(status, "CapEff")).isEqualTo(NET_ADMIN_AND_RAW);
      assertThat(capabilities(status, "CapPrm")).isEqualTo(NET_ADMIN_AND_RAW);
      assertThat(capabilities(status, "CapAmb")).isEqualTo(NET_ADMIN_AND_RAW);
      assertThat(promiscuity()).as("promiscuous while capturing (CAP_NET_ADMIN)").isEqualTo(1);

      sh(
          "ip",
          "netns",
          "exec",
          GEN_NS,
          "python3",
          "-c",
          "import socket\n"
              + "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
              + "for i in range(25): s.sendto(bytes(100), ('198.18.91.2', 9))");
      awaitSummary(dir.resolve("logs/summary.jsonl"), 25, agent); // counted, then stop

      agent.destroy(); // SIGTERM, as systemctl stop sends
      // well inside the unit's TimeoutStopSec=30 even on a loaded machine
      assertThat(agent.waitFor(10, TimeUnit.SECONDS)).as("exits within 10 s of SIGTERM").isTrue();
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      assertThat(agent.exitValue()).as(stderr).isZero();
      assertThat(stderr).doesNotContain("Exception").doesNotContain("\tat ");
    } finally {
      agent.destroyForcibly();
    }
    assertThat(promiscuity()).as("promiscuity restored after SIGTERM").isZero();
    JsonNode r = new ObjectMapper().readTree(report.toFile());
    assertThat(r.path("source").path("names").get(0).asText()).isEqualTo(CAP_IF);
    JsonNode iface = r.path("interfaces").get(0);
    assertThat(iface.path("udp").path("inPackets").asLong()).isEqualTo(25);
    assertThat(iface.path("udp").path("inBytes").asLong()).isEqualTo(25L * (20 + 8 + 100));
    assertThat(iface.path("total").path("packets").asLong())
        .isEqualTo(r.path("capture").path("frames").asLong())
        .isGreaterThanOrEqualTo(25);
    // the summary log's directory was made by nobody; its last line is the final one, written
    // after the capture stopped, so its counts are the report's
    List<String> lines = Files.readAllLines(dir.resolve("logs/summary.jsonl"));
    assertThat(lines.size()).isGreaterThanOrEqualTo(2);
    JsonNode last = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertThat(last.path("final").asBoolean()).isTrue();
    assertThat(last.path("capture").path("frames").asLong())
        .isEqualTo(r.path("capture").path("frames").asLong());
    assertThat(last.path("droppedLines").asLong()).isZero();
  }

  @Test
  void withoutTheCapabilitiesExitsOneWithOneLineNamingCapNetRaw() throws Exception {
    Tools.Result r = Tools.run(agentAsNobody(false, "run", "-i", CAP_IF, "--duration", "5"));
    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
    assertThat(r.stderr().strip().lines()).hasSize(1);
    assertThat(r.stderr()).startsWith("iptraf-agent: ").contains("need CAP_NET_RAW");
  }

  /** {@code ip netns exec CAP setpriv ... java -cp COPY Main ARGS} as nobody. */
  private static List<String> agentAsNobody(boolean withCaps, String... args) {
    List<String> c =
        new ArrayList<>(
            List.of(
                "ip",
                "netns",
                "exec",
                CAP_NS,
                "setpriv",
                "--reuid=nobody",
                "--regid=nogroup",
                "--init-groups"));
    if (withCaps) {
      c.addAll(List.of("--inh-caps=+net_raw,+net_admin", "--ambient-caps=+net_raw,+net_admin"));
    } else {
      c.add("--inh-caps=-all");
    }
    c.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1",
            "-Djava.io.tmpdir=/tmp",
            "-cp",
            classPath,
            "org.iptraf.agent.cli.Main"));
    c.addAll(List.of(args));
    return c;
  }

  private static long capabilities(String procStatus, String name) {
    Matcher m = CAP_LINE.matcher(procStatus);
    while (m.find()) {
      if (m.group(1).equals(name)) {
        return Long.parseUnsignedLong(m.group(2), 16);
      }
    }
    throw new AssertionError("no " + name + " in " + procStatus);
  }

  private static int promiscuity() {
    Matcher m =
        Pattern.compile("promiscuity (\\d+)")
            .matcher(sh("ip", "-n", CAP_NS, "-d", "link", "show", "dev", CAP_IF));
    assertThat(m.find()).isTrue();
    return Integer.parseInt(m.group(1));
  }

  /** Waits for a line of the summary log (written every second) that counts {@code frames}. */
  private static void awaitSummary(Path log, long frames, Process p) throws Exception {
    ObjectMapper json = new ObjectMapper();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        for (String line : Files.readAllLines(log)) {
          JsonNode summary;
          try {
            summary = json.readTree(line);
          } catch (com.fasterxml.jackson.core.JsonProcessingException partial) {
            continue; // the line being written
          }
          if (summary.path("capture").path("frames").asLong() >= frames) {
            return;
          }
        }
      }
      if (!p.isAlive()) {
        throw new AssertionError("agent exited " + p.exitValue());
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no summary line with " + frames + " frames within 30 s");
  }

  private static void awaitText(Path file, String text, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      String s = Files.readString(file, StandardCharsets.UTF_8);
      if (s.contains(text)) {
        return;
      }
      if (!p.isAlive()) {
        throw new AssertionError("agent exited " + p.exitValue() + ": " + s);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no '" + text + "' within 60 s: " + Files.readString(file));
  }

  /** The main classes and runtime jars of this test's class path, copied world-readable. */
  private static String copyClassPath(Path into) throws IOException {
    Files.createDirectories(into);
    open(into);
    List<String> entries = new ArrayList<>();
    int n = 0;
    for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path from = Path.of(e);
      if (!Files.exists(from)) {
        continue;
      }
      Path to = into.resolve(n++ + "-" + from.getFileName());
      if (Files.isDirectory(from)) {
        try (Stream<Path> all = Files.walk(from)) {
          for (Path p : (Iterable<Path>) all::iterator) {
            Path t = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
              Files.createDirectories(t);
            } else {
              Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
            }
            open(t);
          }
        }
      } else {
        Files.copy(from, to);
        open(to);
      }
      entries.add(to.toString());
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  /** rwxr-xr-x for directories, rw-r--r-- for files: readable by nobody. */
  private static void open(Path p) throws IOException {
    Files.setPosixFilePermissions(
        p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
  }
}
