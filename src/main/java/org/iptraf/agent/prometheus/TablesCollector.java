package org.iptraf.agent.prometheus;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.iptraf.agent.stats.SnapshotSource;
import org.iptraf.agent.stats.TablesSnapshot;

/**
 * Every {@code iptraf_*} family, made at scrape time from one snapshot of the tables: the rows-free
 * {@link SnapshotSource#counters()} (cheap at any table size), or with {@code topFlows > 0} the
 * full {@link SnapshotSource#snapshot()}. Nothing is kept between scrapes, and the capture thread
 * never waits for one.
 */
public final class TablesCollector implements MultiCollector {
  private final SnapshotSource source;
  private final ExporterFacts facts;

  public TablesCollector(SnapshotSource source, ExporterFacts facts) {
    this.source = source;
    this.facts = facts;
  }

  @Override
  public MetricSnapshots collect() {
    boolean rows = facts.topFlows() > 0;
    TablesSnapshot s = rows ? source.snapshot() : source.counters();
    MetricSnapshots.Builder out = MetricSnapshots.builder();
    CaptureFamilies.addTo(s, facts, rows, out);
    InterfaceFamilies.addTo(s.interfaces(), out);
    if (rows) {
      TopFamilies.addTo(s, facts.topFlows(), out);
    }
    return out.build();
  }
}
