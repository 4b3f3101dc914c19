package org.iptraf.agent.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Frames and bytes per VLAN id (outermost tag) and interface; at most 4096 ids per interface. */
final class VlanTable extends InterfaceKeyedTable {
  /* A VLAN's values, after its key (VLAN id, interface) in its record: | packets | bytes | */
  private static final int PACKETS = 0;
  private static final int BYTES = 1;
  private static final int VALUES = 2;

  VlanTable(int maxEntries) {
    super(new RecordTable(maxEntries, 2, VALUES), 1);
  }

  void count(int interfaceId, int vlanId, int length) {
    int v = records.acquire(vlanId, interfaceId);
    long[] values = records.table();
    values[v + PACKETS]++;
    values[v + BYTES] += length;
  }

  /** Rows in interface then VLAN id order. */
  List<VlanCounts> snapshot(IntFunction<String> interfaceNames) {
    FrozenRecords f = RecordScans.freeze(records);
    return new LazyRows<>(
        f.size(),
        () -> {
          List<VlanCounts> rows = new ArrayList<>(f.size());
          long[] values = f.table();
          for (int s : f.newestFirst()) {
            int ifId = (int) f.key(s, 1);
            int v = f.values(s);
            rows.add(
                new VlanCounts(
                    ifId,
                    interfaceNames.apply(ifId),
                    (int) f.key(s, 0),
                    values[v + PACKETS],
                    values[v + BYTES]));
          }
          rows.sort(
              (x, y) ->
                  x.interfaceId() != y.interfaceId()
                      ? Integer.compare(x.interfaceId(), y.interfaceId())
                      : Integer.compare(x.vlanId(), y.vlanId()));
          return rows;
        });
  }
}
