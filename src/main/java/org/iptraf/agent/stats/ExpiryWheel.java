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
   * heads[b] is the first entry of bucket b; entry e is entries[2e] (a slot) and entries[2e + 1]
   * (the next entry, or NIL). Entries not in a bucket are in the free list or at fresh and beyond.
   * second is the last second expired; until the first expire (started) records get no entries,
   * and that expire looks at them all.
   */
  private final int[] heads = new int[WHEEL];
  private int[] entries = new int[2 * 1024];
  private int freeEntry = NIL;
  private int freshEntry;
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
   * up under a flood; then one per record again (a scan of the slots every size/8 such entries),
   * rather than more memory for them.
   */
  void beforeInsert(int size) {
    if (started
        && entriesInUse > size + 1024
        && (entriesInUse >= size + (size >> 3) + 1024 || entriesFull())) {
      rebuild();
    }
  }

  /**
   * The table reached its cap: room for every entry the wheel keeps before it rebuilds, once, so
   * that a flood of new keys past the cap allocates nothing more.
   */
  void atCap(int maxEntries) {
    int room = 2 * (maxEntries + (maxEntries >> 3) + 2048);
    if (started && entries.length < room) {
      entries = Arrays.copyOf(entries, room);
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
      int e = heads[bucket];
      heads[bucket] = NIL;
      while (e != NIL) {
        int slot = entries[2 * e];
        int next = entries[2 * e + 1];
        freeEntry(e);
        long word = records.word(slot);
        if (word != 0 && word >>> RecordTable.DUE_SHIFT == tag) {
          removed += check(slot, now, tick, latest);
        }
        e = next;
      }
    }
    return removed;
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

  private boolean entriesFull() {
    return freeEntry == NIL && 2 * freshEntry == entries.length;
  }

  private void freeEntry(int e) {
    entries[2 * e + 1] = freeEntry;
    freeEntry = e;
    entriesInUse--;
  }

  /** Forgets every entry (the table was cleared, or every record is looked at next). */
  void clear() {
    Arrays.fill(heads, NIL);
    freeEntry = NIL;
    freshEntry = 0;
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
