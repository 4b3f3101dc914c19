package org.iptraf.agent.stats;

import java.util.Arrays;

/**
 * The storage of every table keyed by addresses: open addressing whose hash slots are the records
 * (a stamp, the key, the owner's values in one run of longs), so that counting a frame into a table
 * costs one place in memory, whose address is known as soon as the key is hashed.
 *
 * <p>With a hundred thousand flows streaming through the caches, a table's cost is the number of
 * dependent cache misses per lookup. A slot array pointing at entries, with values in arrays of
 * their own and a linked least-recently-seen list, costs four or five (slot, key, the entry's links
 * and its two list neighbours, values); here it is one, and the lines of one record are adjacent,
 * so the memory system fetches them together.
 *
 * <p><b>Least recently seen, exactly, without a list.</b> Each {@link #acquire} writes a fresh
 * stamp from a counter into the record (a line the lookup has just read). Order matters only at the
 * cap, for snapshots and in tests: at the cap the table takes every record's (stamp, slot), packed
 * into one long each, sorts them, and walks them in stamp order; a candidate whose record still
 * holds the same stamp has not been seen since they were taken, and since every record seen or made
 * after that has a larger stamp than any candidate, the first such candidate is exactly the least
 * recently seen record. When the candidates run out they are taken again: one scan and one sort of
 * n longs per n candidates, each used up either by an eviction or by a frame that touched it, so
 * eviction costs O(log n) per frame amortised, in sequential memory.
 *
 * <p>Linear probing with at most half the slots used, deletion by backward shift (Knuth, TAOCP vol.
 * 3, 6.4, algorithm R): no tombstones. A record that a shift moves while it is a candidate has its
 * entry (found by stamp, the list being sorted) pointed at its new slot. Offsets are valid until
 * the next {@link #acquire}, {@link #release}, {@link #removeIf} or {@link #expire}.
 *
 * <p><b>Expiry in proportion to what expires.</b> An owner with idle timeouts gives the table an
 * {@link Expiry} ({@link #expireWith}); {@link #expire}, once a second of capture time, then looks
 * only at the records due that second, not at every slot. A timer wheel of {@link #WHEEL}
 * one-second buckets holds slot numbers; each record keeps the second it is due, modulo 2^16, in
 * the top bits of its stamp word, and a bucket's entry counts only if its slot still holds a record
 * due that second: entries of records that went or moved are dropped when their bucket comes round,
 * and a record moved by a deletion gets a new entry at its new slot. Due times are lower bounds:
 * the owner's check of a record that a frame has touched since returns a later time, and the record
 * goes into that bucket (lazy rescheduling, as in Varghese and Lauck's timing wheels). So a record
 * costs one look per timeout that it lives, plus one when it goes; a second of capture time costs
 * the records due in it, however large the table.
 */
final class RecordTable {

  /** Bits of a packed (stamp, slot) for the slot: enough for the largest table. */
  private static final int SLOT_BITS = 28;

  private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;

  /** Stamps of live records must span less than this to be packed; renumbered otherwise. */
  private static final long STAMP_SPAN = 1L << (63 - SLOT_BITS);

  private static final int FIRST_SLOTS = 1024;

  /*
   * One record: | due second mod 2^16 (16) stamp (48) | key words ... | the owner's values ... |
   * The word is 0 for an empty slot (a live record's stamp is at least 1).
   */
  private static final int STAMP = 0;
  private static final int KEY = 1;
  private static final int DUE_SHIFT = 48;
  private static final long STAMP_BITS = (1L << DUE_SHIFT) - 1;

  /** Stamps are renumbered before the counter reaches the 48 bits it has (at 2^47). */
  private static final long STAMP_LIMIT = 1L << 47;

  /** One-second buckets of the expiry wheel; due times further out are looked at again. */
  static final int WHEEL = 1 << 12;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final int NIL = -1;

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

  /**
   * The plain idle rule: a record whose last-seen time (the value at {@code lastSeen}) is more than
   * {@code timeoutNanos} behind goes; frames only move that time on.
   */
  static Expiry idleAfter(int lastSeen, long timeoutNanos) {
    return (t, v, now) -> {
      long last = t[v + lastSeen];
      return now - last > timeoutNanos ? REMOVE : last + timeoutNanos + 1;
    };
  }

  /** An owner's idle and retention rules, for {@link #expire}. */
  @FunctionalInterface
  interface Expiry {
    /**
     * Looks at one record at a tick of capture time {@code now}: updates it (a state that timed
     * out) and returns the capture time from which it may need looking at again, or {@link #REMOVE}
     * when it goes (after the owner is done with its values). The time returned must be no later
     * than the record's next change, whatever frames come after {@code now}.
     */
    long check(long[] table, int values, long now);
  }

