package org.iptraf.agent.stats;

import java.nio.file.Path;
import java.util.List;

/**
 * What the exporters say about the agent itself, fixed when it starts: which build, capturing or
 * replaying what since when, and how large each table may grow. One record for SNMP (the source and
 * capacity scalars), JMX (type=Agent) and Prometheus (build info, capacities).
 *
 * @param mode {@code live} or {@code replay}
 * @param configFile the file given with -c, or null for the built-in defaults
 * @param startedMillis wall-clock start time
 * @param sources the interfaces or files read, as the report's {@code source.names}
 */
public record AgentFacts(
    String version,
    String mode,
    Path configFile,
    long startedMillis,
    List<String> sources,
    Capacities capacities) {

  /** The most entries each table holds. */
  public record Capacities(
      int tcpConnections, int otherFlows, int ports, int stations, int vlans, int macPairs) {}

  /** For an exporter started without an agent around it (tests): nothing known. */
  public static final AgentFacts NONE =
      new AgentFacts("", "replay", null, 0, List.of(), new Capacities(0, 0, 0, 0, 0, 0));

  public AgentFacts {
    sources = List.copyOf(sources);
  }

  public boolean live() {
    return "live".equals(mode);
  }
}
