package org.iptraf.agent.threshold;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.mib.Mib;
import org.iptraf.agent.stats.InterfaceSnapshot;
import org.iptraf.agent.stats.Rates;
import org.iptraf.agent.stats.TablesSnapshot;

/**
 * The metrics that thresholds apply to, by name: read from a snapshot inside the agent (alarms)
 * and from IPTRAF-AGENT-MIB over SNMP outside it (the check plugin). Names are global ({@code
 * kernelDropRate}) or per interface ({@code eth0:inBps}).
 *
 * <p>OIDs are relative to the root {@code R} of docs/MIB.md.
 */
public final class MetricCatalog {

  /** Where a metric's value lives in the MIB. */
  public enum Source {
    /** A scalar: {@code R.<suffix>.0}. */
    SCALAR,
    /** A ratio of two scalars in percent: 100 × {@code suffix} / {@code capacitySuffix}. */
    FILL,
    /** A column of iptrafIfTable: {@code R.1.1.1.3.1.1.<column>.<ifIndex>}. */
    INTERFACE
  }

  /** Values the snapshot alone does not hold (the tables' caps). */
  public record Context(AgentConfig.Tables tables) {}

  /**
   * One metric.
   *
   * @param uom Monitoring Plugins unit of measure: "" (none), "c" (counter), "%"
   * @param oidSuffix below R: scalar {@code 1.1.1.4.2}, or for interface metrics the column
   * @param capacityOidSuffix for FILL metrics, the scalar holding the cap
   */
  public record Definition(
      String name,
      String description,
      String uom,
      Source source,
      String oidSuffix,
      String capacityOidSuffix,
      ValueFunction value) {}

  /** Computes a metric from a snapshot. */
  @FunctionalInterface
  public interface ValueFunction {
    double apply(TablesSnapshot snapshot, InterfaceSnapshot iface, Context context);
  }

  /** A name resolved: its definition and the interface it is about (null for global ones). */
  public record Resolved(Definition definition, String interfaceName) {
    public String name() {
      return interfaceName == null ? definition.name() : interfaceName + ":" + definition.name();
    }
  }

  private static final Mib MIB = Mib.iptrafAgent();

  public static final String IF_TABLE_ENTRY = MIB.oid("iptrafIfEntry");
  public static final String IF_NAME_COLUMN = MIB.oid("iptrafIfName");
  public static final String ALARM_STATE_COLUMN = MIB.oid("iptrafAlarmState");

  private static final List<Definition> GLOBAL = new ArrayList<>();
  private static final List<Definition> PER_INTERFACE = new ArrayList<>();

  static {
    global("frames", "frames captured", "c", "iptrafCaptureFrames", (s, i, c) -> s.capture().frames());
    global("bytes", "bytes captured", "c", "iptrafCaptureOctets", (s, i, c) -> s.capture().bytes());
    global("malformed", "malformed frames", "c", "iptrafCaptureMalformed",
        (s, i, c) -> s.capture().malformed());
    global("kernelDrops", "frames the kernel dropped", "c", "iptrafCaptureKernelDrops",
        (s, i, c) -> s.capture().kernelDrops());
    global("filtered", "frames excluded by filters", "c", "iptrafCaptureFiltered",
        (s, i, c) -> s.capture().filtered());
    global("kernelDropRate", "kernel drops per second (5 s average)", "", "iptrafCaptureKernelDropRate",
        (s, i, c) -> s.capture().kernelDropRate());
    global("interfaces", "interfaces seen", "", "iptrafIfCount", (s, i, c) -> s.interfaces().size());
    global("tcpConnections", "entries in the TCP connection table", "", "iptrafTcpConnCount",
        (s, i, c) -> s.tcpConnections().size());
    fill("tcpFill", "TCP connection table fill, percent of tcp.maxConnections", "iptrafTcpConnCount",
        "iptrafTcpConnCapacity", (s, i, c) -> percent(s.tcpConnections().size(),
            c.tables().tcpMaxConnections()));
    global("tcpEvictions", "TCP connections evicted at the cap", "c", "iptrafTcpConnEvictions",
        (s, i, c) -> s.capture().tcpEvictions());
    global("tcpOpenRate", "new TCP connections per second (5 s average)", "", "iptrafTcpConnOpenRate",
        (s, i, c) -> s.capture().tcpConnectionRate());
    global("otherFlows", "entries in the other-flow table", "", "iptrafOtherFlowCount",
        (s, i, c) -> s.otherFlows().size());
    fill("otherFlowFill", "other-flow table fill, percent of flows.maxEntries", "iptrafOtherFlowCount",
        "iptrafOtherFlowCapacity", (s, i, c) -> percent(s.otherFlows().size(), c.tables().flowsMaxEntries()));
    global("stations", "entries in the LAN station table", "", "iptrafStationCount",
        (s, i, c) -> s.stations().size());
    fill("stationFill", "station table fill, percent of stations.maxEntries", "iptrafStationCount",
        "iptrafStationCapacity", (s, i, c) -> percent(s.stations().size(), c.tables().stationsMaxEntries()));

    iface("bps", "bits/s in+out, 5 s average", "", "iptrafIfBps", (s, i, c) -> i.rates().bps());
    iface("pps", "frames/s in+out, 5 s average", "", "iptrafIfPps", (s, i, c) -> i.rates().pps());
    iface("peakBps", "highest 1 s bits/s", "", "iptrafIfPeakBps", (s, i, c) -> i.rates().peakBps());
    iface("peakPps", "highest 1 s frames/s", "", "iptrafIfPeakPps", (s, i, c) -> i.rates().peakPps());
    rates("1s", Rates::lastSecond);
    rates("", Rates::fiveSeconds);
    rates("1m", Rates::ewma1m);
    rates("5m", Rates::ewma5m);
    rates("15m", Rates::ewma15m);
    iface("packets", "frames in+out", "c", "iptrafIfTotalPkts", (s, i, c) -> i.total().packets());
    iface("octets", "bytes in+out", "c", "iptrafIfTotalOctets", (s, i, c) -> i.total().bytes());
    iface("badIpChecksum", "IPv4 headers with a bad checksum", "c", "iptrafIfBadIpChecksum",
        (s, i, c) -> i.badIpChecksum());
    iface("ipFragments", "IP fragments", "c", "iptrafIfIpFragments", (s, i, c) -> i.ipFragments());
  }

