package org.iptraf.agent.snmp;

import java.util.ArrayList;
import java.util.List;
import org.iptraf.agent.stats.PacketSizes;
import org.iptraf.agent.stats.SizeBucket;
import org.iptraf.agent.stats.TablesSnapshot;

/** A row of iptrafPktSizeTable: a size bucket of one scheme (1 RMON, 2 iptraf-ng) and its count. */
record SizeRow(int scheme, int bucket, String label, long from, long to, long packets) {

  private static final long[][] RMON_RANGES = {
    {0, 64}, {65, 127}, {128, 255}, {256, 511}, {512, 1023}, {1024, 1518}, {1519, Smi.GAUGE32_MAX}
  };

  /** The rows of a snapshot: RMON's buckets (scheme 1), then iptraf-ng's (scheme 2). */
  static List<SizeRow> of(TablesSnapshot s) {
    PacketSizes p = s.packetSizes();
    List<SizeRow> rows = new ArrayList<>();
    if (p == null) {
      return rows;
    }
    for (int b = 0; b < PacketSizes.RMON_NAMES.length; b++) {
      rows.add(
          new SizeRow(
              1,
              b + 1,
              PacketSizes.RMON_NAMES[b],
              RMON_RANGES[b][0],
              RMON_RANGES[b][1],
              p.rmon()[b]));
    }
    for (int j = 0; j < p.buckets().size(); j++) {
      SizeBucket b = p.buckets().get(j);
      rows.add(new SizeRow(2, j + 1, b.from() + "-" + b.to(), b.from(), b.to(), b.packets()));
    }
    return rows;
  }
}
