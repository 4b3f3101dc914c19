package org.iptraf.agent.cli;

import java.util.ArrayList;
import java.util.List;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.stats.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The readers of the tables that serve other processes (JMX, SNMP, ...), started together once the
 * tables exist and closed together on shutdown, newest first.
 */
final class Exporters implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Exporters.class);

  /** One exporter: started with everything it needs, stopped by close(). */
  interface Starter {
    AutoCloseable start(AgentConfig config, Tables tables, AgentInfo agent) throws Exception;
  }

  private final List<AutoCloseable> running = new ArrayList<>();

  /**
   * Starts every exporter the configuration enables. One that fails to start stops the agent (exit
   * 1 naming it): an operator who configured SNMP wants to know it is not there.
   */
  static Exporters start(AgentConfig config, Tables tables, AgentInfo agent) {
    Exporters e = new Exporters();
    for (Starter s : starters()) {
      try {
        AutoCloseable c = s.start(config, tables, agent);
        if (c != null) {
          e.running.add(c);
        }
      } catch (UserError u) {
        e.close();
        throw u;
      } catch (Exception ex) {
        e.close();
        throw new UserError(
            Main.FAILURE, "cannot start " + s.getClass().getSimpleName() + ": " + ex.getMessage());
      }
    }
    return e;
  }

  /** The exporters, in start order; each returns null when its config turns it off. */
  private static List<Starter> starters() {
    return List.of(
        new AlarmStarter(),
        new SnmpStarter(),
        new JmxStarter(),
        new IpfixStarter(),
        new PrometheusStarter(),
        new SummaryStarter());
  }

  @Override
  public void close() {
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (Exception ex) {
        log.warn("closing {}: {}", running.get(i), ex.toString());
      }
    }
    running.clear();
  }
}
