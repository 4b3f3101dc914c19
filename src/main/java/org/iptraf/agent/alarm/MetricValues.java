package org.iptraf.agent.alarm;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.stats.InterfaceSnapshot;
import org.iptraf.agent.stats.Rates;
import org.iptraf.agent.stats.TablesSnapshot;
import org.iptraf.agent.threshold.MetricCatalog;

/**
 * The check catalogue's metrics ({@link MetricCatalog}) read from a snapshot inside the agent: the
 * same quantities the check plugin reads over SNMP, for the alarms.
 */
final class MetricValues {

  /** Values the snapshot alone does not hold (the tables' caps). */
  record Context(AgentConfig.Tables tables) {}

  /** Computes a metric from a snapshot. */
  @FunctionalInterface
  interface ValueFunction {
    double apply(TablesSnapshot snapshot, InterfaceSnapshot iface, Context context);
  }

  private static final Map<String, ValueFunction> GLOBAL = new HashMap<>();
  private static final Map<String, ValueFunction> PER_INTERFACE = new HashMap<>();

  static {
    GLOBAL.put("frames", (s, i, c) -> s.capture().frames());
    GLOBAL.put("bytes", (s, i, c) -> s.capture().bytes());
    GLOBAL.put("malformed", (s, i, c) -> s.capture().malformed());
    GLOBAL.put("kernelDrops", (s, i, c) -> s.capture().kernelDrops());
    GLOBAL.put("filtered", (s, i, c) -> s.capture().filtered());
    GLOBAL.put("kernelDropRate", (s, i, c) -> s.capture().kernelDropRate());
    GLOBAL.put("interfaces", (s, i, c) -> s.interfaces().size());
    GLOBAL.put("tcpConnections", (s, i, c) -> s.tcpConnections().size());
    GLOBAL.put(
        "tcpFill", (s, i, c) -> percent(s.tcpConnections().size(), c.tables().tcpMaxConnections()));
    GLOBAL.put("tcpEvictions", (s, i, c) -> s.capture().tcpEvictions());
    GLOBAL.put("tcpOpenRate", (s, i, c) -> s.capture().tcpConnectionRate());
    GLOBAL.put("otherFlows", (s, i, c) -> s.otherFlows().size());
    GLOBAL.put(
        "otherFlowFill", (s, i, c) -> percent(s.otherFlows().size(), c.tables().flowsMaxEntries()));
    GLOBAL.put("stations", (s, i, c) -> s.stations().size());
    GLOBAL.put(
        "stationFill", (s, i, c) -> percent(s.stations().size(), c.tables().stationsMaxEntries()));

    PER_INTERFACE.put("bps", (s, i, c) -> i.rates().bps());
    PER_INTERFACE.put("pps", (s, i, c) -> i.rates().pps());
    PER_INTERFACE.put("peakBps", (s, i, c) -> i.rates().peakBps());
    PER_INTERFACE.put("peakPps", (s, i, c) -> i.rates().peakPps());
    List<Function<Rates, Rates.Sample>> windows =
        List.of(
            Rates::lastSecond, Rates::fiveSeconds, Rates::ewma1m, Rates::ewma5m, Rates::ewma15m);
    List<ToDoubleFunction<Rates.Sample>> rates =
        List.of(
            Rates.Sample::inBps, Rates.Sample::outBps, Rates.Sample::inPps, Rates.Sample::outPps);
    for (int w = 0; w < windows.size(); w++) {
      Function<Rates, Rates.Sample> window = windows.get(w);
      for (int k = 0; k < rates.size(); k++) {
        ToDoubleFunction<Rates.Sample> rate = rates.get(k);
        PER_INTERFACE.put(
            MetricCatalog.RATES.get(k) + MetricCatalog.RATE_WINDOWS.get(w),
            (s, i, c) -> rate.applyAsDouble(window.apply(i.rates())));
      }
    }
    PER_INTERFACE.put("packets", (s, i, c) -> i.total().packets());
    PER_INTERFACE.put("octets", (s, i, c) -> i.total().bytes());
    PER_INTERFACE.put("badIpChecksum", (s, i, c) -> i.badIpChecksum());
    PER_INTERFACE.put("ipFragments", (s, i, c) -> i.ipFragments());
  }

  private MetricValues() {}

  private static double percent(long n, long of) {
    return of <= 0 ? 0 : 100.0 * n / of;
  }

  /** The names with a value here: {@code global} or per interface. */
  static Set<String> names(boolean global) {
    return Set.copyOf((global ? GLOBAL : PER_INTERFACE).keySet());
  }

  /**
   * The value of a resolved metric in a snapshot, or empty when its interface is not (or no longer)
   * there.
   */
  static Optional<Double> value(MetricCatalog.Resolved r, TablesSnapshot s, Context context) {
    String name = r.definition().name();
    if (r.interfaceName() == null) {
      return Optional.of(GLOBAL.get(name).apply(s, null, context));
    }
    for (InterfaceSnapshot i : s.interfaces()) {
      if (i.name().equals(r.interfaceName())) {
        return Optional.of(PER_INTERFACE.get(name).apply(s, i, context));
      }
    }
    return Optional.empty();
  }
}