  /** What {@link Expiry#check} returns for a record that goes. */
  static final long REMOVE = Long.MIN_VALUE;

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

  /*
   * The expiry wheel (off until expireWith): heads[b] is the first entry of bucket b; entry e is
   * entries[2e] (a slot) and entries[2e + 1] (the next entry, or NIL). Entries not in a bucket
   * are in the free list or at fresh and beyond. wheelSecond is the last second expired; until
   * the first expire (wheelStarted) records get no entries, and that expire looks at them all.
   */
  private Expiry expiry;
  private long firstCheckSeconds;
  private int[] heads;
  private int[] entries;
  private int freeEntry = NIL;
  private int freshEntry;
  private int entriesInUse;
  private long wheelSecond;
  private boolean wheelStarted;
  private boolean everyRecordEveryTick; // the rule the wheel replaces, for tests to compare

  /** Set by the last {@link #acquire}: the record is new (its values are zero). */
  boolean inserted;

  /**
   * @param keyWords longs in a key, 1 to 5; {@link #acquire} ignores the words beyond them, which
   *     callers pass as 0
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

  /** Longs in a key. */
  int keyWords() {
    return keyWords;
  }

  /** Longs in a record: the stamp word, the key, the values. */
  int stride() {
    return stride;
  }

  /** Who hears of records the cap evicts (one listener; none by default). */
  void onEviction(Eviction listener) {
    this.onEviction = listener;
  }

  /**
   * Gives the table its owner's expiry rules: from the first {@link #expire} on, each record is
   * looked at by {@code check} when it may be due, first {@code firstCheckSeconds} after the second
   * it was made in (no earlier than it could go, whatever frames it then gets).
   */
  void expireWith(long firstCheckSeconds, Expiry check) {
    this.expiry = check;
    this.firstCheckSeconds = Math.max(1, Math.min(WHEEL - 1, firstCheckSeconds));
    this.heads = new int[WHEEL];
    Arrays.fill(heads, NIL);
    this.entries = new int[2 * 1024];
  }

  /** Makes {@link #expire} look at every record at every tick, as before the wheel (tests). */
  void lookAtEveryRecordEveryTick() {
    everyRecordEveryTick = true;
  }

  /** The records; read it after every {@link #acquire}, which may replace it. */
  long[] table() {
    return table;
  }

  /**
   * Finds the record for a key of five words, or makes one (evicting the least recently seen at the
   * cap), and marks it most recently seen. One loop per key width, so that each compares exactly
   * its words and stays small enough to be inlined where it is called.
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
      if (t[r + KEY] == k0
          && t[r + KEY + 1] == k1
          && t[r + KEY + 2] == k2
          && t[r + KEY + 3] == k3
          && t[r + KEY + 4] == k4) {
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
    t[r + STAMP] = (t[r + STAMP] & ~STAMP_BITS) | ++clock;
    return r + KEY + keyWords;
  }

  private int insert(int hash, long k0, long k1, long k2, long k3, long k4) {
    if (wheelStarted
        && entriesInUse > size + 1024
        && (entriesInUse >= size + (size >> 3) + 1024 || wheelEntriesFull())) {
      // entries of records evicted or removed pile up under a flood: one per record again (a
      // scan of the slots every size/8 such entries), rather than more memory for them
      rebuildWheel();
    }
    if (size >= maxEntries) {
      evictOldest();
    } else if ((size + 1) * 2 > mask + 1) {
      grow();
    }
    if (clock >= STAMP_LIMIT) {
      renumber();
    }
    int slot = emptySlot(hash);
    int r = slot * stride;
    long[] t = table;
    if (wheelStarted) {
      long due = wheelSecond + firstCheckSeconds;
      t[r + STAMP] = due << DUE_SHIFT | ++clock;
      addEntry(slot, due);
    } else {
      t[r + STAMP] = ++clock;
    }
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
    if (size == maxEntries && wheelStarted) {
      // at the cap: room for every entry the wheel keeps before it rebuilds, once, so that a
      // flood of new keys past the cap allocates nothing more
      int room = 2 * (maxEntries + (maxEntries >> 3) + 2048);
      if (entries.length < room) {
        entries = Arrays.copyOf(entries, room);
      }
    }
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
        long word = t[i * stride + STAMP];
        long stamp = word & STAMP_BITS;
        if (candidateNext < candidateCount && stamp <= candidateClock) {
          candidateMoved(stamp, hole);
        }
        if (wheelStarted) {
          addEntry(hole, word >>> DUE_SHIFT);
        }
        hole = i;
      }
    }
    t[hole * stride + STAMP] = 0;
  }

  /**
   * Visits every record once and removes those the sweep says go (idle timeouts, once a second). A
   * removal can pull a later record into the visited slot; it is visited there.
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

  /**
   * Once a second of capture time {@code now}: looks at the records due in the seconds since the
   * last call (all of them on the first call, or after a gap longer than the wheel) and removes
   * those the {@link Expiry} says go.
   *
   * @return how many were removed
   */
  int expire(long now) {
    long second = Math.floorDiv(now, NANOS_PER_SECOND);
    if (clock >= STAMP_LIMIT) {
      renumber();
    }
    if (!wheelStarted || second - wheelSecond >= WHEEL || everyRecordEveryTick) {
      wheelStarted = true;
      wheelSecond = second;
      clearWheel();
      return checkAll(now);
    }
    long last = wheelSecond;
    int removed = 0;
    for (long due = last + 1; due <= second; due++) {
      removed += checkDue(due, now, second, last + WHEEL);
    }
    wheelSecond = Math.max(second, last);
    return removed;
  }

