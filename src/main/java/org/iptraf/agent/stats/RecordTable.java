package org.iptraf.agent.stats;

import java.util.Arrays;

/**
 * The storage of every table keyed by addresses: open addressing whose hash slots are the records
 * (a stamp, the key, the owner's values in one run of longs), so that counting a frame into a
 * table costs one place in memory, whose address is known as soon as the key is hashed.
 *
 * <p>With a hundred thousand flows streaming through the caches, a table's cost is the number of
 * dependent cache misses per lookup. A slot array pointing at entries, with values in arrays of
 * their own and a linked least-recently-seen list, costs four or five (slot, key, the entry's
 * links and its two list neighbours, values); here it is one, and the lines of one record are
 * adjacent, so the memory system fetches them together.
 *
 * <p><b>Least recently seen, exactly, without a list.</b> Each {@link #acquire} writes a fresh
 * stamp from a counter into the record (a line the lookup has just read). Order matters only at
 * the cap, for snapshots and in tests: at the cap the table takes every record's (stamp, slot),
 * packed into one long each, sorts them, and walks them in stamp order; a candidate whose record
 * still holds the same stamp has not been seen since they were taken, and since every record
 * seen or made after that has a larger stamp than any candidate, the first such candidate is
 * exactly the least recently seen record. When the candidates run out they are taken again: one
 * scan and one sort of n longs per n candidates, each used up either by an eviction or by a
 * frame that touched it, so eviction costs O(log n) per frame amortised, in sequential memory.
 *
 * <p>Linear probing with at most half the slots used, deletion by backward shift (Knuth, TAOCP
 * vol. 3, 6.4, algorithm R): no tombstones. A record that a shift moves while it is a candidate
 * has its entry (found by stamp, the list being sorted) pointed at its new slot.
 * Offsets are valid until the next {@link #acquire}, {@link #release} or {@link #removeIf}.
 */
final class RecordTable {

  /** Bits of a packed (stamp, slot) for the slot: enough for the largest table. */
  private static final int SLOT_BITS = 28;
  private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;

  /** Stamps of live records must span less than this to be packed; renumbered otherwise. */
  private static final long STAMP_SPAN = 1L << (63 - SLOT_BITS);
  private static final int FIRST_SLOTS = 1024;

  /* One record: | stamp (0: empty slot) | key words ... | the owner's values ... | */
  private static final int STAMP = 0;
  private static final int KEY = 1;

  /** Says, for one record's values, whether it goes; it may also update them. */
  @FunctionalInterface
  interface Sweep {
    boolean remove(long[] table, int values);
  }

  /** Reads (and may update) one record's values. */
  @FunctionalInterface
  interface Visit {
    void visit(long[] table, int values);
  }

  /** Told of a record the cap evicts, before it goes (its values are still there). */
  @FunctionalInterface
  interface Eviction {
    void evicted(long[] table, int values);
  }

  private final int maxEntries;
  private final int maxSlots;
  private final int keyWords;
  private final int stride;
  private long[] table;
  private int mask;
  private int size;
  private long clock;
  private long evictions;
  private Eviction onEviction;

  /*
   * Eviction candidates, taken at the cap: every record as (stamp - candidateBase) << SLOT_BITS |
   * slot, sorted, used from candidateNext on. Stamps of records seen or made after the take are
   * above candidateClock and never among them.
   */
  private long[] candidates = new long[0];
  private int candidateNext;
  private int candidateCount;
  private long candidateBase;
  private long candidateClock;

  /** Set by the last {@link #acquire}: the record is new (its values are zero). */
  boolean inserted;

