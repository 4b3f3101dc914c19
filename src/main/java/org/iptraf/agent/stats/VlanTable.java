package org.iptraf.agent.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/** Frames and bytes per VLAN id (outermost tag) and interface; at most 4096 ids per interface. */
final class VlanTable implements FlowIndex.Owner {
  private final FlowIndex index;
  private long[] packets = new long[0];
  private long[] bytes = new long[0];

  VlanTable(int maxEntries) {
    this.index = new FlowIndex(maxEntries, this);
  }

  void count(int interfaceId, int vlanId, int length) {
    int e = index.acquire(0, vlanId, 0, 0, 0, 0, interfaceId, false);
    if (index.inserted) {
      packets[e] = 0;
      bytes[e] = 0;
    }
    packets[e]++;
    bytes[e] += length;
  }

  void clear() {
    index.clear();
  }

  /** Rows in interface then VLAN id order. */
  List<VlanCounts> snapshot(IntFunction<String> interfaceNames) {
    List<VlanCounts> rows = new ArrayList<>(index.size());
    for (int e = index.newest(); e != -1; e = index.older(e)) {
      int ifId = index.context(e);
      rows.add(new VlanCounts(
          ifId, interfaceNames.apply(ifId), (int) index.aLo(e), packets[e], bytes[e]));
    }
    rows.sort((x, y) -> x.interfaceId() != y.interfaceId()
        ? Integer.compare(x.interfaceId(), y.interfaceId())
        : Integer.compare(x.vlanId(), y.vlanId()));
    return rows;
  }

  @Override
  public void grow(int n) {
    packets = Arrays.copyOf(packets, n);
    bytes = Arrays.copyOf(bytes, n);
  }

  @Override
  public void evicting(int entry) {
    // counted by the index
  }

  long evictions() {
    return index.evictions();
  }
}