  /**
   * Looks at bucket {@code due}'s records at tick {@code second}: each goes, or goes into the
   * bucket of its next look, after this second and at most {@code latest} (while a gap is caught
   * up, the buckets up to {@code second} are still to be looked at and must not be reused).
   */
  private int checkDue(long due, long now, long second, long latest) {
    int bucket = (int) (due & (WHEEL - 1));
    long tag = due & 0xFFFF;
    int removed = 0;
    while (heads[bucket] != NIL) { // records moved here while it is looked at join it
      int e = heads[bucket];
      heads[bucket] = NIL;
      while (e != NIL) {
        int slot = entries[2 * e];
        int next = entries[2 * e + 1];
        freeEntry(e);
        long word = table[slot * stride + STAMP];
        if (word != 0 && word >>> DUE_SHIFT == tag) {
          removed += check(slot, now, second, latest);
        }
        e = next;
      }
    }
    return removed;
  }

  /** Every record looked at once (the first expire, or after a long gap). */
  private int checkAll(long now) {
    long second = wheelSecond;
    int removed = 0;
    for (int s = 0, slots = mask + 1; s < slots; s++) {
      while (table[s * stride + STAMP] != 0 && check(s, now, second, second - 1 + WHEEL) == 1) {
        removed++;
      }
    }
    return removed;
  }

  /** Looks at one record: removes it (returns 1) or gives it its next due second (returns 0). */
  private int check(int slot, long now, long second, long latest) {
    long next = expiry.check(table, slot * stride + KEY + keyWords, now);
    if (next == REMOVE) {
      release(slot);
      return 1;
    }
    long due = Math.min(latest, Math.max(second + 1, Math.floorDiv(next, NANOS_PER_SECOND)));
    int r = slot * stride + STAMP;
    table[r] = (table[r] & STAMP_BITS) | due << DUE_SHIFT;
    addEntry(slot, due);
    return 0;
  }

  /**
   * Brings a record's next look forward to capture time {@code nanos} if it is due later (the
   * owner's rules changed for it, say a connection that closed). Cheap; not for every frame.
   */
  void dueBy(int values, long nanos) {
    if (!wheelStarted) {
      return; // the first expire looks at every record
    }
    int slot = (values - KEY - keyWords) / stride;
    int r = slot * stride + STAMP;
    long word = table[r];
    long due = Math.max(wheelSecond + 1, Math.floorDiv(nanos, NANOS_PER_SECOND));
    // the current due second is within the wheel after the last second expired
    long current = wheelSecond + (((word >>> DUE_SHIFT) - wheelSecond) & 0xFFFF);
    if (due < current) {
      table[r] = (word & STAMP_BITS) | due << DUE_SHIFT;
      addEntry(slot, due);
    }
  }

  private void addEntry(int slot, long due) {
    int e = freeEntry;
    if (e != NIL) {
      freeEntry = entries[2 * e + 1];
    } else {
      if (2 * freshEntry == entries.length) { // by a quarter: about one entry per record
        entries = Arrays.copyOf(entries, 2 * (freshEntry + (freshEntry >> 2) + 512));
      }
      e = freshEntry++;
    }
    int bucket = (int) (due & (WHEEL - 1));
    entries[2 * e] = slot;
    entries[2 * e + 1] = heads[bucket];
    heads[bucket] = e;
    entriesInUse++;
  }

  private boolean wheelEntriesFull() {
    return freeEntry == NIL && 2 * freshEntry == entries.length;
  }

