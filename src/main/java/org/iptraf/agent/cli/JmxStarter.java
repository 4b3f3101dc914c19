package org.iptraf.agent.cli;

import com.codahale.metrics.MetricRegistry;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.jmx.IptrafMBeans;
import org.iptraf.agent.jmx.RemoteConnector;
import org.iptraf.agent.jmx.TableCommands;
import org.iptraf.agent.metrics.MetricsJmx;
import org.iptraf.agent.stats.AgentFacts;
import org.iptraf.agent.stats.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JMX: our MBeans and the Dropwizard metrics in the platform MBeanServer (so local JConsole and
 * VisualVM attach always work), and with {@code jmx.port} the remote RMI connector on 127.0.0.1.
 */
final class JmxStarter implements Exporters.Starter {
  private static final Logger log = LoggerFactory.getLogger(JmxStarter.class);

  @Override
  public AutoCloseable start(AgentConfig config, Tables tables, AgentInfo agent) throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "iptraf-jmx");
              t.setDaemon(true);
              return t;
            });
    TableCommands commands =
        new TableCommands() {
          @Override
          public void resetCounters() {
            tables.resetCounters();
          }

          @Override
          public int clearClosedConnections() {
            return tables.clearClosedConnections();
          }
        };
    AgentFacts facts = agent.facts();
    IptrafMBeans mbeans = IptrafMBeans.start(server, tables, commands, facts);
    if (agent.alarms() != null) {
      mbeans.alarms(agent.alarms()::statuses);
    }
    if (agent.ipfix().enabled()) {
      mbeans.flowExport(agent.ipfix());
    }
    MetricsJmx metrics = MetricsJmx.start(new MetricRegistry(), server, tables);
    scheduler.scheduleAtFixedRate(() -> everySecond(mbeans, metrics), 1, 1, TimeUnit.SECONDS);
    RemoteConnector remote = null;
    if (config.jmx().port() != 0) {
      // RMI stubs carry this host; the connector listens on 127.0.0.1 only
      if (System.getProperty("java.rmi.server.hostname") == null) {
        System.setProperty("java.rmi.server.hostname", "127.0.0.1");
      }
      try {
        remote = RemoteConnector.start(server, config.jmx());
      } catch (Exception e) {
        metrics.close();
        mbeans.close();
        scheduler.shutdownNow();
        throw new UserError(Main.FAILURE, "cannot start remote JMX: " + e.getMessage());
      }
      log.info("remote JMX at {}", remote.address());
    }
    RemoteConnector connector = remote;
    return () -> {
      try {
        if (connector != null) {
          connector.close();
        }
      } finally {
        metrics.close();
        mbeans.close();
        scheduler.shutdownNow();
      }
    };
  }

  /**
   * What the JMX exporter does once a second, in one task: each wake-up of a thread costs the
   * capture CPU, and the update then finds the snapshot that the refresh had asked for. A failure
   * is logged, and the next second tries again.
   */
  private static void everySecond(IptrafMBeans mbeans, MetricsJmx metrics) {
    try {
      mbeans.refresh();
    } catch (RuntimeException e) {
      log.warn("refreshing interface MBeans: {}", e.toString());
    }
    try {
      metrics.update();
    } catch (RuntimeException e) {
      log.warn("updating metrics: {}", e.toString());
    }
  }

  /**
   * What the JMX exporter does once a second (interface MBeans' refresh, metrics update), over the
   * warm-up's tables on a private MBean server: the capture's first interface then registers its
   * MBeans with classes loaded, lambdas linked and the code compiled, instead of spending tens of
   * milliseconds on that in the capture's first second.
   */
  static final class Rehearsal implements AutoCloseable {
    private final IptrafMBeans mbeans;
    private final MetricsJmx metrics;

    Rehearsal(Tables scratch) {
      MBeanServer server = MBeanServerFactory.newMBeanServer();
      TableCommands none =
          new TableCommands() {
            @Override
            public void resetCounters() {}

            @Override
            public int clearClosedConnections() {
              return 0;
            }
          };
      mbeans = IptrafMBeans.start(server, scratch, none, AgentFacts.NONE);
      metrics = MetricsJmx.start(new MetricRegistry(), server, scratch);
    }

    void tick() {
      everySecond(mbeans, metrics);
    }

    @Override
    public void close() {
      metrics.close();
      mbeans.close();
    }
  }
}
