package org.iptraf.agent.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * Facts about this agent process that exporters show (JMX type=Agent, SNMP sysDescr).
 *
 * @param mode {@code live} or {@code replay}
 * @param configFile the file given with -c, or null for the built-in defaults
 * @param startedMillis wall-clock start time
 * @param sources the interfaces or files read, as the report's {@code source.names}
 */
public record AgentInfo(
    String version, String mode, Path configFile, long startedMillis, List<String> sources) {

  public AgentInfo {
    sources = List.copyOf(sources);
  }

  /** Without source names. */
  public AgentInfo(String version, String mode, Path configFile, long startedMillis) {
    this(version, mode, configFile, startedMillis, List.of());
  }
}