  private void freeEntry(int e) {
    entries[2 * e + 1] = freeEntry;
    freeEntry = e;
    entriesInUse--;
  }

  private void clearWheel() {
    Arrays.fill(heads, NIL);
    freeEntry = NIL;
    freshEntry = 0;
    entriesInUse = 0;
  }

  /** One entry per record, in the bucket of the second it is due. */
  private void rebuildWheel() {
    clearWheel();
    for (int s = 0, slots = mask + 1; s < slots; s++) {
      long word = table[s * stride + STAMP];
      if (word != 0) {
        addEntry(s, word >>> DUE_SHIFT);
      }
    }
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
    candidateNext = candidateCount = 0;
    if (wheelStarted) {
      clearWheel();
    }
  }

  int size() {
    return size;
  }

  long evictions() {
    return evictions;
  }

  /**
   * Occupied slots, most recently seen first (O(n log n); takes the eviction candidates anew).
   * Snapshots read {@link #freeze} instead; tests look at the slots.
   */
  int[] slotsNewestFirst() {
    takeCandidates();
    int[] order = new int[candidateCount];
    for (int i = 0; i < order.length; i++) {
      order[i] = (int) (candidates[candidateCount - 1 - i] & SLOT_MASK);
    }
    return order;
  }

  /** The live records as they are now, packed in slot order (snapshots; no object per record). */
  FrozenRecords freeze() {
    long[] copy = new long[size * stride];
    long[] t = table;
    int n = 0;
    for (int s = 0, slots = mask + 1; s < slots; s++) {
      if (t[s * stride + STAMP] != 0) {
        System.arraycopy(t, s * stride, copy, n * stride, stride);
        n++;
      }
    }
    return new FrozenRecords(copy, stride, keyWords, n);
  }

  /** Moves the stamp counter on by {@code n} lookups' worth without doing them (tests). */
  void skipStamps(long n) {
    clock += n;
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
    candidateNext = candidateCount = 0;
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
    if (wheelStarted) {
      rebuildWheel();
    }
  }

  private void evictOldest() {
    while (true) {
      if (candidateNext == candidateCount) {
        takeCandidates();
      }
      long c = candidates[candidateNext++];
      int slot = (int) (c & SLOT_MASK);
      if ((table[slot * stride + STAMP] & STAMP_BITS) == candidateBase + (c >>> SLOT_BITS)) {
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
      long stamp = table[s * stride + STAMP] & STAMP_BITS;
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
   * stamp, guessing its place from the stamps at both ends (stamps are spread fairly evenly; under
   * a flood of new keys they are consecutive and the guess is exact), then galloping.
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

  /**
   * Gives the records stamps 1..n in the same order, when the oldest is so far behind the clock
   * that stamp differences no longer fit beside a slot (some 2^35 lookups; rare).
   */
  private void renumber() {
    long[] stamps = new long[size];
    int n = 0;
    for (int s = 0, slots = mask + 1; s < slots; s++) {
      if (table[s * stride + STAMP] != 0) {
        stamps[n++] = table[s * stride + STAMP] & STAMP_BITS;
      }
    }
    Arrays.sort(stamps, 0, n);
    for (int s = 0, slots = mask + 1; s < slots; s++) {
      long word = table[s * stride + STAMP];
      if (word != 0) {
        long stamp = word & STAMP_BITS;
        table[s * stride + STAMP] =
            (word & ~STAMP_BITS) | (Arrays.binarySearch(stamps, 0, n, stamp) + 1);
      }
    }
    clock = n;
    candidateNext = candidateCount = 0; // their stamps are gone
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
    return hash(
        t[k],
        w > 1 ? t[k + 1] : 0,
        w > 2 ? t[k + 2] : 0,
        w > 3 ? t[k + 3] : 0,
        w > 4 ? t[k + 4] : 0);
  }

  /**
   * A multiply per word by odd constants, summed; the high half folded into the low; one more
   * multiply, whose high 32 bits depend on every bit of the key (multiplicative hashing, Knuth,
   * TAOCP vol. 3, 6.4). Short on purpose: it is on the critical path of every lookup.
   */
  private static int hash(long k0, long k1, long k2, long k3, long k4) {
    long h =
        k0 * 0x9e3779b97f4a7c15L
            + k1 * 0xc2b2ae3d27d4eb4fL
            + k2 * 0x165667b19e3779f9L
            + k3 * 0xd6e8feb86659fd93L
            + k4 * 0xff51afd7ed558ccdL;
    h ^= h >>> 32;
    h *= 0xc4ceb9fe1a85ec53L;
    return (int) (h >>> 32);
  }
}
