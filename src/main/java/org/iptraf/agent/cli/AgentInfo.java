package org.iptraf.agent.cli;

import java.nio.file.Path;
import java.util.List;
import org.iptraf.agent.alarm.AlarmEngine;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.stats.AgentFacts;
import org.iptraf.agent.stats.ExportCounters;

/**
 * What the commands hand the exporters: the agent's facts and its alarms.
 *
 * @param alarms the configured alarms (maybe none), which exporters show and notify about
 * @param ipfix the IPFIX export's counters ({@link ExportCounters#NONE} when it is off)
 */
public record AgentInfo(AgentFacts facts, AlarmEngine alarms, ExportCounters ipfix) {

  public AgentInfo(AgentFacts facts, AlarmEngine alarms) {
    this(facts, alarms, ExportCounters.NONE);
  }

  /** Ports: every TCP and UDP port has its row (the port table never evicts). */
  static final int PORT_ROWS = 2 * 65536;

  /**
   * @param mode {@code live} or {@code replay}
   * @param configFile the file given with -c, or null for the built-in defaults
   * @param sources the interfaces or files read
   */
  static AgentInfo of(
      String mode,
      Path configFile,
      List<String> sources,
      AgentConfig.Tables tables,
      AlarmEngine alarms,
      ExportCounters ipfix) {
    AgentFacts.Capacities capacities =
        new AgentFacts.Capacities(
            tables.tcpMaxConnections(),
            tables.flowsMaxEntries(),
            PORT_ROWS,
            tables.stationsMaxEntries(),
            tables.vlansMaxEntries(),
            tables.stationsMaxEntries());
    return new AgentInfo(
        new AgentFacts(
            Main.version(), mode, configFile, System.currentTimeMillis(), sources, capacities),
        alarms,
        ipfix);
  }

  /** Milliseconds since the agent started (sysUpTime of the notifications). */
  public long uptimeMillis() {
    return System.currentTimeMillis() - facts.startedMillis();
  }
}
