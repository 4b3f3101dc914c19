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
 * The registry of {@link TableMetrics}, updated once a second and published by metrics-jmx's
 * {@link JmxReporter} in domain {@code iptraf.metrics} (rates per second).
 */
public final class MetricsJmx implements AutoCloseable {
  public static final String DOMAIN = "iptraf.metrics";
  private static final Logger log = LoggerFactory.getLogger(MetricsJmx.class);

  private final JmxReporter reporter;
  private final ScheduledFuture<?> updates;

  private MetricsJmx(JmxReporter reporter, ScheduledFuture<?> updates) {
    this.reporter = reporter;
    this.updates = updates;
  }

  public static MetricsJmx start(MetricRegistry registry, MBeanServer server,
      SnapshotSource snapshots, ScheduledExecutorService scheduler) {
    TableMetrics metrics = new TableMetrics(registry, snapshots);
    metrics.update();
    JmxReporter reporter = JmxReporter.forRegistry(registry)
        .registerWith(server)
        .inDomain(DOMAIN)
        .convertRatesTo(TimeUnit.SECONDS)
        .build();
    reporter.start();
    ScheduledFuture<?> updates = scheduler.scheduleAtFixedRate(() -> {
      try {
        metrics.update();
      } catch (RuntimeException e) {
        log.warn("updating metrics: {}", e.toString());
      }
    }, 1, 1, TimeUnit.SECONDS);
    return new MetricsJmx(reporter, updates);
  }

  @Override
  public void close() {
    updates.cancel(false);
    reporter.close();
  }
}
