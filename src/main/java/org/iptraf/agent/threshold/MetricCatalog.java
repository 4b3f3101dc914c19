package org.iptraf.agent.threshold;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.iptraf.agent.mib.Mib;

/**
 * The metrics that thresholds apply to, by name, and where each lives in IPTRAF-AGENT-MIB: the
 * check plugin reads them over SNMP, the alarms read the same quantities from a snapshot inside the
 * agent ({@code alarm.MetricValues}). Names are global ({@code kernelDropRate}) or per interface
 * ({@code eth0:inBps}). Depends on the MIB's description only, so that the check plugin does not
 * reach into the agent's tables.
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
      String capacityOidSuffix) {}

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

  /** The suffixes of the per-interface rate metrics: 5 s average (none), 1 s, EWMAs. */
  public static final List<String> RATE_WINDOWS = List.of("1s", "", "1m", "5m", "15m");

  /** The rate metrics' names without the window suffix, in MIB column order. */
  public static final List<String> RATES = List.of("inBps", "outBps", "inPps", "outPps");

  private static final List<Definition> GLOBAL = new ArrayList<>();
  private static final List<Definition> PER_INTERFACE = new ArrayList<>();

  static {
    global("frames", "frames captured", "c", "iptrafCaptureFrames");
    global("bytes", "bytes captured", "c", "iptrafCaptureOctets");
    global("malformed", "malformed frames", "c", "iptrafCaptureMalformed");
    global("kernelDrops", "frames the kernel dropped", "c", "iptrafCaptureKernelDrops");
    global("filtered", "frames excluded by filters", "c", "iptrafCaptureFiltered");
    global(
        "kernelDropRate",
        "kernel drops per second (5 s average)",
        "",
        "iptrafCaptureKernelDropRate");
    global("interfaces", "interfaces seen", "", "iptrafIfCount");
    global("tcpConnections", "entries in the TCP connection table", "", "iptrafTcpConnCount");
    fill(
        "tcpFill",
        "TCP connection table fill, percent of tcp.maxConnections",
        "iptrafTcpConnCount",
        "iptrafTcpConnCapacity");
    global("tcpEvictions", "TCP connections evicted at the cap", "c", "iptrafTcpConnEvictions");
    global(
        "tcpOpenRate", "new TCP connections per second (5 s average)", "", "iptrafTcpConnOpenRate");
    global("otherFlows", "entries in the other-flow table", "", "iptrafOtherFlowCount");
    fill(
        "otherFlowFill",
        "other-flow table fill, percent of flows.maxEntries",
        "iptrafOtherFlowCount",
        "iptrafOtherFlowCapacity");
    global("stations", "entries in the LAN station table", "", "iptrafStationCount");
    fill(
        "stationFill",
        "station table fill, percent of stations.maxEntries",
        "iptrafStationCount",
        "iptrafStationCapacity");

    iface("bps", "bits/s in+out, 5 s average", "", "iptrafIfBps");
    iface("pps", "frames/s in+out, 5 s average", "", "iptrafIfPps");
    iface("peakBps", "highest 1 s bits/s", "", "iptrafIfPeakBps");
    iface("peakPps", "highest 1 s frames/s", "", "iptrafIfPeakPps");
    for (String window : RATE_WINDOWS) {
      rates(window);
    }
    iface("packets", "frames in+out", "c", "iptrafIfTotalPkts");
    iface("octets", "bytes in+out", "c", "iptrafIfTotalOctets");
    iface("badIpChecksum", "IPv4 headers with a bad checksum", "c", "iptrafIfBadIpChecksum");
    iface("ipFragments", "IP fragments", "c", "iptrafIfIpFragments");
  }

  private MetricCatalog() {}

  private static void global(String name, String what, String uom, String object) {
    GLOBAL.add(new Definition(name, what, uom, Source.SCALAR, MIB.oid(object), null));
  }

  private static void fill(String name, String what, String object, String capacity) {
    GLOBAL.add(new Definition(name, what, "%", Source.FILL, MIB.oid(object), MIB.oid(capacity)));
  }

  private static void iface(String name, String what, String uom, String column) {
    PER_INTERFACE.add(
        new Definition(
            name,
            what,
            uom,
            Source.INTERFACE,
            Integer.toString(MIB.column("iptrafIfEntry", column)),
            null));
  }

  /** in/out bits and frames per second of one averaging. */
  private static void rates(String suffix) {
    String avg =
        switch (suffix) {
          case "" -> "5 s average";
          case "1s" -> "last second";
          default -> suffix.replace("m", "-minute") + " moving average";
        };
    String window = "iptrafIfRate" + (suffix.isEmpty() ? "5s" : suffix);
    for (String name : RATES) {
      String unit = name.endsWith("Bps") ? "bits/s" : "frames/s";
      String direction = name.substring(0, name.length() - 3);
      String column = Character.toUpperCase(name.charAt(0)) + name.substring(1);
      iface(name + suffix, unit + " " + direction + ", " + avg, "", window + column);
    }
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
      return GLOBAL.stream()
          .filter(d -> d.name().equals(name))
          .findFirst()
          .map(d -> new Resolved(d, null));
    }
    String iface = name.substring(0, colon);
    String metric = name.substring(colon + 1);
    if (iface.isEmpty()) {
      return Optional.empty();
    }
    return PER_INTERFACE.stream()
        .filter(d -> d.name().equals(metric))
        .findFirst()
        .map(d -> new Resolved(d, iface));
  }
}
