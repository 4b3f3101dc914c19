package org.iptraf.agent.stats;

import java.util.Arrays;

/**
 * Expiry in proportion to what expires: the timer wheel over one {@link RecordTable}'s slots, so
 * that {@link RecordTable#expire}, once a second of capture time, looks only at the records due
 * that second, not at every slot.
 *
 * <p>The wheel has {@link #WHEEL} one-second buckets of slot numbers; each record keeps the second
 * it is due, modulo 2^16, in the top bits of its stamp word ({@link RecordTable#DUE_SHIFT}), and a
 * bucket's entry counts only if its slot still holds a record due that second: entries of records
 * that went or moved are dropped when their bucket comes round, and a record moved by a deletion
 * gets a new entry at its new slot. Due times are lower bounds: the owner's check of a record that
 * a frame has touched since returns a later time, and the record goes into that bucket (lazy
 * rescheduling, as in Varghese and Lauck's timing wheels). So a record costs one look per timeout
 * that it lives, plus one when it goes; a second of capture time costs the records due in it,
 * however large the table.
 */
final class ExpiryWheel {

  /** One-second buckets of the wheel; due times further out are looked at again. */
  static final int WHEEL = 1 << 12;

  /** What {@link Expiry#check} returns for a record that goes. */
  static final long REMOVE = Long.MIN_VALUE;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final int NIL = -1;
  private static final long TAG_MASK = 0xFFFF; // the due second as a stamp word keeps it

  /** An owner's idle and retention rules, for {@link RecordTable#expire}. */
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

  private final RecordTable records;
  private final Expiry expiry;
  private final long firstCheckSeconds;

  /*
   * A bucket is a list of chunks of slot numbers: heads[b] is its first chunk, or NIL. Chunk c is
   * pool[c * CHUNK] (the next chunk, or NIL), pool[c * CHUNK + 1] (its entries) and its entries,
   * pool[c * CHUNK + 2] on: 64 bytes, one cache line, for 14 entries. A bucket's entries lie side
   * by side, so that checkDue reads them in order and the records they name ahead of itself. One
   * entry per record makes the pool some 4.6 bytes a record; a bucket wastes at most the rest of
   * its first chunk (at most 256 KiB a table however few its records, in 4,096 buckets). Chunks not
   * in a bucket are on the free list or at freshChunk and beyond. second is the last second
   * expired; until the first expire (started) records get no entries, and that expire looks at
   * them all.
   */
  private static final int CHUNK = 16;
  private static final int CHUNK_ENTRIES = CHUNK - 2;

  private final int[] heads = new int[WHEEL];
  private int[] pool = new int[CHUNK * 64];
  private int freeChunk = NIL;
  private int freshChunk;
  private int entriesInUse;
  private long second;
  private boolean started;
  private boolean everyRecordEveryTick; // the rule the wheel replaces, for tests to compare

  /**
   * @param firstCheckSeconds when a new record is first looked at, after the second it was made in
   *     (no earlier than it could go, whatever frames it then gets)
   */
  ExpiryWheel(RecordTable records, long firstCheckSeconds, Expiry expiry) {
    this.records = records;
    this.expiry = expiry;
    this.firstCheckSeconds = Math.max(1, Math.min(WHEEL - 1, firstCheckSeconds));
    Arrays.fill(heads, NIL);
  }

  /** Makes {@link #expire} look at every record at every tick, as before the wheel (tests). */
  void lookAtEveryRecordEveryTick() {
    everyRecordEveryTick = true;
  }

  /** Whether the first {@link #expire} has run: records made from then on get entries. */
  boolean started() {
    return started;
  }

  /** A record made at {@code slot} after the wheel started: returns the second it is due. */
  long made(int slot) {
    long due = second + firstCheckSeconds;
    add(slot, due);
    return due;
  }

  /** A record moved to {@code slot} with its stamp word: it keeps its due second there. */
  void moved(int slot, long word) {
    add(slot, word >>> RecordTable.DUE_SHIFT);
  }

  /**
   * Before a record is made in a table of {@code size}: entries of records evicted or removed pile
   * up under a flood, and those of records that went stay until their second comes; then one per
   * record again. The scan of the slots that costs comes every slots/8 such entries: in proportion
   * to them, however few records the table holds (counted against the records, the scans came again
   * and again while a table of 131,072 slots emptied at the end of a capture).
   */
  void beforeInsert(int size) {
    if (started && entriesInUse >= size + (records.slots() >> 3) + 1024) {
      rebuild();
    }
  }

  /**
   * The table reached its cap: room for every entry the wheel keeps before it rebuilds, and a
   * partly filled chunk in every bucket, once, so that a flood of new keys past the cap allocates
   * nothing more.
   */
  void atCap(int maxEntries) {
    int entries = maxEntries + (records.slots() >> 3) + 1024;
    int room = CHUNK * (entries / CHUNK_ENTRIES + WHEEL + 2);
    if (started && pool.length < room) {
      pool = Arrays.copyOf(pool, room);
    }
  }

  /**
   * Once a second of capture time {@code now}: looks at the records due in the seconds since the
   * last call (all of them on the first call, or after a gap longer than the wheel) and removes
   * those the {@link Expiry} says go.
   *
   * @return how many were removed
   */
  int expire(long now) {
    long tick = Math.floorDiv(now, NANOS_PER_SECOND);
    if (!started || tick - second >= WHEEL || everyRecordEveryTick) {
      started = true;
      second = tick;
      clear();
      return checkAll(now);
    }
    long last = second;
    int removed = 0;
    for (long due = last + 1; due <= tick; due++) {
      removed += checkDue(due, now, tick, last + WHEEL);
    }
    second = Math.max(tick, last);
    return removed;
  }

