package org.iptraf.agent.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iptraf.agent.testutil.Frames.MAC_A;
import static org.iptraf.agent.testutil.Frames.MAC_B;
import static org.iptraf.agent.testutil.Frames.ethernet;
import static org.iptraf.agent.testutil.Frames.ipv4;
import static org.iptraf.agent.testutil.Frames.udp;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.iptraf.agent.testutil.AgentProcess;
import org.iptraf.agent.testutil.PcapWriter;
import org.iptraf.agent.testutil.Require;
import org.iptraf.agent.testutil.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Net-SNMP's own trap receiver, with a configuration of its own on loopback, logs the agent's
 * iptrafAlarmStateChange with the varbinds IPTRAF-AGENT-MIB declares for it.
 */
class SnmptrapdTest {
  private static final String R = "1.3.6.1.4.1.32473.7";
  private static final int FRAMES = 5;

  @TempDir Path dir;

  @Test
  void snmptrapdLogsTheRaisedAlarmWithItsVarbinds() throws Exception {
    String snmptrapd = Require.tool("snmptrapd");
    PcapWriter w = PcapWriter.ethernet();
    for (int i = 0; i < FRAMES; i++) {
      w.frame(
          1_700_000_000_000_000_000L + i * 1000L,
          ethernet(MAC_B, MAC_A, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 17, udp(5000, 53, 10))));
    }
    Path pcap = w.writeTo(dir.resolve("five.pcap"));
    int trapPort = Tools.freeUdpPort();
    Path trapConf = Files.writeString(dir.resolve("snmptrapd.conf"), "authCommunity log public\n");
    Path log = dir.resolve("traps.log");
    ProcessBuilder receiver =
        new ProcessBuilder(
                snmptrapd,
                "-f",
                "-C",
                "-c",
                trapConf.toString(),
                "-On",
                "-Lf",
                log.toString(),
                "udp:127.0.0.1:" + trapPort)
            .redirectOutput(dir.resolve("snmptrapd.out").toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    receiver
        .environment()
        .putAll(
            java.util.Map.of(
                "MIBS",
                "",
                "MIBDIRS",
                "/nonexistent",
                "SNMP_PERSISTENT_DIR",
                dir.resolve("trapd-state").toString()));
    Process trapd = receiver.start();
    Path conf =
        Files.writeString(
            dir.resolve("agent.conf"),
            String.join(
                "\n",
                "snmp.port = " + Tools.freeUdpPort(),
                "prometheus.port = 0",
                "snmp.stateDir = " + dir.resolve("state"),
                "snmp.trapTargets = 127.0.0.1:" + trapPort,
                "alarm.busy.metric = frames",
                "alarm.busy.warning = ~:3",
                ""));
    try {
      awaitLog(log, "NET-SNMP version", trapd);
      try (AgentProcess agent = AgentProcess.serve(pcap, conf, dir)) {
        String entry = awaitLog(log, "." + R + ".1.1.0.1", trapd);
        // the alarm's row index: the name's length, then its octets ("busy")
        String index = ".4.98.117.115.121";
        String columns = "." + R + ".1.1.1.10.1.1.";
        assertThat(entry)
            .as("snmptrapd's log:%n%s%nagent:%n%s", entry, agent.stderr())
            .contains(columns + "2" + index + " = STRING: \"frames\"")
            .contains(columns + "3" + index + " = STRING: \"" + FRAMES + "\"")
            .contains(columns + "4" + index + " = INTEGER: 1")
            .contains(columns + "5" + index + " = INTEGER: 0")
            // DateAndTime: the year first, two octets, this year
            .contains(columns + "6" + index + " = Hex-STRING: " + yearOctets())
            .contains(columns + "7" + index + " = STRING: \"~:3\"")
            .contains(columns + "8" + index + " = \"\"");
      }
    } finally {
      Tools.stop(trapd);
    }
  }

  private static String yearOctets() {
    int year = java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear();
    return String.format("%02X %02X", year >> 8, year & 0xff);
  }

  /** Waits up to 30 s for the receiver's log to contain {@code text}; returns the log. */
  private static String awaitLog(Path log, String text, Process trapd) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      String s = Files.exists(log) ? Files.readString(log) : "";
      if (s.contains(text)) {
        return s;
      }
      if (!trapd.isAlive()) {
        throw new AssertionError("snmptrapd exited " + trapd.exitValue() + ": " + s);
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "no '"
            + text
            + "' in snmptrapd's log within 30 s: "
            + (Files.exists(log) ? Files.readString(log) : "(no log)"));
  }
}
