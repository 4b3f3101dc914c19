package org.iptraf.agent.snmp;

import java.util.List;

/**
 * What each row of one table counted since the previous ranking: the previous ranking's totals are
 * kept by row key ({@link RowTotals}), and a row's interval is its totals now minus those. A row
 * not seen then (new, or ranked for the first time) counts its totals: every row began at zero
 * after the previous ranking or, for the first ranking, after the agent started.
 *
 * @param <R> the table's row
 */
final class Since<R> {

  /**
   * Octets, packets and the a-to-b direction's octets (TCP; else 0), as {@link #advance} lays out.
   */
  static final int OCTETS = 0;

  static final int PACKETS = 1;
  static final int A_TO_B_OCTETS = 2;
  static final int WIDTH = 3;

  /** How to tell rows apart and read their totals. */
  interface Counters<R> {
    /** The row's identity as a 64-bit hash ({@link RowTotals#mix}), first-seen time included. */
    long key(R row);

    /** The row's totals into {@code out}: octets, packets, a-to-b octets. */
    void totals(R row, long[] out);
  }

  private final Counters<R> counters;
  private RowTotals previous = new RowTotals(WIDTH);
  private RowTotals next = new RowTotals(WIDTH);

  Since(Counters<R> counters) {
    this.counters = counters;
  }

  /**
   * The interval of every row, {@link #WIDTH} longs per row in the rows' order, and remembers the
   * rows' totals for the next call. A total lower than remembered (the agent's counters were reset)
   * counts from zero.
   */
  long[] advance(List<R> rows) {
    int n = rows.size();
    long[] interval = new long[n * WIDTH];
    long[] totals = new long[WIDTH];
    next.clear(n);
    for (int i = 0; i < n; i++) {
      R row = rows.get(i);
      long key = RowTotals.key(counters.key(row));
      counters.totals(row, totals);
      int slot = previous.find(key);
      boolean reset = slot >= 0 && totals[OCTETS] < previous.value(slot, OCTETS);
      for (int v = 0; v < WIDTH; v++) {
        long before = slot < 0 || reset ? 0 : previous.value(slot, v);
        interval[i * WIDTH + v] = Math.max(0, totals[v] - before);
      }
      next.put(key, totals);
    }
    RowTotals swap = previous;
    previous = next;
    next = swap;
    return interval;
  }

  /** Rows remembered from the last call. */
  int remembered() {
    return previous.size();
  }
}
