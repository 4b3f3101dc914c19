package org.iptraf.agent.metrics;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jmx.JmxReporter;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import org.iptraf.agent.stats.SnapshotSource;

/**
 * The registry of {@link TableMetrics}, updated once a second and published by metrics-jmx's {@link
 * JmxReporter} in domain {@code iptraf.metrics} (rates per second).
 */
public final class MetricsJmx implements AutoCloseable {
  public static final String DOMAIN = "iptraf.metrics";

  private final TableMetrics metrics;
  private final JmxReporter reporter;

  private MetricsJmx(TableMetrics metrics, JmxReporter reporter) {
    this.metrics = metrics;
    this.reporter = reporter;
  }

  /** Registers the metrics in {@code server}; {@link #update()} updates them (once a second). */
  public static MetricsJmx start(
      MetricRegistry registry, MBeanServer server, SnapshotSource snapshots) {
    TableMetrics metrics = new TableMetrics(registry, snapshots);
    metrics.update();
    JmxReporter reporter =
        JmxReporter.forRegistry(registry)
            .registerWith(server)
            .inDomain(DOMAIN)
            .convertRatesTo(TimeUnit.SECONDS)
            .build();
    reporter.start();
    return new MetricsJmx(metrics, reporter);
  }

  /** Updates the metrics from a snapshot now. */
  public void update() {
    metrics.update();
  }

  @Override
  public void close() {
    reporter.close();
  }
}
