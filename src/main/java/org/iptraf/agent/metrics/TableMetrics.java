package org.iptraf.agent.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.iptraf.agent.stats.CaptureSnapshot;
import org.iptraf.agent.stats.Counts;
import org.iptraf.agent.stats.InterfaceSnapshot;
import org.iptraf.agent.stats.Rates;
import org.iptraf.agent.stats.SnapshotSource;
import org.iptraf.agent.stats.TablesSnapshot;

/**
 * Fills a {@link MetricRegistry} from the tables once a second ({@link #update()}): gauges read the
 * snapshot taken by the last update, and per interface and traffic class a packets and a bytes
 * {@link Meter} are marked with what the counters grew by since the previous update.
 *
 * <p>The capture thread never calls Dropwizard: a {@code Meter.mark()} per frame would cost more
 * than the decode. The tables' own rates (capture clock: last second, 5-second average,
 * 1/5/15-minute EWMAs) are gauges; the meters add Dropwizard's wall-clock rates and a count that
 * only grows (a reset of the tables does not take it back).
 *
 * <p>Names: {@code capture.frames}, {@code tables.tcpConnections.size}, {@code packetSizes}, {@code
 * interface.<if>.tcp.bytes}, {@code interface.<if>.rate.ewma1m.bps}.
 */
public final class TableMetrics {

  private final MetricRegistry registry;
  private final SnapshotSource source;
  private volatile TablesSnapshot last;
  private final Map<String, PerInterface> interfaces = new HashMap<>();
  private long lastResetCount;

  /** The meters of one interface and what they have been marked up to. */
  private static final class PerInterface {
    final Map<String, Meter> packets = new LinkedHashMap<>();
    final Map<String, Meter> bytes = new LinkedHashMap<>();
    final Map<String, long[]> marked = new HashMap<>(); // class -> {packets, bytes}
  }

  public TableMetrics(MetricRegistry registry, SnapshotSource source) {
    this.registry = registry;
    this.source = source;
    this.last = source.counters();
    this.lastResetCount = last.resetCount();
    captureGauges();
  }

  private void captureGauges() {
    capture("frames", CaptureSnapshot::frames);
    capture("bytes", CaptureSnapshot::bytes);
    capture("malformed", CaptureSnapshot::malformed);
    capture("unknownLinkType", CaptureSnapshot::unknownLinkType);
    capture("kernelDrops", CaptureSnapshot::kernelDrops);
    capture("filtered", CaptureSnapshot::filtered);
    capture("loopbackDuplicates", CaptureSnapshot::loopbackDuplicates);
    longGauge("tables.tcpConnections.size", s -> s.tcpConnections().size());
    longGauge("tables.otherFlows.size", s -> s.otherFlows().size());
    // the port rows are counted only by making them: a full snapshot, only when read
    registry.register(
        "tables.ports.size", (Gauge<Long>) () -> (long) source.snapshot().ports().size());
    longGauge("tables.stations.size", s -> s.stations().size());
    longGauge("tables.vlans.size", s -> s.vlans().size());
    longGauge("tables.macPairs.size", s -> s.macPairs().size());
    longGauge("tables.interfaces.size", s -> s.interfaces().size());
    longGauge("tables.tcpConnections.evictions", s -> s.capture().tcpEvictions());
    longGauge("tables.otherFlows.evictions", s -> s.capture().flowEvictions());
    longGauge("tables.stations.evictions", s -> s.capture().stationEvictions());
    longGauge("tables.vlans.evictions", s -> s.capture().vlanEvictions());
    longGauge("tables.macPairs.evictions", s -> s.capture().macPairEvictions());
    longGauge("tables.resets", TablesSnapshot::resetCount);
    registry.register("packetSizes", new SizeHistogram(() -> last.packetSizes()));
  }

  private void capture(String name, ToLongFunction<CaptureSnapshot> f) {
    longGauge("capture." + name, s -> f.applyAsLong(s.capture()));
  }

  private void longGauge(String name, ToLongFunction<TablesSnapshot> f) {
    registry.register(name, (Gauge<Long>) () -> f.applyAsLong(last));
  }

  /**
   * Takes a snapshot (counters only: no rows are read here), follows interfaces that appeared or
   * vanished and marks the meters.
   */
  public synchronized void update() {
    TablesSnapshot s = source.counters();
    boolean reset = s.resetCount() != lastResetCount;
    lastResetCount = s.resetCount();
    last = s;
    Map<String, InterfaceSnapshot> now = new LinkedHashMap<>();
    for (InterfaceSnapshot i : s.interfaces()) {
      now.put(i.name(), i);
    }
    interfaces
        .keySet()
        .removeIf(
            name -> {
              if (now.containsKey(name)) {
                return false;
              }
              String prefix = prefix(name);
              registry.removeMatching((n, m) -> n.startsWith(prefix));
              return true;
            });
    now.forEach((name, i) -> mark(interfaces.computeIfAbsent(name, this::add), i, reset));
  }

  /** Marks the growth since the last update; after a reset the counters grew from zero. */
  private static void mark(PerInterface p, InterfaceSnapshot i, boolean reset) {
    InterfaceSnapshot.CLASSES.forEach(
        (cls, f) -> {
          Counts c = f.apply(i);
          long[] before = p.marked.computeIfAbsent(cls, k -> new long[2]);
          if (reset) {
            before[0] = before[1] = 0;
          }
          long packets = c.packets() - before[0];
          long bytes = c.bytes() - before[1];
          if (packets > 0) {
            p.packets.get(cls).mark(packets);
          }
          if (bytes > 0) {
            p.bytes.get(cls).mark(bytes);
          }
          before[0] = c.packets();
          before[1] = c.bytes();
        });
  }

  private PerInterface add(String name) {
    PerInterface p = new PerInterface();
    String prefix = prefix(name);
    InterfaceSnapshot.CLASSES
        .keySet()
        .forEach(
            cls -> {
              p.packets.put(cls, registry.meter(prefix + cls + ".packets"));
              p.bytes.put(cls, registry.meter(prefix + cls + ".bytes"));
            });
    rate(prefix, name, "bps", Rates::bps);
    rate(prefix, name, "pps", Rates::pps);
    rate(prefix, name, "peakBps", Rates::peakBps);
    rate(prefix, name, "peakPps", Rates::peakPps);
    sample(prefix, name, "lastSecond", Rates::lastSecond);
    sample(prefix, name, "ewma1m", Rates::ewma1m);
    sample(prefix, name, "ewma5m", Rates::ewma5m);
    sample(prefix, name, "ewma15m", Rates::ewma15m);
    return p;
  }

  private void sample(String prefix, String ifName, String which, Function<Rates, Rates.Sample> f) {
    rate(prefix, ifName, which + ".bps", r -> f.apply(r).bps());
    rate(prefix, ifName, which + ".pps", r -> f.apply(r).pps());
  }

  private void rate(String prefix, String ifName, String name, ToDoubleFunction<Rates> f) {
    registry.register(
        prefix + "rate." + name,
        (Gauge<Double>)
            () -> {
              for (InterfaceSnapshot i : last.interfaces()) {
                if (i.name().equals(ifName)) {
                  return f.applyAsDouble(i.rates());
                }
              }
              return 0.0;
            });
  }

  private static String prefix(String ifName) {
    return "interface." + ifName + ".";
  }
}
