package org.iptraf.agent.cli;

import java.nio.file.Path;
import org.iptraf.agent.alarm.AlarmEngine;

/**
 * Facts about this agent process that exporters show (JMX type=Agent, SNMP sysDescr).
 *
 * @param mode {@code live} or {@code replay}
 * @param configFile the file given with -c, or null for the built-in defaults
 * @param startedMillis wall-clock start time
 * @param alarms the configured alarms (maybe none), which exporters show and notify about
 */
public record AgentInfo(
    String version, String mode, Path configFile, long startedMillis, AlarmEngine alarms) {

  /** Milliseconds since start (sysUpTime, JMX uptime). */
  public long uptimeMillis() {
    return System.currentTimeMillis() - startedMillis;
  }
}
