package org.iptraf.agent.cli;

import java.nio.file.Path;

/**
 * Facts about this agent process that exporters show (JMX type=Agent, SNMP sysDescr).
 *
 * @param mode {@code live} or {@code replay}
 * @param configFile the file given with -c, or null for the built-in defaults
 * @param startedMillis wall-clock start time
 */
public record AgentInfo(String version, String mode, Path configFile, long startedMillis) {}
