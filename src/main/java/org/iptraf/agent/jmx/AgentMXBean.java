package org.iptraf.agent.jmx;

/** {@code iptraf:type=Agent}: what this agent is, and the operations on its tables. */
public interface AgentMXBean {

  /** The agent's version string. */
  String getVersion();

  /** {@code live} or {@code replay}. */
  String getMode();

  /** The configuration file, or "" for the built-in defaults. */
  String getConfigFile();

  /** Wall-clock start time, ISO-8601 UTC. */
  String getStartTime();

  /** Seconds since start. */
  long getUptimeSeconds();

  /** How many times counters were reset. */
  long getResetCount();

  /**
   * Zeroes every counter and rate, and empties the connection, flow, station, port and VLAN tables
   * (the capture's own counters included), as the writer's next frame.
   */
  void resetCounters();

  /**
   * Frees closed, reset and timed-out TCP connections now instead of after their retention.
   *
   * @return how many were freed, or -1 if the capture thread did not answer in time
   */
  int clearClosedConnections();
}
