package org.iptraf.agent.prometheus;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.function.Supplier;
import org.iptraf.agent.alarm.AlarmStatus;
import org.iptraf.agent.stats.AgentFacts;
import org.iptraf.agent.stats.ExportCounters;
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
  private final AgentFacts facts;
  private final int topFlows;
  private final Supplier<List<AlarmStatus>> alarms;
  private final ExportCounters ipfix;

  /**
   * @param topFlows how many of the busiest TCP connections, ports and VLANs get series of their
   *     own; 0 = none, and then no scrape reads a table's rows
   * @param alarms the alarms' current states (an empty list when none are configured)
   */
  public TablesCollector(
      SnapshotSource source, AgentFacts facts, int topFlows, Supplier<List<AlarmStatus>> alarms) {
    this(source, facts, topFlows, alarms, ExportCounters.NONE);
  }

  /** With the IPFIX export's counters. */
  public TablesCollector(
      SnapshotSource source,
      AgentFacts facts,
      int topFlows,
      Supplier<List<AlarmStatus>> alarms,
      ExportCounters ipfix) {
    this.source = source;
    this.facts = facts;
    this.topFlows = topFlows;
    this.alarms = alarms;
    this.ipfix = ipfix;
  }

  @Override
  public MetricSnapshots collect() {
    boolean rows = topFlows > 0;
    TablesSnapshot s = rows ? source.snapshot() : source.counters();
    MetricSnapshots.Builder out = MetricSnapshots.builder();
    CaptureFamilies.addTo(s, facts, alarms.get(), rows, out);
    InterfaceFamilies.addTo(s.interfaces(), out);
    ExportFamilies.addTo(ipfix, out);
    if (rows) {
      TopFamilies.addTo(s, topFlows, out);
    }
    return out.build();
  }
}
