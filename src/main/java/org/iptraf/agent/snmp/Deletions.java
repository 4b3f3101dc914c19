package org.iptraf.agent.snmp;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;

/**
 * RMON's ...LastDeleteTime (RFC 2819 hostControlLastDeleteTime, matrixControlLastDeleteTime): the
 * sysUpTime at which a snapshot first lacked a row the previous one had, per control row
 * (interface); 0 while nothing was deleted. Fed once per snapshot, in snapshot order.
 */
final class Deletions<R, K> {
  private final ToIntFunction<R> interfaceId;
  private final Function<R, K> key;
  private final LongSupplier sysUpTime;
  private Map<Integer, Set<K>> previous = Map.of();
  private final Map<Integer, Long> lastDelete = new HashMap<>();

  Deletions(ToIntFunction<R> interfaceId, Function<R, K> key, LongSupplier sysUpTime) {
    this.interfaceId = interfaceId;
    this.key = key;
    this.sysUpTime = sysUpTime;
  }

  /** Compares with the previous snapshot's rows; returns interface id → last delete time. */
  synchronized Map<Integer, Long> update(List<R> rows) {
    Map<Integer, Set<K>> now = new HashMap<>();
    for (R r : rows) {
      now.computeIfAbsent(interfaceId.applyAsInt(r), i -> new HashSet<>()).add(key.apply(r));
    }
    long at = -1;
    for (Map.Entry<Integer, Set<K>> before : previous.entrySet()) {
      Set<K> after = now.getOrDefault(before.getKey(), Set.of());
      if (!after.containsAll(before.getValue())) {
        if (at < 0) {
          at = sysUpTime.getAsLong();
        }
        lastDelete.put(before.getKey(), at);
      }
    }
    previous = now;
    return Map.copyOf(lastDelete);
  }
}
