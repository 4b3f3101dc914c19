package org.iptraf.agent.prometheus;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One counter, gauge or info family being filled during a scrape: its name, help, label names and
 * the samples added so far. Counter names are given without {@code _total} and info names without
 * {@code _info}, which the exposition formats add; a name with a unit ends with it ({@code _bytes},
 * {@code _seconds}).
 */
final class Family {
  private enum Type {
    COUNTER,
    GAUGE,
    INFO
  }

  private final Type type;
  private final String name;
  private final String help;
  private final Unit unit;
  private final String[] labelNames;
  private final List<Labels> labels = new ArrayList<>();
  private final Set<Labels> seen = new HashSet<>();
  private final List<Double> values = new ArrayList<>();

  private Family(Type type, String name, String help, Unit unit, String[] labelNames) {
    this.type = type;
    this.name = name;
    this.help = help;
    this.unit = unit;
    this.labelNames = labelNames.clone();
  }

  static Family counter(String name, String help, String... labelNames) {
    return new Family(Type.COUNTER, name, help, null, labelNames);
  }

  static Family gauge(String name, String help, String... labelNames) {
    return new Family(Type.GAUGE, name, help, null, labelNames);
  }

  /** Facts as labels of a sample of value 1 ({@code name_info}). */
  static Family info(String name, String help, String... labelNames) {
    return new Family(Type.INFO, name, help, null, labelNames);
  }

  /** A counter of bytes: {@code name} ends with {@code _bytes}. */
  static Family byteCounter(String name, String help, String... labelNames) {
    return new Family(Type.COUNTER, name, help, Unit.BYTES, labelNames);
  }

  /** A gauge in {@code unit}, which {@code name} ends with. */
  static Family gauge(String name, Unit unit, String help, String... labelNames) {
    return new Family(Type.GAUGE, name, help, unit, labelNames);
  }

  /** Adds a sample of an info family (value 1). */
  Family add(String... labelValues) {
    return add(1, labelValues);
  }

  /** Adds a sample; the label values in the order of the label names. */
  Family add(double value, String... labelValues) {
    if (labelValues.length != labelNames.length) {
      throw new IllegalArgumentException(
          name + ": " + labelNames.length + " labels expected, " + labelValues.length + " given");
    }
    Labels l = Labels.of(labelNames, labelValues);
    // two rows with the same labels (two interfaces of one name, say) would fail the whole
    // scrape in the client library: the first one is served
    if (seen.add(l)) {
      labels.add(l);
      values.add(value);
    }
    return this;
  }

  /** Adds the family to the scrape's result; a family without samples is left out. */
  void addTo(MetricSnapshots.Builder out) {
    if (!values.isEmpty()) {
      out.metricSnapshot(build());
    }
  }

  private MetricSnapshot build() {
    if (type == Type.INFO) {
      InfoSnapshot.Builder b = InfoSnapshot.builder().name(name).help(help);
      for (Labels l : labels) {
        b.dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(l).build());
      }
      return b.build();
    }
    if (type == Type.COUNTER) {
      CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help).unit(unit);
      for (int i = 0; i < values.size(); i++) {
        b.dataPoint(
            CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(labels.get(i))
                .value(values.get(i))
                .build());
      }
      return b.build();
    }
    GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help).unit(unit);
    for (int i = 0; i < values.size(); i++) {
      b.dataPoint(
          GaugeSnapshot.GaugeDataPointSnapshot.builder()
              .labels(labels.get(i))
              .value(values.get(i))
              .build());
    }
    return b.build();
  }
}
