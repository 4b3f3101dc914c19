package org.iptraf.agent.stats;

/**
 * Passes over every slot of a {@link RecordTable}: sweeps that remove what a rule says goes,
 * visits, removal by key, and the frozen copy a snapshot takes. Each costs the table's size, so
 * none runs per frame.
 */
final class RecordScans {

  private RecordScans() {}

  /**
   * Where a pass over every slot that may remove records starts: just after an empty slot (there is
   * always one). A removal moves records of the run it is in backwards, into the hole, which is
   * never behind the pass; a pass from slot 0 would meet a run that wraps round the end twice, the
   * records it moves from the start of the array to the end being looked at again.
   */
  static int passStart(RecordTable records) {
    int mask = records.slots() - 1;
    int s = mask;
    while (records.word(s) != 0) {
      s = (s - 1) & mask;
    }
    return (s + 1) & mask;
  }

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
   * Visits every record once and removes those the sweep says go. A removal can pull a later record
   * into the visited slot; it is visited there (and only there: the pass starts after an empty
   * slot, {@link #passStart}).
   *
   * @return how many were removed
   */
  static int removeIf(RecordTable records, Sweep sweep) {
    int removed = 0;
    int mask = records.slots() - 1;
    for (int i = 0, start = passStart(records); i <= mask; i++) {
      int s = (start + i) & mask;
      while (records.word(s) != 0 && sweep.remove(records.table(), records.valuesAt(s))) {
        records.release(s);
        removed++;
      }
    }
    return removed;
  }

  /** Visits every record once; nothing moves. */
  static void forEach(RecordTable records, Visit visit) {
    long[] t = records.table();
    for (int s = 0, slots = records.slots(); s < slots; s++) {
      if (records.word(s) != 0) {
        visit.visit(t, records.valuesAt(s));
      }
    }
  }

  /**
   * Removes the records whose key word {@code word}, masked, equals {@code value} (everything of
   * one interface).
   *
   * @return how many were removed
   */
  static int removeWhereKey(RecordTable records, int word, long keyMask, long value) {
    int removed = 0;
    int mask = records.slots() - 1;
    for (int i = 0, start = passStart(records); i <= mask; i++) {
      int s = (start + i) & mask;
      while (records.word(s) != 0 && (records.key(s, word) & keyMask) == value) {
        records.release(s);
        removed++;
      }
    }
    return removed;
  }

  /** The live records as they are now, packed in slot order (snapshots; no object per record). */
  static FrozenRecords freeze(RecordTable records) {
    int stride = records.stride();
    long[] copy = new long[records.size() * stride];
    long[] t = records.table();
    int n = 0;
    for (int s = 0, slots = records.slots(); s < slots; s++) {
      if (records.word(s) != 0) {
        System.arraycopy(t, s * stride, copy, n * stride, stride);
        n++;
      }
    }
    return new FrozenRecords(copy, stride, records.keyWords(), n);
  }
}
