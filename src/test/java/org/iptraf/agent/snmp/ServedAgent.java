package org.iptraf.agent.snmp;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.iptraf.agent.testutil.AgentProcess;

/**
 * The served agent ({@link AgentProcess}) on a free SNMP port, for tests that poll it with the
 * Net-SNMP tools.
 */
final class ServedAgent implements AutoCloseable {

  static final String USER = "ops";
  static final String AUTH = "auth-secret-1";
  static final String PRIV = "priv-secret-1";

  final int port;
  final Process process;
  private final AgentProcess agent;

  private ServedAgent(int port, AgentProcess agent) {
    this.port = port;
    this.agent = agent;
    this.process = agent.process();
  }

  /** A UDP port nobody listens on right now (the agent binds it a moment later). */
  static int freePort() throws Exception {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static Path config(Path dir, int port, Path stateDir, String... extra) throws Exception {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "snmp.port = " + port,
                "prometheus.port = 0", // tests that serve Prometheus choose a free port themselves
                "snmp.stateDir = " + stateDir,
                "snmp.user." + USER + ".auth = SHA-256 " + AUTH,
                "snmp.user." + USER + ".priv = AES-128 " + PRIV));
    lines.addAll(List.of(extra));
    Path conf = dir.resolve("agent-" + port + ".conf");
    Files.write(conf, lines);
    return conf;
  }

  /** Starts the child process; does not wait for it. */
  static ServedAgent launch(Path dir, Path pcap, Path conf, int port) throws Exception {
    return new ServedAgent(port, AgentProcess.launch(dir, pcap, conf));
  }

  /**
   * Starts it and waits until its replay report is out (the tables are final) and it answers SNMP,
   * or fails the test saying why.
   */
  static ServedAgent start(Path dir, Path pcap, Path conf, int port) throws Exception {
    ServedAgent a = launch(dir, pcap, conf, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!a.process.isAlive()) {
        throw new AssertionError("agent exited " + a.process.exitValue() + ": " + a.errors());
      }
      // exporters start before the replay: the tables are final once the report is written
      if (!a.agent.report().strip().endsWith("}")) {
        Thread.sleep(20);
        continue;
      }
      ExternalTool.Result r = a.tool("snmpget", "1.3.6.1.2.1.1.2.0");
      if (r.exitCode() == 0) {
        return a;
      }
    }
    a.close();
    throw new AssertionError("agent did not answer within 30 s: " + a.errors());
  }

  String errors() throws Exception {
    return agent.stderr();
  }

  JsonNode report() throws Exception {
    return agent.reportJson();
  }

  String target() {
    return "udp:127.0.0.1:" + port;
  }

  /**
   * A v2c command with numeric OIDs, bare values, numeric enums and timeticks; 2 s per try and two
   * retries, so that a loaded machine does not make a test fail.
   */
  ExternalTool.Result tool(String tool, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                tool, "-v2c", "-c", "public", "-t", "2", "-r", "2", "-On", "-Oq", "-Oe", "-Ot"));
    command.add(target());
    command.addAll(List.of(args));
    return ExternalTool.run(command, netSnmpEnv());
  }

  /** snmpbulkwalk of a table entry: column → (index → value), values without quotes. */
  Map<Integer, Map<String, String>> walk(String entry) throws Exception {
    ExternalTool.Result r = tool("snmpbulkwalk", "-Cr50", entry);
    if (r.exitCode() != 0) {
      throw new AssertionError("snmpbulkwalk " + entry + ": " + r.all());
    }
    return columns(entry, r.stdout());
  }

  /** A walk's lines (numeric OIDs, bare values) under entry: column → (index → value). */
  static Map<Integer, Map<String, String>> columns(String entry, String stdout) {
    Map<Integer, Map<String, String>> columns = new TreeMap<>();
    String prefix = "." + entry + ".";
    for (String line : stdout.split("\n")) {
      if (!line.startsWith(prefix)) {
        continue;
      }
      int space = line.indexOf(' ');
      String[] rest = line.substring(prefix.length(), space).split("\\.", 2);
      String value = line.substring(space + 1).strip();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      columns.computeIfAbsent(Integer.parseInt(rest[0]), c -> new TreeMap<>()).put(rest[1], value);
    }
    return columns;
  }

  /** Numeric OIDs only: no MIB loading, so the tools' stderr holds only real errors. */
  static Map<String, String> netSnmpEnv() {
    return Map.of("MIBS", "", "MIBDIRS", "/nonexistent", "SNMPCONFPATH", "/nonexistent");
  }

  @Override
  public void close() {
    agent.close();
  }
}
