package org.iptraf.agent.top;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.iptraf.agent.check.SnmpSource.SnmpFailure;
import org.iptraf.agent.top.AgentReader.Row;
import org.snmp4j.smi.OID;

/**
 * Interface names by iptrafIfIndex, read once and again only when a row names an index not known or
 * {@link #MAX_AGE_NANOS} passed: names change when interfaces come and go, not every second, and
 * reading them each redraw was one request of the seven a screen cost.
 */
final class IfNames {

  static final long MAX_AGE_NANOS = 30_000_000_000L;

  private final AgentReader agent;
  private final LongSupplier nanoTime;
  private Map<Long, String> names = Map.of();
  private long readAt;
  private boolean stale = true;

  IfNames(AgentReader agent, LongSupplier nanoTime) {
    this.agent = agent;
    this.nanoTime = nanoTime;
  }

  /** Reads the names if a row asked for an unknown index last time, or they are old. */
  void refresh() throws SnmpFailure {
    long now = nanoTime.getAsLong();
    if (!stale && now - readAt < MAX_AGE_NANOS) {
      return;
    }
    Map<Long, String> read = new HashMap<>();
    for (Row r : agent.rows(List.of("iptrafIfName"), new OID(), 10_000)) {
      read.put(r.index().last() & 0xFFFFFFFFL, r.text("iptrafIfName"));
    }
    names = read;
    readAt = now;
    stale = false;
  }

  /** The name of an ifIndex; "?" (and a read at the next refresh) when not known. */
  String of(long ifIndex) {
    String n = names.get(ifIndex);
    if (n == null) {
      stale = true;
      return "?";
    }
    return n;
  }
}
