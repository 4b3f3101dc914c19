package org.iptraf.agent.snmp;

import java.util.function.LongSupplier;
import org.iptraf.agent.stats.TablesSnapshot;
import org.snmp4j.smi.TimeTicks;

/**
 * The TimeStamp of the last counter discontinuity (SNMPv2-TC TimeStamp: sysUpTime then): 0 from the
 * agent's start, then the sysUpTime at which a snapshot first showed a new reset count. Every
 * DiscontinuityTime object of our MIB shares it, because a reset clears every table.
 */
final class Discontinuity {
  private final LongSupplier sysUpTime;
  private long resetCount = -1;
  private long at;

  /**
   * @param sysUpTime hundredths of a second since the agent started
   */
  Discontinuity(LongSupplier sysUpTime) {
    this.sysUpTime = sysUpTime;
  }

  synchronized TimeTicks of(TablesSnapshot s) {
    if (resetCount < 0) {
      resetCount = s.resetCount(); // the state the agent started with: no discontinuity yet
    } else if (s.resetCount() > resetCount) {
      resetCount = s.resetCount();
      at = sysUpTime.getAsLong();
    }
    return new TimeTicks(at);
  }
}
