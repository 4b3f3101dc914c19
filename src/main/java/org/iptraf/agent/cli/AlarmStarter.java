package org.iptraf.agent.cli;

import java.util.ArrayList;
import java.util.List;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.snmp.AlarmNotifier;
import org.iptraf.agent.stats.Tables;

/** Starts the alarm checks (if any are configured) and their SNMP notifications. */
final class AlarmStarter implements Exporters.Starter {
  @Override
  public AutoCloseable start(AgentConfig config, Tables tables, AgentInfo agent) throws Exception {
    if (agent.alarms() == null || agent.alarms().isEmpty()) {
      return null;
    }
    List<AutoCloseable> parts = new ArrayList<>();
    if (!config.snmp().trapTargets().isEmpty()) {
      AlarmNotifier notifier;
      try {
        notifier =
            new AlarmNotifier(
                config.snmp().rootOid(),
                config.snmp().trapTargets(),
                config.snmp().trapCommunity(),
                SnmpStarter.trapUser(config.snmp()),
                config.snmp().stateDir(),
                agent::uptimeMillis);
      } catch (IllegalArgumentException e) {
        throw new UserError(Main.USAGE, "snmp.trapTargets: " + e.getMessage());
      }
      agent.alarms().addListener(notifier);
      parts.add(notifier);
    }
    agent.alarms().start(tables);
    parts.add(agent.alarms());
    return () -> {
      for (int i = parts.size() - 1; i >= 0; i--) {
        parts.get(i).close();
      }
    };
  }
}
