package org.iptraf.agent.cli;

import java.net.InetSocketAddress;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.ipfix.IpfixExporter;
import org.iptraf.agent.stats.ExportCounters;
import org.iptraf.agent.stats.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the IPFIX export from the {@code export.ipfix.*} keys; null when no collector is set. */
final class IpfixStarter implements Exporters.Starter {
  /**
   * Makes the tables keep the rows that end, for the exporter: before the first frame, so before
   * the capture or replay thread starts.
   */
  static void prepare(AgentConfig config, Tables tables) {
    if (config.ipfix().enabled()) {
      tables.keepEndedFlows(config.ipfix().endedBuffer());
    }
  }

  /** What the counters say the collector is, for JMX and Prometheus. */
  static ExportCounters counters(AgentConfig.Ipfix c) {
    return c.enabled()
        ? new ExportCounters(c.collector() + "/" + c.transport())
        : ExportCounters.NONE;
  }

  @Override
  public AutoCloseable start(AgentConfig config, Tables tables, AgentInfo agent) {
    return start(config, tables, agent.ipfix());
  }

  /** The exporter, or null when off; a collector whose name does not resolve stops the agent. */
  static IpfixExporter start(AgentConfig config, Tables tables, ExportCounters counters) {
    AgentConfig.Ipfix c = config.ipfix();
    if (!c.enabled()) {
      return null;
    }
    InetSocketAddress collector = address(c.collector());
    if (collector.isUnresolved()) {
      throw new UserError(
          Main.USAGE,
          config
              .origin()
              .message(
                  "export.ipfix.collector",
                  "cannot resolve '" + collector.getHostString() + "' (a name or address)"));
    }
    IpfixExporter e =
        IpfixExporter.start(
            new IpfixExporter.Settings(
                collector,
                "tcp".equals(c.transport()),
                c.observationDomain(),
                c.activeTimeout(),
                c.templateRefresh(),
                c.queueSize(),
                c.messageSize()),
            tables,
            counters);
    // looked up here rather than in a static field: every replay loads this class, and a replay
    // that logs nothing then started SLF4J for nothing (45 ms of its start-up)
    Logger log = LoggerFactory.getLogger(IpfixStarter.class);
    log.info(
        "IPFIX export to {}/{}, observation domain {}",
        c.collector(),
        c.transport(),
        c.observationDomain());
    return e;
  }

  /** {@code HOST:PORT} or {@code [V6]:PORT}, as the config parser checked it. */
  static InetSocketAddress address(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
  }
}
