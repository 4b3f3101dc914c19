package org.iptraf.agent.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.iptraf.agent.decode.EtherType;
import org.iptraf.agent.decode.IpProtocol;

/**
 * {@link Order#FLOWS} from the frozen records of an {@link OtherFlowTable} ({@link RankedRows}):
 * bytes, interface, protocol name, then IP flows' endpoints or (first: no address) the others'
 * MACs; the rows tell the rest (flows that differ only in their detail).
 */
final class FlowRanking implements RankedRows.Records {
  /** The 48 bits of a MAC that {@link Macs#format} writes. */
  private static final long MAC_BITS = (1L << 48) - 1;

  private final FrozenRecords f;
  private final int[] nameRank;

  private FlowRanking(FrozenRecords f) {
    this.f = f;
    this.nameRank = nameRanks(f);
  }

  static RankedRows.Records of(FrozenRecords f) {
    return new FlowRanking(f);
  }

  @Override
  public long bytes(int i) {
    return OtherFlowTable.bytes(f, i);
  }

  @Override
  public int columns() {
    return 9;
  }

  @Override
  public void columns(int i, long[] out, int at) {
    int ctx = FlowRecords.context(f, i);
    int a = OtherFlowTable.opener(f, i);
    OtherFlow.Kind kind = OtherFlowTable.kind(ctx);
    boolean ip = kind != OtherFlow.Kind.NON_IP;
    out[at] = OtherFlowTable.interfaceOf(ctx);
    out[at + 1] = nameRank[i];
    out[at + 2] = ip ? 1 : 0; // null first; names alone tell IP and non-IP flows apart today
    FlowRecords.end(f, i, a, out, at + 3, kind == OtherFlow.Kind.UDP);
    FlowRecords.end(f, i, 1 - a, out, at + 6, kind == OtherFlow.Kind.UDP);
    if (!ip) { // the MACs only, as their text orders them
      out[at + 3] = 0;
      out[at + 4] &= MAC_BITS;
      out[at + 6] = 0;
      out[at + 7] &= MAC_BITS;
    }
  }

  /**
   * Each record's protocol name's place among the records' names, alphabetically. Each name is made
   * once: an IP flow's is keyed by its protocol number (0-255), a non-IP flow's by its EtherType
   * (256 on), so that the loop over the records, which runs before the JIT has compiled it, makes
   * no String and looks nothing up for an IP flow.
   */
  private static int[] nameRanks(FrozenRecords f) {
    int[] keys = new int[f.size()];
    boolean[] ipSeen = new boolean[256];
    Map<Integer, Integer> types = new HashMap<>(); // a non-IP flow's EtherType: its key
    for (int i = 0; i < keys.length; i++) {
      int ctx = FlowRecords.context(f, i);
      int protocol = OtherFlowTable.protocolOf(ctx);
      if (OtherFlowTable.kind(ctx) != OtherFlow.Kind.NON_IP) {
        keys[i] = protocol;
        ipSeen[protocol] = true;
      } else {
        int type = (protocol << 16) | FlowRecords.port(f, i, OtherFlowTable.opener(f, i));
        keys[i] = types.computeIfAbsent(type, t -> 256 + types.size());
      }
    }
    String[] names = new String[256 + types.size()];
    List<String> sorted = new ArrayList<>();
    for (int p = 0; p < 256; p++) {
      if (ipSeen[p]) {
        names[p] = IpProtocol.name(p);
        sorted.add(names[p]);
      }
    }
    types.forEach(
        (type, key) -> {
          names[key] = EtherType.name(type);
          sorted.add(names[key]);
        });
    Collections.sort(sorted); // equal names ("mpls" is two EtherTypes'): indexOf gives one place
    int[] placeOfKey = new int[names.length];
    for (int k = 0; k < names.length; k++) {
      placeOfKey[k] = names[k] == null ? -1 : sorted.indexOf(names[k]);
    }
    for (int i = 0; i < keys.length; i++) {
      keys[i] = placeOfKey[keys[i]];
    }
    return keys;
  }
}
