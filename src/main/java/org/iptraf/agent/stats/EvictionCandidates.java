package org.iptraf.agent.stats;

import java.util.Arrays;

/**
 * Least recently seen, exactly, without a list: the eviction order of one {@link RecordTable} at
 * its cap.
 *
 * <p>Each lookup writes a fresh stamp from a counter into the record (a line the lookup has just
 * read). Order matters only at the cap, for snapshots and in tests: at the cap the table takes
 * every record's (stamp, slot), packed into one long each, sorts them, and walks them in stamp
 * order; a candidate whose record still holds the same stamp has not been seen since they were
 * taken, and since every record seen or made after that has a larger stamp than any candidate, the
 * first such candidate is exactly the least recently seen record. When the candidates run out they
 * are taken again: one scan and one sort of n longs per n candidates, each used up either by an
 * eviction or by a frame that touched it, so eviction costs O(log n) per frame amortised, in
 * sequential memory. A record that a deletion moves while it is a candidate has its entry (found by
 * stamp, the list being sorted) pointed at its new slot.
 */
final class EvictionCandidates {

  /** Bits of a packed (stamp, slot) for the slot: enough for the largest table. */
  private static final int SLOT_BITS = 28;

  private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;

  /** Stamps of live records must span less than this to be packed; renumbered otherwise. */
  private static final long STAMP_SPAN = 1L << (63 - SLOT_BITS);

  /*
   * Every record as (stamp - base) << SLOT_BITS | slot, sorted, used from next on. Stamps of
   * records seen or made after the take are above takenAt and never among them.
   */
  private long[] candidates = new long[0];
  private int next;
  private int count;
  private long base;
  private long takenAt;

  /** The slot of the least recently seen record of {@code table}, which must not be empty. */
  int oldest(RecordTable table) {
    while (true) {
      if (next == count) {
        take(table);
      }
      long c = candidates[next++];
      int slot = (int) (c & SLOT_MASK);
      if (table.stamp(slot) == base + (c >>> SLOT_BITS)) {
        return slot; // not seen since the candidates were taken: the least recently seen
      }
    }
  }

  /** Occupied slots, most recently seen first (O(n log n); takes the candidates anew). */
  int[] newestFirst(RecordTable table) {
    take(table);
    int[] order = new int[count];
    for (int i = 0; i < order.length; i++) {
      order[i] = (int) (candidates[count - 1 - i] & SLOT_MASK);
    }
    return order;
  }

  /** Forgets the candidates (the slots or the stamps changed). */
  void forget() {
    next = count = 0;
  }

  /** Every record as a candidate, in stamp order: one scan and one sort of primitives. */
  private void take(RecordTable table) {
    if (candidates.length < table.size()) {
      candidates = new long[table.size()];
    }
    long clock = table.clock();
    long from = Math.max(1, clock - STAMP_SPAN + 1); // differences from it fit beside a slot
    int n = 0;
    for (int s = 0, slots = table.slots(); s < slots; s++) {
      long stamp = table.stamp(s);
      if (stamp != 0) {
        if (stamp < from) { // billions of lookups behind: renumber and start again
          table.renumber();
          take(table);
          return;
        }
        candidates[n++] = (stamp - from) << SLOT_BITS | s;
      }
    }
    Arrays.sort(candidates, 0, n);
    base = from;
    takenAt = clock;
    next = 0;
    count = n;
  }

  /**
   * Gives the records of {@code table} stamps 1..n in the same order, when the oldest is so far
   * behind the clock that stamp differences no longer fit beside a slot (some 2^35 lookups; rare).
   *
   * @return n, the table's clock from then on
   */
  static long renumber(RecordTable table) {
    long[] stamps = new long[table.size()];
    int n = 0;
    for (int s = 0, slots = table.slots(); s < slots; s++) {
      long stamp = table.stamp(s);
      if (stamp != 0) {
        stamps[n++] = stamp;
      }
    }
    Arrays.sort(stamps, 0, n);
    for (int s = 0, slots = table.slots(); s < slots; s++) {
      long stamp = table.stamp(s);
      if (stamp != 0) {
        table.setStamp(s, Arrays.binarySearch(stamps, 0, n, stamp) + 1);
      }
    }
    return n;
  }

  /**
   * A deletion moved the record with {@code stamp} to {@code slot}: if it is a candidate not yet
   * used, its entry follows it. The entry is found by its stamp, guessing its place from the stamps
   * at both ends (stamps are spread fairly evenly; under a flood of new keys they are consecutive
   * and the guess is exact), then galloping.
   */
  void moved(long stamp, int slot) {
    if (next == count || stamp > takenAt) {
      return;
    }
    long key = (stamp - base) << SLOT_BITS;
    long want = key >>> SLOT_BITS;
    int lo = next;
    int hi = count - 1;
    long first = candidates[lo] >>> SLOT_BITS;
    long last = candidates[hi] >>> SLOT_BITS;
    if (want < first || want > last) {
      return;
    }
    int guess =
        last == first ? lo : lo + (int) ((double) (want - first) / (last - first) * (hi - lo));
    // gallop from the guess until [from, to] brackets the entry, then search the bracket
    int from = guess;
    int to = guess;
    for (int step = 1; from > lo && candidates[from] >>> SLOT_BITS > want; step <<= 1) {
      to = from;
      from = Math.max(lo, from - step);
    }
    for (int step = 1; to < hi && candidates[to] >>> SLOT_BITS < want; step <<= 1) {
      from = to;
      to = Math.min(hi, to + step);
    }
    int i = Arrays.binarySearch(candidates, from, to + 1, key);
    if (i < 0) {
      i = -i - 1; // the entry is key | its old slot, just above the key
    }
    if (i <= hi && candidates[i] >>> SLOT_BITS == want) {
      candidates[i] = key | slot;
    }
  }
}