  /**
   * @param keyWords longs in a key, 1 to 5; {@link #acquire} ignores the words beyond them,
   *     which callers pass as 0
   * @param values longs of values per record
   */
  RecordTable(int maxEntries, int keyWords, int values) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("table cap must be at least 1, got " + maxEntries);
    }
    if (keyWords < 1 || keyWords > 5) {
      throw new IllegalArgumentException("a key has 1 to 5 words, got " + keyWords);
    }
    this.maxEntries = maxEntries;
    this.maxSlots = Integer.highestOneBit(2 * maxEntries - 1) << 1; // at least 2 per entry
    this.keyWords = keyWords;
    this.stride = KEY + keyWords + values;
    allocate(Math.min(FIRST_SLOTS, maxSlots));
  }

  /** Who hears of records the cap evicts (one listener; none by default). */
  void onEviction(Eviction listener) {
    this.onEviction = listener;
  }

  /** The records; read it after every {@link #acquire}, which may replace it. */
  long[] table() {
    return table;
  }

  /**
   * Finds the record for a key of five words, or makes one (evicting the least recently seen at
   * the cap), and marks it most recently seen. One loop per key width, so that each compares
   * exactly its words and stays small enough to be inlined where it is called.
   *
   * @return the offset of its first value in {@link #table()}
   */
  int acquire(long k0, long k1, long k2, long k3, long k4) {
    assert keyWords == 5;
    int hash = hash(k0, k1, k2, k3, k4);
    long[] t = table;
    for (int s = hash & mask; ; s = (s + 1) & mask) {
      int r = s * stride;
      if (t[r + STAMP] == 0) {
        return insert(hash, k0, k1, k2, k3, k4);
      }
      if (t[r + KEY] == k0 && t[r + KEY + 1] == k1 && t[r + KEY + 2] == k2
          && t[r + KEY + 3] == k3 && t[r + KEY + 4] == k4) {
        return seen(t, r);
      }
    }
  }

  /** As {@link #acquire(long, long, long, long, long)}, for a key of three words. */
  int acquire(long k0, long k1, long k2) {
    assert keyWords == 3;
    int hash = hash(k0, k1, k2, 0, 0);
    long[] t = table;
    for (int s = hash & mask; ; s = (s + 1) & mask) {
      int r = s * stride;
      if (t[r + STAMP] == 0) {
        return insert(hash, k0, k1, k2, 0, 0);
      }
      if (t[r + KEY] == k0 && t[r + KEY + 1] == k1 && t[r + KEY + 2] == k2) {
        return seen(t, r);
      }
    }
  }

  /** As {@link #acquire(long, long, long, long, long)}, for a key of two words. */
  int acquire(long k0, long k1) {
    assert keyWords == 2;
    int hash = hash(k0, k1, 0, 0, 0);
    long[] t = table;
    for (int s = hash & mask; ; s = (s + 1) & mask) {
      int r = s * stride;
      if (t[r + STAMP] == 0) {
        return insert(hash, k0, k1, 0, 0, 0);
      }
      if (t[r + KEY] == k0 && t[r + KEY + 1] == k1) {
        return seen(t, r);
      }
    }
  }

  private int seen(long[] t, int r) {
    inserted = false;
    t[r + STAMP] = ++clock;
    return r + KEY + keyWords;
  }

  private int insert(int hash, long k0, long k1, long k2, long k3, long k4) {
    if (size >= maxEntries) {
      evictOldest();
    } else if ((size + 1) * 2 > mask + 1) {
      grow();
    }
    int r = emptySlot(hash) * stride;
    long[] t = table;
    t[r + STAMP] = ++clock;
    int w = keyWords;
    t[r + KEY] = k0;
    if (w > 1) {
      t[r + KEY + 1] = k1;
    }
    if (w > 2) {
      t[r + KEY + 2] = k2;
    }
    if (w > 3) {
      t[r + KEY + 3] = k3;
    }
    if (w > 4) {
      t[r + KEY + 4] = k4;
    }
    Arrays.fill(t, r + KEY + keyWords, r + stride, 0);
    size++;
    inserted = true;
    return r + KEY + keyWords;
  }

  /** Removes a record; records after it in its probe run may move. */
  void release(int slot) {
    long[] t = table;
    size--;
    int hole = slot;
    for (int i = (slot + 1) & mask; t[i * stride + STAMP] != 0; i = (i + 1) & mask) {
      int home = home(i);
      if (((i - home) & mask) >= ((i - hole) & mask)) {
        System.arraycopy(t, i * stride, t, hole * stride, stride);
        long stamp = t[i * stride + STAMP];
        if (candidateNext < candidateCount && stamp <= candidateClock) {
          candidateMoved(stamp, hole);
        }
        hole = i;
      }
    }
    t[hole * stride + STAMP] = 0;
  }

  /**
   * Visits every record once and removes those the sweep says go (idle timeouts, once a second).
   * A removal can pull a later record into the visited slot; it is visited there.
   *
   * @return how many were removed
   */
  int removeIf(Sweep sweep) {
    int removed = 0;
    int slots = mask + 1;
    for (int s = 0; s < slots; s++) {
      while (table[s * stride + STAMP] != 0 && sweep.remove(table, s * stride + KEY + keyWords)) {
        release(s);
        removed++;
      }
    }
    return removed;
  }

  /** Visits every record once; nothing moves. */
  void forEach(Visit visit) {
    long[] t = table;
    for (int s = 0, slots = mask + 1; s < slots; s++) {
      if (t[s * stride + STAMP] != 0) {
        visit.visit(t, s * stride + KEY + keyWords);
      }
    }
  }

  /**
   * Removes the records whose key word {@code word}, masked, equals {@code value} (everything of
   * one interface).
   *
   * @return how many were removed
   */
  int removeWhereKey(int word, long keyMask, long value) {
    int removed = 0;
    int slots = mask + 1;
    for (int s = 0; s < slots; s++) {
      while (table[s * stride + STAMP] != 0
          && (table[s * stride + KEY + word] & keyMask) == value) {
        release(s);
        removed++;
      }
    }
    return removed;
  }

  /** Removes every record. */
  void clear() {
    Arrays.fill(table, 0);
    size = 0;
    candidateCount = 0;
  }

  int size() {
    return size;
  }

  long evictions() {
    return evictions;
  }

  /** Occupied slots, most recently seen first (snapshots; O(n log n)). */
  int[] slotsNewestFirst() {
    takeCandidates();
    int[] order = new int[candidateCount];
    for (int i = 0; i < order.length; i++) {
      order[i] = (int) (candidates[candidateCount - 1 - i] & SLOT_MASK);
    }
    return order;
  }

  /** Moves the stamp counter on by {@code n} lookups' worth without doing them (tests). */
  void skipStamps(long n) {
    clock += n;
  }

  /** The offset of a slot's first value in {@link #table()}. */
  int values(int slot) {
    return slot * stride + KEY + keyWords;
  }

  /** Word {@code i} of the key of the record whose values start at {@code values}. */
  long keyOf(int values, int i) {
    return table[values - keyWords + i];
  }

  /** Word {@code i} of a slot's key. */
  long key(int slot, int i) {
    return table[slot * stride + KEY + i];
  }

  private void allocate(int slots) {
    table = new long[slots * stride];
    mask = slots - 1;
    candidateCount = 0;
  }

  /** Doubles the slots and re-inserts every record with its stamp. */
  private void grow() {
    long[] old = table;
    allocate(Math.min(maxSlots, (mask + 1) * 2));
    for (int r = 0; r < old.length; r += stride) {
      if (old[r + STAMP] != 0) {
        int s = emptySlot(hashAt(old, r));
        System.arraycopy(old, r, table, s * stride, stride);
      }
    }
  }

  private void evictOldest() {
    while (true) {
      if (candidateNext == candidateCount) {
        takeCandidates();
      }
      long c = candidates[candidateNext++];
      int slot = (int) (c & SLOT_MASK);
      if (table[slot * stride + STAMP] == candidateBase + (c >>> SLOT_BITS)) {
        evictions++; // not seen since the candidates were taken: the least recently seen
        if (onEviction != null) {
          onEviction.evicted(table, slot * stride + KEY + keyWords);
        }
        release(slot);
        return;
      }
    }
  }

  /** Every record as a candidate, in stamp order: one scan and one sort of primitives. */
  private void takeCandidates() {
    if (candidates.length < size) {
      candidates = new long[size];
    }
    long base = Math.max(1, clock - STAMP_SPAN + 1); // differences from it fit beside a slot
    int n = 0;
    for (int s = 0, slots = mask + 1; s < slots; s++) {
      long stamp = table[s * stride + STAMP];
      if (stamp != 0) {
        if (stamp < base) { // billions of lookups behind: renumber and start again
          renumber();
          takeCandidates();
          return;
        }
        candidates[n++] = (stamp - base) << SLOT_BITS | s;
      }
    }
    Arrays.sort(candidates, 0, n);
    candidateBase = base;
    candidateClock = clock;
    candidateNext = 0;
    candidateCount = n;
  }

  /**
   * A removal moved a candidate not yet used: its entry follows it. The entry is found by its
   * stamp, guessing its place from the stamps at both ends (stamps are spread fairly evenly;
   * under a flood of new keys they are consecutive and the guess is exact), then galloping.
   */
  private void candidateMoved(long stamp, int slot) {
    long key = (stamp - candidateBase) << SLOT_BITS;
    long want = key >>> SLOT_BITS;
    int lo = candidateNext;
    int hi = candidateCount - 1;
    long first = candidates[lo] >>> SLOT_BITS;
    long last = candidates[hi] >>> SLOT_BITS;
    if (want < first || want > last) {
      return;
    }
    int guess = last == first ? lo
        : lo + (int) ((double) (want - first) / (last - first) * (hi - lo));
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

  /**
   * Gives the records stamps 1..n in the same order, when the oldest is so far behind the clock
   * that stamp differences no longer fit beside a slot (some 2^35 lookups; rare).
   */
  private void renumber() {
    long[] stamps = new long[size];
    int n = 0;
    for (int s = 0, slots = mask + 1; s < slots; s++) {
      if (table[s * stride + STAMP] != 0) {
        stamps[n++] = table[s * stride + STAMP];
      }
    }
    Arrays.sort(stamps, 0, n);
    for (int s = 0, slots = mask + 1; s < slots; s++) {
      long stamp = table[s * stride + STAMP];
      if (stamp != 0) {
        table[s * stride + STAMP] = Arrays.binarySearch(stamps, 0, n, stamp) + 1;
      }
    }
    clock = n;
  }

  private int emptySlot(int hash) {
    int s = hash & mask;
    while (table[s * stride + STAMP] != 0) {
      s = (s + 1) & mask;
    }
    return s;
  }

  private int home(int slot) {
    return hashAt(table, slot * stride) & mask;
  }

  private int hashAt(long[] t, int r) {
    int k = r + KEY;
    int w = keyWords;
    return hash(t[k], w > 1 ? t[k + 1] : 0, w > 2 ? t[k + 2] : 0, w > 3 ? t[k + 3] : 0,
        w > 4 ? t[k + 4] : 0);
  }

  /**
   * A multiply per word by odd constants, summed; the high half folded into the low; one more
   * multiply, whose high 32 bits depend on every bit of the key (multiplicative hashing, Knuth,
   * TAOCP vol. 3, 6.4). Short on purpose: it is on the critical path of every lookup.
   */
  private static int hash(long k0, long k1, long k2, long k3, long k4) {
    long h = k0 * 0x9e3779b97f4a7c15L + k1 * 0xc2b2ae3d27d4eb4fL + k2 * 0x165667b19e3779f9L
        + k3 * 0xd6e8feb86659fd93L + k4 * 0xff51afd7ed558ccdL;
    h ^= h >>> 32;
    h *= 0xc4ceb9fe1a85ec53L;
    return (int) (h >>> 32);
  }
}
