package org.iptraf.agent.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.prometheus.PrometheusExporter;
import org.iptraf.agent.stats.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the Prometheus endpoint from the {@code prometheus.*} keys; null when port is 0. */
final class PrometheusStarter implements Exporters.Starter {
  private static final Logger log = LoggerFactory.getLogger(PrometheusStarter.class);

  /** The port table holds every TCP and UDP port: its fixed size is its capacity. */
  @Override
  public AutoCloseable start(AgentConfig config, Tables tables, AgentInfo agent) {
    AgentConfig.Prometheus c = config.prometheus();
    if (c.port() == 0) {
      return null;
    }
    InetAddress address = SnmpStarter.numericAddress(c.address()); // checked by ConfigCheck
    PrometheusExporter exporter;
    try {
      exporter =
          PrometheusExporter.start(
              address,
              c.port(),
              tables,
              agent.facts(),
              c.topFlows(),
              agent.alarms() == null ? List::of : agent.alarms()::statuses,
              agent.ipfix());
    } catch (IOException e) {
      String where = address.getHostAddress() + ":" + c.port() + "/tcp";
      throw new UserError(Main.FAILURE, "Prometheus cannot listen on " + where + ": " + why(e));
    }
    log.info("Prometheus metrics at http://{}/metrics", hostPort(address, exporter.port()));
    return exporter;
  }

  /** Says which setting to look at: a bind fails for a busy port or for an address not here. */
  private static String why(IOException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("in use")) {
      return "port in use (prometheus.port)";
    }
    if (message.contains("assign requested address")) {
      return "address not available (prometheus.address): not an address of this host, or its"
          + " interface is down";
    }
    return message;
  }

  private static String hostPort(InetAddress address, int port) {
    String host = address.getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
