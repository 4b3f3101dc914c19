package org.iptraf.agent.stats;

/**
 * A bounded single-writer, single-reader buffer of records that left a {@link RecordTable}: their
 * words as the table held them at the end, so that an exporter sees a flow's last values even when
 * it went between two snapshots.
 *
 * <p>The writer (the capture thread, at a record's end: expiry, eviction, reuse) copies the record
 * into a preallocated ring, allocating nothing; a full ring drops the record and counts it. The
 * reader copies out what it takes. Each entry's first word, where the table keeps its stamp, holds
 * the number of the last snapshot built before the record ended, and why it ended:
 *
 * <pre>
 * | snapshot sequence (56) | FlowEnd ordinal (8) | key words ... | values ... |
 * </pre>
 *
 * so that a reader that applies snapshot N takes exactly the records that ended before N was built,
 * which N no longer holds.
 */
final class EndedRecords {
  private static final int REASON_BITS = 8;
  private static final long REASON_MASK = (1L << REASON_BITS) - 1;
  private static final FlowEnd[] ENDS = FlowEnd.values();

  private final long[] ring;
  private final int capacity;
  private final int stride;
  private final int keyWords;

  /** The writer's: the sequence of the last snapshot built. */
  private long sequence;

  private volatile long written;
  private volatile long read;
  private volatile long dropped;

  /** Room for {@code capacity} records of {@code table}'s layout. */
  EndedRecords(RecordTable table, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
    this.stride = table.stride();
    this.keyWords = table.keyWords();
    this.ring = new long[capacity * stride];
  }

  /** The writer built snapshot {@code n}: records ending from now on come after it. */
  void sequence(long n) {
    sequence = n;
  }

  /** The writer's side: the record whose values start at {@code values} ends now. */
  void add(long[] table, int values, FlowEnd how) {
    long w = written;
    if (w - read >= capacity) {
      dropped = dropped + 1; // one writer: no lost update
      return;
    }
    int at = (int) (w % capacity) * stride;
    System.arraycopy(table, values - keyWords - 1, ring, at, stride);
    ring[at] = sequence << REASON_BITS | how.ordinal();
    written = w + 1; // publishes the words above (volatile write)
  }

  /**
   * The reader's side: copies out, oldest first, the records that ended before snapshot {@code
   * before} was built ({@code Long.MAX_VALUE}: all of them), in the table's layout.
   */
  FrozenRecords take(long before) {
    long r = read;
    long w = written;
    long end = r;
    while (end < w && ring[(int) (end % capacity) * stride] >>> REASON_BITS < before) {
      end++;
    }
    int n = (int) (end - r);
    long[] copy = new long[n * stride];
    for (int i = 0; i < n; i++) {
      System.arraycopy(ring, (int) ((r + i) % capacity) * stride, copy, i * stride, stride);
    }
    read = end; // the writer may reuse those entries now
    return new FrozenRecords(copy, stride, keyWords, n);
  }

  /** Why record {@code i} of what {@link #take} returned ended. */
  static FlowEnd how(FrozenRecords taken, int i) {
    return ENDS[(int) (taken.table()[i * taken.stride()] & REASON_MASK)];
  }

  long dropped() {
    return dropped;
  }
}
