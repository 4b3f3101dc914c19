package org.iptraf.agent.jmx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * {@code iptraf-agent replay FILE --serve} as a real subprocess with remote JMX on free ports:
 * its report (stdout) and a JMX connection to it.
 */
final class AgentProcess implements AutoCloseable {
  final int port;
  final Process process;
  final Path stdout;
  final Path stderr;
  private JMXConnector connector;

  private AgentProcess(int port, Process process, Path stdout, Path stderr) {
    this.port = port;
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Starts the agent on {@code pcap} with remote JMX on two free ports of 127.0.0.1. */
  static AgentProcess serve(Path dir, Path pcap, String... extraConfig) throws IOException {
    int port = freePort();
    int serverPort = freePort();
    List<String> conf = new ArrayList<>(List.of(
        "jmx.port = " + port, "jmx.rmiServerPort = " + serverPort, "snmp.enabled = false"));
    conf.addAll(List.of(extraConfig));
    Path config = Files.write(dir.resolve("agent-" + port + ".conf"), conf);
    Path out = dir.resolve("stdout-" + port + ".json");
    Path err = dir.resolve("stderr-" + port + ".txt");
    Process p = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
        "org.iptraf.agent.cli.Main", "replay", pcap.toString(), "--serve", "-c",
        config.toString())
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .start();
    return new AgentProcess(port, p, out, err);
  }

  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** The report the agent printed once the replay was done. */
  JsonNode report() throws Exception {
    ObjectMapper json = new ObjectMapper();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      String text = Files.readString(stdout, StandardCharsets.UTF_8);
      if (text.endsWith("}\n")) {
        return json.readTree(text);
      }
      if (!process.isAlive()) {
        throw new AssertionError("agent exited " + process.exitValue() + ": " + log());
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no report within 30 s: " + log());
  }

  /**
   * A connection through the RMI connector, once the agent has registered the interface MBeans
   * of its report.
   */
  MBeanServerConnection connect() throws Exception {
    JsonNode report = report();
    JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port
        + "/jmxrmi");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (connector == null) {
      try {
        connector = JMXConnectorFactory.connect(url); // the exporters may come up after the report
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline || !process.isAlive()) {
          throw notYet;
        }
        Thread.sleep(50);
      }
    }
    MBeanServerConnection c = connector.getMBeanServerConnection();
    for (JsonNode i : report.get("interfaces")) {
      ObjectName name = IptrafMBeans.interfaceName(i.get("name").asText());
      while (!c.isRegistered(name)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(name + " not registered within 10 s");
        }
        Thread.sleep(50);
      }
    }
    return c;
  }

  String log() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    try {
      if (connector != null) {
        connector.close();
      }
    } catch (IOException e) {
      // the agent may be gone already
    }
    org.iptraf.agent.testutil.Tools.stop(process);
  }
}
