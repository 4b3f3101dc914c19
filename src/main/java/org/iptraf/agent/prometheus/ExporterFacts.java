package org.iptraf.agent.prometheus;

import java.util.List;
import java.util.function.Supplier;
import org.iptraf.agent.alarm.AlarmStatus;

/**
 * What the exposition shows besides the tables, fixed when the agent starts.
 *
 * @param version the agent's version ({@code iptraf_build_info})
 * @param mode {@code live} or {@code replay}
 * @param startedMillis wall-clock start time
 * @param topFlows how many of the busiest TCP connections, ports and VLANs get series of their own;
 *     0 = none, and then no scrape reads a table's rows
 * @param capacities the tables' caps
 * @param alarms the alarms' current states (an empty list when none are configured)
 */
public record ExporterFacts(
    String version,
    String mode,
    long startedMillis,
    int topFlows,
    Capacities capacities,
    Supplier<List<AlarmStatus>> alarms) {

  /** The most entries each table holds ({@code iptraf_table_capacity}). */
  public record Capacities(
      int tcpConnections, int otherFlows, int ports, int stations, int vlans, int macPairs) {}
}
