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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.iptraf.agent.testutil.AgentProcess;
import org.iptraf.agent.testutil.PcapWriter;
import org.iptraf.agent.testutil.Require;
import org.iptraf.agent.testutil.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snmp4j.cfg.EngineBootsCounterFile;
import org.snmp4j.smi.OctetString;

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
    String entry = receive("authCommunity log public\n", List.of());

    assertVarbinds(entry);
    assertThat(entry).as("snmptrapd's log").contains("SNMP v2c, community public");
  }

  /**
   * SNMPv3 authPriv: the agent's engine ID is set before it starts (as an operator would read it
   * with {@code snmpget snmpEngineID.0} and write it into snmptrapd.conf), and snmptrapd decrypts
   * and logs only what that user signed.
   */
  @Test
  void snmptrapdLogsTheAlarmSentOverSnmpV3AuthPriv() throws Exception {
    byte[] engineId = {(byte) 0x80, 0, 0x7F, 0x29, 4, 'i', 'p', 't', 'r', 'a', 'f', '-', 't', 'e'};
    Files.createDirectories(dir.resolve("state"));
    new EngineBootsCounterFile(dir.resolve("state").resolve("snmp-engine-boots").toFile())
        .getEngineId(new OctetString(engineId));
    String hex = new OctetString(engineId).toHexString().replace(":", "");

    String entry =
        receive(
            String.join(
                "\n",
                "createUser -e 0x" + hex + " trapper SHA-256 trap-auth-secret AES trap-priv-secret",
                "authUser log trapper priv",
                ""),
            List.of(
                "snmp.user.trapper.auth = SHA-256 trap-auth-secret",
                "snmp.user.trapper.priv = AES-128 trap-priv-secret",
                "snmp.trapUser = trapper"));

    assertVarbinds(entry);
    assertThat(entry).as("snmptrapd's log").contains("SNMP v3, user trapper");
  }

  private static void assertVarbinds(String entry) {
    // the alarm's row index: the name's length, then its octets ("busy")
    String index = ".4.98.117.115.121";
    String columns = "." + R + ".1.1.1.10.1.1.";
    assertThat(entry)
        .as("snmptrapd's log:%n%s", entry)
        .contains(columns + "2" + index + " = STRING: \"frames\"")
        .contains(columns + "3" + index + " = STRING: \"" + FRAMES + "\"")
        .contains(columns + "4" + index + " = INTEGER: 1")
        .contains(columns + "5" + index + " = INTEGER: 0")
        // DateAndTime: the year first, two octets, this year
        .contains(columns + "6" + index + " = Hex-STRING: " + yearOctets())
        .contains(columns + "7" + index + " = STRING: \"~:3\"")
        .contains(columns + "8" + index + " = \"\"");
  }

  /**
   * Starts snmptrapd with {@code trapdConf} on a free loopback port, then the agent with an alarm
   * that is raised at once and {@code agentConf}; returns snmptrapd's log once it holds the
   * notification.
   */
  private String receive(String trapdConf, List<String> agentConf) throws Exception {
    String snmptrapd = Require.tool("snmptrapd");
    PcapWriter w = PcapWriter.ethernet();
    for (int i = 0; i < FRAMES; i++) {
      w.frame(
          1_700_000_000_000_000_000L + i * 1000L,
          ethernet(MAC_B, MAC_A, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 17, udp(5000, 53, 10))));
    }
    Path pcap = w.writeTo(dir.resolve("five.pcap"));
    int trapPort = Tools.freeUdpPort();
    Path trapConf = Files.writeString(dir.resolve("snmptrapd.conf"), trapdConf);
    Path log = dir.resolve("traps.log");
    ProcessBuilder receiver =
        new ProcessBuilder(
                snmptrapd,
                "-f",
                "-C",
                "-c",
                trapConf.toString(),
                "-On",
                // the log format: the security model and name, then each varbind
                "-F",
                "%V %P\n%v\n",
                "-Lf",
                log.toString(),
                "udp:127.0.0.1:" + trapPort)
            .redirectOutput(dir.resolve("snmptrapd.out").toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    receiver
        .environment()
        .putAll(
            Map.of(
                "MIBS",
                "",
                "MIBDIRS",
                "/nonexistent",
                "SNMP_PERSISTENT_DIR",
                dir.resolve("trapd-state").toString()));
    Process trapd = receiver.start();
    List<String> lines = new ArrayList<>();
    lines.add("snmp.port = " + Tools.freeUdpPort());
    lines.add("prometheus.port = 0");
    lines.add("snmp.stateDir = " + dir.resolve("state"));
    lines.add("snmp.trapTargets = 127.0.0.1:" + trapPort);
    lines.add("alarm.busy.metric = frames");
    lines.add("alarm.busy.warning = ~:3");
    lines.addAll(agentConf);
    Path conf = Files.write(dir.resolve("agent.conf"), lines);
    try {
      awaitLog(log, "NET-SNMP version", trapd);
      try (AgentProcess agent = AgentProcess.serve(pcap, conf, dir)) {
        return awaitLog(log, "." + R + ".1.1.0.1", trapd) + "\nagent:\n" + agent.stderr();
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