  private MetricCatalog() {}

  private static void global(String name, String what, String uom, String object,
      ValueFunction f) {
    GLOBAL.add(new Definition(name, what, uom, Source.SCALAR, MIB.oid(object), null, f));
  }

  private static void fill(String name, String what, String object, String capacity,
      ValueFunction f) {
    GLOBAL.add(new Definition(name, what, "%", Source.FILL, MIB.oid(object), MIB.oid(capacity),
        f));
  }

  private static void iface(String name, String what, String uom, String column,
      ValueFunction f) {
    PER_INTERFACE.add(new Definition(name, what, uom, Source.INTERFACE,
        Integer.toString(MIB.column("iptrafIfEntry", column)), null, f));
  }

  /** in/out bits and frames per second of one averaging; MIB columns in that order. */
  private static void rates(String suffix,
      java.util.function.Function<Rates, Rates.Sample> which) {
    String avg = switch (suffix) {
      case "" -> "5 s average";
      case "1s" -> "last second";
      default -> suffix.replace("m", "-minute") + " moving average";
    };
    List<String> names = List.of("inBps", "outBps", "inPps", "outPps");
    List<String> columns = List.of("InBps", "OutBps", "InPps", "OutPps");
    String window = "iptrafIfRate" + (suffix.isEmpty() ? "5s" : suffix);
    List<ToDoubleFunction<Rates.Sample>> values = List.of(
        Rates.Sample::inBps, Rates.Sample::outBps, Rates.Sample::inPps, Rates.Sample::outPps);
    for (int k = 0; k < 4; k++) {
      ToDoubleFunction<Rates.Sample> v = values.get(k);
      String unit = names.get(k).endsWith("Bps") ? "bits/s" : "frames/s";
      String direction = names.get(k).substring(0, names.get(k).length() - 3);
      iface(names.get(k) + suffix, unit + " " + direction + ", " + avg, "",
          window + columns.get(k),
          (s, i, c) -> v.applyAsDouble(which.apply(i.rates())));
    }
  }

  private static double percent(long n, long of) {
    return of <= 0 ? 0 : 100.0 * n / of;
  }

  public static List<Definition> global() {
    return List.copyOf(GLOBAL);
  }

  public static List<Definition> perInterface() {
    return List.copyOf(PER_INTERFACE);
  }

  /**
   * Resolves {@code frames} or {@code eth0:inBps}; the interface part may itself contain colons
   * (the last colon separates the metric).
   */
  public static Optional<Resolved> resolve(String name) {
    int colon = name.lastIndexOf(':');
    if (colon < 0) {
      return GLOBAL.stream().filter(d -> d.name().equals(name)).findFirst()
          .map(d -> new Resolved(d, null));
    }
    String iface = name.substring(0, colon);
    String metric = name.substring(colon + 1);
    if (iface.isEmpty()) {
      return Optional.empty();
    }
    return PER_INTERFACE.stream().filter(d -> d.name().equals(metric)).findFirst()
        .map(d -> new Resolved(d, iface));
  }

  /**
   * The value of a resolved metric in a snapshot, or empty when its interface is not (or no
   * longer) there.
   */
  public static Optional<Double> value(Resolved r, TablesSnapshot s, Context context) {
    if (r.interfaceName() == null) {
      return Optional.of(r.definition().value().apply(s, null, context));
    }
    for (InterfaceSnapshot i : s.interfaces()) {
      if (i.name().equals(r.interfaceName())) {
        return Optional.of(r.definition().value().apply(s, i, context));
      }
    }
    return Optional.empty();
  }
}
