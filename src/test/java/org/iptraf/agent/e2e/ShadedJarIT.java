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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.iptraf.agent.testutil.PcapWriter;
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

  @Test
  void interfacesListsLoopback() throws Exception {
    Tools.Result r = jar("interfaces");

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).contains("lo");
  }

  @Test
  void checkReadsAServedReplayOverSnmp() throws Exception {
    Path pcap = capture(dir.resolve("udp.pcap"));
    int port = Tools.freeUdpPort();
    Path conf =
        Files.writeString(
            dir.resolve("agent.conf"),
            String.join(
                "\n",
                "snmp.port = " + port,
                "snmp.stateDir = " + dir.resolve("state"),
                "prometheus.port = 0",
                ""));
    Process agent =
        new ProcessBuilder(command("replay", "--serve", pcap.toString(), "-c", conf.toString()))
            .redirectOutput(dir.resolve("agent.out").toFile())
            .redirectError(dir.resolve("agent.err").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    try {
      Tools.Result ok = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline && agent.isAlive()) {
        ok =
            jar(
                "check",
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
        if (ok.exitCode() == 0) {
          break;
        }
        Thread.sleep(200);
      }
      assertThat(ok).as("agent: " + Files.readString(dir.resolve("agent.err"))).isNotNull();
      assertThat(ok.exitCode()).as(ok.stdout()).isZero();
      assertThat(ok.stdout()).startsWith("IPTRAF OK - frames " + FRAMES);
    } finally {
      Tools.stop(agent);
    }
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
