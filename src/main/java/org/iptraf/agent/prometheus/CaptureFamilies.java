package org.iptraf.agent.prometheus;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import org.iptraf.agent.alarm.AlarmStatus;
import org.iptraf.agent.alarm.Severity;
import org.iptraf.agent.stats.AgentFacts;
import org.iptraf.agent.stats.CaptureSnapshot;
import org.iptraf.agent.stats.TablesSnapshot;

/**
 * The families of the whole capture: its counters, the tables' sizes, caps and evictions, the
 * alarms, and the agent's own facts. A fixed number of series (one per alarm for the alarms).
 */
final class CaptureFamilies {

  private CaptureFamilies() {}

  /**
   * @param rows whether {@code s} has rows (a full snapshot), so that the port table's size can be
   *     read: it is known only by making its rows
   */
  static void addTo(
      TablesSnapshot s,
      AgentFacts facts,
      List<AlarmStatus> alarmStates,
      boolean rows,
      MetricSnapshots.Builder out) {
    capture(s, out);
    tables(s, facts.capacities(), rows, out);
    alarms(alarmStates, out);
    agent(facts, out);
  }

  private static void capture(TablesSnapshot s, MetricSnapshots.Builder out) {
    CaptureSnapshot c = s.capture();
    counter(out, "iptraf_capture_frames", "Frames the capture delivered.", c.frames());
    Family.byteCounter(
            "iptraf_capture_bytes",
            "Bytes of the frames the capture delivered (lengths on the wire, no FCS).")
        .add(c.bytes())
        .addTo(out);
    counter(
        out,
        "iptraf_capture_malformed_frames",
        "Frames with a truncated or inconsistent header.",
        c.malformed());
    counter(
        out,
        "iptraf_capture_unknown_link_type_frames",
        "Frames of a link type the decoder does not know.",
        c.unknownLinkType());
    counter(
        out,
        "iptraf_capture_kernel_drops",
        "Frames the kernel dropped before the agent read them (live capture only).",
        c.kernelDrops());
    counter(
        out,
        "iptraf_capture_filtered_frames",
        "Frames a filter rule kept out of the tables.",
        c.filtered());
    counter(
        out,
        "iptraf_capture_loopback_duplicate_frames",
        "Loopback frames the kernel showed twice, counted once.",
        c.loopbackDuplicates());
    Family.gauge(
            "iptraf_capture_kernel_drops_per_second",
            "Kernel drops per second, the average of the last 5 seconds.")
        .add(c.kernelDropRate())
        .addTo(out);
    Family.gauge(
            "iptraf_capture_time_seconds",
            Unit.SECONDS,
            "Capture time covered: from the first frame to the latest frame or clock tick.")
        .add(s.seconds())
        .addTo(out);
    counter(
        out,
        "iptraf_tcp_connections_opened",
        "TCP connections the connection table started.",
        c.tcpConnectionsOpened());
    Family.gauge(
            "iptraf_tcp_connections_opened_per_second",
            "New TCP connections per second, the average of the last 5 seconds.")
        .add(c.tcpConnectionRate())
        .addTo(out);
  }

  private static void tables(
      TablesSnapshot s, AgentFacts.Capacities cap, boolean rows, MetricSnapshots.Builder out) {
    Family entries =
        Family.gauge(
            "iptraf_table_entries",
            "Entries in each of the agent's tables (ports only when prometheus.topFlows > 0).",
            "table");
    entries.add(s.interfaces().size(), "interfaces");
    entries.add(s.tcpConnections().size(), "tcpConnections");
    entries.add(s.otherFlows().size(), "otherFlows");
    entries.add(s.stations().size(), "stations");
    entries.add(s.vlans().size(), "vlans");
    entries.add(s.macPairs().size(), "macPairs");
    if (rows) {
      entries.add(s.ports().size(), "ports");
    }
    entries.addTo(out);
    Family capacity =
        Family.gauge(
            "iptraf_table_capacity",
            "The most entries a table holds; at the cap the least recently seen entry is evicted.",
            "table");
    capacity.add(cap.tcpConnections(), "tcpConnections");
    capacity.add(cap.otherFlows(), "otherFlows");
    capacity.add(cap.ports(), "ports");
    capacity.add(cap.stations(), "stations");
    capacity.add(cap.vlans(), "vlans");
    capacity.add(cap.macPairs(), "macPairs");
    capacity.addTo(out);
    CaptureSnapshot c = s.capture();
    Family evictions =
        Family.counter(
            "iptraf_table_evictions", "Entries evicted because their table was full.", "table");
    evictions.add(c.tcpEvictions(), "tcpConnections");
    evictions.add(c.flowEvictions(), "otherFlows");
    evictions.add(c.stationEvictions(), "stations");
    evictions.add(c.vlanEvictions(), "vlans");
    evictions.add(c.macPairEvictions(), "macPairs");
    evictions.addTo(out);
    counter(
        out,
        "iptraf_table_resets",
        "Times the counters were reset (JMX resetCounters); every counter restarted at 0.",
        s.resetCount());
  }

  private static void alarms(List<AlarmStatus> alarms, MetricSnapshots.Builder out) {
    Family active =
        Family.gauge(
            "iptraf_alarm_active",
            "1 while the alarm is in WARNING or CRITICAL, else 0.",
            "alarm",
            "metric");
    Family severity =
        Family.gauge(
            "iptraf_alarm_severity",
            "The alarm's state as Nagios codes it: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.",
            "alarm",
            "metric");
    Family value =
        Family.gauge(
            "iptraf_alarm_value",
            "The alarm metric's last value (NaN when it could not be read).",
            "alarm",
            "metric");
    for (AlarmStatus a : alarms) {
      boolean on = a.state() == Severity.WARNING || a.state() == Severity.CRITICAL;
      active.add(on ? 1 : 0, a.name(), a.metric());
      severity.add(a.state().code(), a.name(), a.metric());
      value.add(a.value(), a.name(), a.metric());
    }
    active.addTo(out);
    severity.addTo(out);
    value.addTo(out);
  }

  private static void agent(AgentFacts facts, MetricSnapshots.Builder out) {
    Family.info(
            "iptraf_build",
            "The agent's version and the Java runtime it runs on.",
            "version",
            "java_version")
        .add(facts.version(), System.getProperty("java.version", "unknown"))
        .addTo(out);
    Family.info("iptraf_agent", "How the agent runs: mode live or replay.", "mode")
        .add(facts.mode())
        .addTo(out);
    Family.gauge(
            "iptraf_agent_start_time_seconds",
            Unit.SECONDS,
            "When the agent started, in seconds since the Unix epoch.")
        .add(Unit.millisToSeconds(facts.startedMillis()))
        .addTo(out);
  }

  private static void counter(MetricSnapshots.Builder out, String name, String help, long value) {
    Family.counter(name, help).add(value).addTo(out);
  }
}
