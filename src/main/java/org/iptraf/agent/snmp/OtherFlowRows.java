package org.iptraf.agent.snmp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.iptraf.agent.stats.Endpoint;
import org.iptraf.agent.stats.OtherFlow;
import org.iptraf.agent.stats.TablesSnapshot;

/**
 * Gives each other-flow the row number {@code iptrafOtherFlowIndex} asks for: assigned when the
 * flow first shows up in a snapshot, increasing (oldest flow first within one snapshot), never
 * reused while the agent runs. A flow is known by its key and its first-seen time, so a key that
 * expired and came back is a new row.
 */
final class OtherFlowRows {

  /** A flow and its row number. */
  record Numbered(long row, OtherFlow flow) {}

  /** What identifies one flow for its whole life (the detail of ARP changes per packet). */
  private record Key(
      int interfaceId,
      OtherFlow.Kind kind,
      int protocol,
      Endpoint a,
      Endpoint b,
      String aMac,
      String bMac,
      String icmpTypeCode,
      long firstSeenNanos) {
    static Key of(OtherFlow f) {
      return new Key(
          f.interfaceId(),
          f.kind(),
          f.protocolNumber(),
          f.a(),
          f.b(),
          f.aMac(),
          f.bMac(),
          f.kind() == OtherFlow.Kind.ICMP ? f.detail() : null,
          f.firstSeenNanos());
    }
  }

  private static final long MAX_ROW = 0xFFFF_FFFFL;

  private Map<Key, Long> rows = new HashMap<>();
  private long lastRow;

  /** The snapshot's flows with their numbers; flows gone from it are forgotten. */
  synchronized List<Numbered> number(TablesSnapshot s) {
    List<OtherFlow> flows = new ArrayList<>(s.otherFlows());
    flows.sort(Comparator.comparingLong(OtherFlow::firstSeenNanos));
    Map<Key, Long> next = new HashMap<>(flows.size() * 2);
    List<Numbered> out = new ArrayList<>(flows.size());
    for (OtherFlow f : flows) {
      Key k = Key.of(f);
      Long row = rows.get(k);
      if (row == null) {
        lastRow = lastRow == MAX_ROW ? 1 : lastRow + 1; // wraps after 2^32-1 flows, as the MIB says
        row = lastRow;
      }
      next.put(k, row);
      out.add(new Numbered(row, f));
    }
    rows = next;
    return List.copyOf(out);
  }
}