  /**
   * Looks at bucket {@code due}'s records at tick {@code tick}: each goes, or goes into the bucket
   * of its next look, after this second and at most {@code latest} (while a gap is caught up, the
   * buckets up to {@code tick} are still to be looked at and must not be reused).
   */
  private int checkDue(long due, long now, long tick, long latest) {
    int bucket = (int) (due & (WHEEL - 1));
    long tag = due & TAG_MASK;
    int removed = 0;
    while (heads[bucket] != NIL) { // records moved here while it is looked at join it
      int c = heads[bucket];
      heads[bucket] = NIL;
      while (c != NIL) {
        int at = c * CHUNK;
        int n = pool[at + 1];
        touch(at + 2, n);
        for (int i = 0; i < n; i++) {
          int slot = pool[at + 2 + i];
          long word = records.word(slot);
          if (word != 0 && word >>> RecordTable.DUE_SHIFT == tag) {
            removed += check(slot, now, tick, latest);
          }
        }
        int next = pool[at];
        entriesInUse -= n;
        pool[at] = freeChunk; // read to its end: free, though check() may have taken others
        freeChunk = c;
        c = next;
      }
    }
    return removed;
  }

  /** What {@link #touch} summed, kept so that the JIT does not drop its reads. */
  private long touched;

  /**
   * Reads the first and last words of the records named at {@code pool[from, from + n)}, a chunk's
   * before {@link #checkDue} looks at them. A bucket's records lie anywhere in a table of
   * megabytes, a cache miss or two each: read first, one after another, their misses overlap
   * instead of each waiting for the look at the record before. The expiry of a replay of 110 k
   * flows took 63-77 ms when the entries were a linked list, each read as it was looked at; 40-59
   * ms so (docs/BENCHMARKS.md).
   */
  private void touch(int from, int n) {
    long[] t = records.table();
    int stride = records.stride();
    long sum = 0;
    for (int i = from; i < from + n; i++) {
      int r = pool[i] * stride;
      sum += t[r] + t[r + stride - 1];
    }
    touched += sum;
  }

  /** Every record looked at once (the first expire, or after a long gap). */
  private int checkAll(long now) {
    long tick = second;
    int removed = 0;
    int mask = records.slots() - 1;
    for (int i = 0, start = RecordScans.passStart(records); i <= mask; i++) { // each record once
      int s = (start + i) & mask;
      while (records.word(s) != 0 && check(s, now, tick, tick - 1 + WHEEL) == 1) {
        removed++;
      }
    }
    return removed;
  }

  /** Looks at one record: removes it (returns 1) or gives it its next due second (returns 0). */
  private int check(int slot, long now, long tick, long latest) {
    long next = expiry.check(records.table(), records.valuesAt(slot), now);
    if (next == REMOVE) {
      records.release(slot);
      return 1;
    }
    long due = Math.min(latest, Math.max(tick + 1, Math.floorDiv(next, NANOS_PER_SECOND)));
    records.setDue(slot, due);
    add(slot, due);
    return 0;
  }

  /**
   * Brings the next look of the record at {@code slot} forward to capture time {@code nanos} if it
   * is due later.
   */
  void dueBy(int slot, long nanos) {
    if (!started) {
      return; // the first expire looks at every record
    }
    long due = Math.max(second + 1, Math.floorDiv(nanos, NANOS_PER_SECOND));
    // the current due second is within the wheel after the last second expired
    long current = second + (((records.word(slot) >>> RecordTable.DUE_SHIFT) - second) & TAG_MASK);
    if (due < current) {
      records.setDue(slot, due);
      add(slot, due);
    }
  }

  private void add(int slot, long due) {
    int bucket = (int) (due & (WHEEL - 1));
    int c = heads[bucket];
    if (c == NIL || pool[c * CHUNK + 1] == CHUNK_ENTRIES) {
      int fresh = newChunk();
      pool[fresh * CHUNK] = c;
      pool[fresh * CHUNK + 1] = 0;
      heads[bucket] = fresh;
      c = fresh;
    }
    int at = c * CHUNK;
    pool[at + 2 + pool[at + 1]++] = slot;
    entriesInUse++;
  }

  private int newChunk() {
    int c = freeChunk;
    if (c != NIL) {
      freeChunk = pool[c * CHUNK];
      return c;
    }
    if (CHUNK * (freshChunk + 1) > pool.length) { // by a quarter: about one entry per record
      pool = Arrays.copyOf(pool, CHUNK * (freshChunk + (freshChunk >> 2) + 16));
    }
    return freshChunk++;
  }

  /** Forgets every entry (the table was cleared, or every record is looked at next). */
  void clear() {
    Arrays.fill(heads, NIL);
    freeChunk = NIL;
    freshChunk = 0;
    entriesInUse = 0;
  }

  /** One entry per record, in the bucket of the second it is due (the slots changed). */
  void rebuild() {
    if (!started) {
      return;
    }
    clear();
    for (int s = 0, slots = records.slots(); s < slots; s++) {
      long word = records.word(s);
      if (word != 0) {
        moved(s, word);
      }
    }
  }
}
