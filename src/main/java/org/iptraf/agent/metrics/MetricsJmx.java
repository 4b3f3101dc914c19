package org.iptraf.agent.metrics;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jmx.JmxReporter;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import org.iptraf.agent.stats.SnapshotSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of {@link TableMetrics}, updated once a second and published by metrics-jmx's {@link
 * JmxReporter} in domain {@code iptraf.metrics} (rates per second).
 */
public final class MetricsJmx implements AutoCloseable {
  public static final String DOMAIN = "iptraf.metrics";
  private static final Logger log = LoggerFactory.getLogger(MetricsJmx.class);

  private final TableMetrics metrics;
  private final JmxReporter reporter;
  private final ScheduledFuture<?> updates;

  private MetricsJmx(TableMetrics metrics, JmxReporter reporter, ScheduledFuture<?> updates) {
    this.metrics = metrics;
    this.reporter = reporter;
    this.updates = updates;
  }

  /**
   * Registers the metrics in {@code server} and updates them once a second on {@code scheduler}
   * (null: only when {@link #update()} is called).
   */
  public static MetricsJmx start(
      MetricRegistry registry,
      MBeanServer server,
      SnapshotSource snapshots,
      ScheduledExecutorService scheduler) {
    TableMetrics metrics = new TableMetrics(registry, snapshots);
    metrics.update();
    JmxReporter reporter =
        JmxReporter.forRegistry(registry)
            .registerWith(server)
            .inDomain(DOMAIN)
            .convertRatesTo(TimeUnit.SECONDS)
            .build();
    reporter.start();
    ScheduledFuture<?> updates =
        scheduler == null
            ? null
            : scheduler.scheduleAtFixedRate(
                () -> {
                  try {
                    metrics.update();
                  } catch (RuntimeException e) {
                    log.warn("updating metrics: {}", e.toString());
                  }
                },
                1,
                1,
                TimeUnit.SECONDS);
    return new MetricsJmx(metrics, reporter, updates);
  }

  /** Updates the metrics from a snapshot now. */
  public void update() {
    metrics.update();
  }

  @Override
  public void close() {
    if (updates != null) {
      updates.cancel(false);
    }
    reporter.close();
  }
}
