package org.iptraf.agent.jmx;

/**
 * What {@code iptraf:type=Agent} shows about the process.
 *
 * @param mode {@code live} or {@code replay}
 * @param configFile the configuration file, or null for the built-in defaults
 * @param startedMillis wall-clock start time
 */
public record AgentFacts(String version, String mode, String configFile, long startedMillis) {}
