package org.iptraf.agent.cli;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.stats.Tables;
import org.iptraf.agent.summary.SummaryLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The summary log ({@code log.file}): a JSON line every {@code log.interval} seconds, and its
 * counters as {@code iptraf:type=SummaryLog}. A file that cannot be written is reported once and
 * costs lines, never the start.
 */
final class SummaryStarter implements Exporters.Starter {
  private static final Logger log = LoggerFactory.getLogger(SummaryLog.class);

  @Override
  public AutoCloseable start(AgentConfig config, Tables tables, AgentInfo agent) {
    AgentConfig.Log c = config.log();
    if (c.file() == null) {
      return null;
    }
    SummaryLog summary =
        SummaryLog.start(
            tables,
            c.file(),
            c.maxBytes(),
            c.keep(),
            c.top(),
            c.intervalSeconds(),
            Clock.systemUTC(),
            log::warn);
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = null;
    try {
      name = new ObjectName("iptraf:type=SummaryLog");
      server.registerMBean(summary, name);
    } catch (Exception e) {
      log.warn("cannot register iptraf:type=SummaryLog: {}", e.toString());
      name = null;
    }
    log.info("summary log {} every {} s", summary.getFile(), c.intervalSeconds());
    ObjectName registered = name;
    return () -> {
      try {
        summary.close();
      } finally {
        if (registered != null && server.isRegistered(registered)) {
          server.unregisterMBean(registered);
        }
      }
    };
  }
}
