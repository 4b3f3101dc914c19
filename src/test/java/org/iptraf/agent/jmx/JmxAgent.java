package org.iptraf.agent.jmx;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
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
import org.iptraf.agent.testutil.AgentProcess;

/**
 * The served agent ({@link AgentProcess}) with remote JMX on free ports of 127.0.0.1: its report
 * and a JMX connection to it.
 */
final class JmxAgent implements AutoCloseable {
  final int port;
  private final AgentProcess agent;
  private JMXConnector connector;

  private JmxAgent(int port, AgentProcess agent) {
    this.port = port;
    this.agent = agent;
  }

  /** Starts the agent on {@code pcap} with remote JMX on two free ports and SNMP off. */
  static JmxAgent serve(Path dir, Path pcap, String... extraConfig) throws IOException {
    int port = freePort();
    int serverPort = freePort();
    List<String> conf =
        new ArrayList<>(
            List.of(
                "jmx.port = " + port,
                "jmx.rmiServerPort = " + serverPort,
                "snmp.enabled = false",
                "prometheus.port = 0"));
    conf.addAll(List.of(extraConfig));
    Path config = Files.write(dir.resolve("agent-" + port + ".conf"), conf);
    return new JmxAgent(port, AgentProcess.launch(dir, pcap, config));
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
    agent.awaitReport(30);
    return agent.reportJson();
  }

  /**
   * A connection through the RMI connector, once the agent has registered the interface MBeans of
   * its report.
   */
  MBeanServerConnection connect() throws Exception {
    JsonNode report = report();
    JMXServiceURL url =
        new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (connector == null) {
      try {
        connector = JMXConnectorFactory.connect(url); // the exporters may come up after the report
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline || !agent.process().isAlive()) {
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

  @Override
  public void close() {
    try {
      if (connector != null) {
        connector.close();
      }
    } catch (IOException e) {
      // the agent may be gone already
    }
    agent.close();
  }
}
