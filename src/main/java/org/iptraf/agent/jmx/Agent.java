package org.iptraf.agent.jmx;

import java.time.Instant;
import java.util.function.LongSupplier;
import org.iptraf.agent.stats.AgentFacts;
import org.iptraf.agent.stats.SnapshotSource;

/** The {@link AgentMXBean}: facts given at start, the uptime from a clock, commands passed on. */
final class Agent implements AgentMXBean {
  private final AgentFacts facts;
  private final LongSupplier wallMillis;
  private final TableCommands commands;
  private final SnapshotSource snapshots;

  Agent(
      AgentFacts facts, LongSupplier wallMillis, TableCommands commands, SnapshotSource snapshots) {
    this.facts = facts;
    this.wallMillis = wallMillis;
    this.commands = commands;
    this.snapshots = snapshots;
  }

  @Override
  public String getVersion() {
    return facts.version();
  }

  @Override
  public String getMode() {
    return facts.mode();
  }

  @Override
  public String getConfigFile() {
    return facts.configFile() == null ? "" : facts.configFile().toString();
  }

  @Override
  public String getStartTime() {
    return Instant.ofEpochMilli(facts.startedMillis()).toString();
  }

  @Override
  public long getUptimeSeconds() {
    return Math.max(0, wallMillis.getAsLong() - facts.startedMillis()) / 1000;
  }

  @Override
  public long getResetCount() {
    return snapshots.snapshot().resetCount();
  }

  @Override
  public void resetCounters() {
    commands.resetCounters();
  }

  @Override
  public int clearClosedConnections() {
    return commands.clearClosedConnections();
  }
}
