package org.iptraf.agent.snmp;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.iptraf.agent.stats.InterfaceSnapshot;
import org.iptraf.agent.stats.TablesSnapshot;
import org.snmp4j.smi.TimeTicks;

/**
 * The interfaces of one snapshot as the MIB numbers them: {@code iptrafIfIndex} is 1 + the position
 * in the report's {@code interfaces[]} (docs/MIB.md), which rows of other tables find through the
 * stats' dense interface id.
 */
final class Interfaces {
  private final int[] rowById;
  private final List<InterfaceSnapshot> list;
  private final Map<Integer, Long> declaredAt;

  private Interfaces(List<InterfaceSnapshot> list, Map<Integer, Long> declaredAt) {
    this.list = list;
    this.declaredAt = declaredAt;
    int max = -1;
    for (InterfaceSnapshot i : list) {
      max = Math.max(max, i.id());
    }
    rowById = new int[max + 1];
    for (int p = 0; p < list.size(); p++) {
      rowById[list.get(p).id()] = p + 1;
    }
  }

  /** {@code iptrafIfIndex} of a stats interface id; 0 if the snapshot does not have it. */
  int ifIndex(int interfaceId) {
    return interfaceId >= 0 && interfaceId < rowById.length ? rowById[interfaceId] : 0;
  }

  /** The ifIndex the RMON data sources name: the kernel's when live, else ours. */
  int systemIfIndex(InterfaceSnapshot i) {
    return i.systemIndex() > 0 ? i.systemIndex() : ifIndex(i.id());
  }

  List<InterfaceSnapshot> list() {
    return list;
  }

  /** sysUpTime when the interface first appeared in a snapshot (0: there at the start). */
  TimeTicks declaredAt(InterfaceSnapshot i) {
    return new TimeTicks(declaredAt.getOrDefault(i.id(), 0L));
  }

  /** Derives the numbering once per snapshot and remembers when each interface appeared. */
  static PerSnapshot<Interfaces> tracker(LongSupplier sysUpTime) {
    Map<Integer, Long> seen = new HashMap<>();
    boolean[] first = {true};
    return new PerSnapshot<>(
        (TablesSnapshot s) -> {
          synchronized (seen) {
            long now = first[0] ? 0 : sysUpTime.getAsLong();
            first[0] = false;
            for (InterfaceSnapshot i : s.interfaces()) {
              seen.putIfAbsent(i.id(), now);
            }
            return new Interfaces(s.interfaces(), Map.copyOf(seen));
          }
        });
  }
}
