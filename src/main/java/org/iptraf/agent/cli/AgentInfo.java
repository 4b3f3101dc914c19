package org.iptraf.agent.cli;

import java.nio.file.Path;
import java.util.List;
import org.iptraf.agent.alarm.AlarmEngine;

/**
 * Facts about this agent process that exporters show (JMX type=Agent, SNMP sysDescr).
 *
 * @param mode {@code live} or {@code replay}
 * @param configFile the file given with -c, or null for the built-in defaults
 * @param startedMillis wall-clock start time
 * @param sources the interfaces or files read, as the report's {@code source.names}
 * @param alarms the configured alarms (maybe none), which exporters show and notify about
 */
public record AgentInfo(
    String version,
    String mode,
    Path configFile,
    long startedMillis,
    List<String> sources,
    AlarmEngine alarms) {

  public AgentInfo {
    sources = List.copyOf(sources);
  }

  /** Without source names or alarms. */
  public AgentInfo(String version, String mode, Path configFile, long startedMillis) {
    this(version, mode, configFile, startedMillis, List.of(), null);
  }

  /** Milliseconds since start (sysUpTime, JMX uptime). */
  public long uptimeMillis() {
    return System.currentTimeMillis() - startedMillis;
  }
}
