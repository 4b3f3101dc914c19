package org.iptraf.agent.stats;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The hand-over of snapshots between the one thread that writes the tables and the threads that
 * read them: readers post a request and wait briefly; the writer serves it between two frames.
 *
 * <p>Its lock is the monitor of the {@link Tables} it serves (passed in), so that the writer's rare
 * synchronized calls (an interface added or removed) and a reader building a snapshot itself before
 * the writer starts exclude one another.
 */
final class SnapshotExchange {

  static final int REQUEST_SNAPSHOT = 1;
  static final int REQUEST_RESET = 2;
  static final int REQUEST_CLEAR_CLOSED = 4;
  static final int REQUEST_COUNTERS = 8;

  /** A reader reuses a snapshot younger than this instead of asking the writer for a new one. */
  private static final long FRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);

  /** How long a reader waits for the writer before it takes the last snapshot as it is. */
  private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  /** What the writer does for a request, called on its thread under the lock. */
  interface Writer {
    /** Zeroes every counter and empties the flow tables. */
    void reset();

    /** Frees the closed connections; returns how many. */
    int clearClosed();

    /** A snapshot of the tables as they are, with or without rows. */
    TablesSnapshot build(boolean rows);
  }

  private final Object lock;
  private final Writer writer;
  private final LongSupplier monotonicNanos;
  private volatile int requests;
  private volatile TablesSnapshot latest;
  private volatile long latestAt = Long.MIN_VALUE;
  private volatile TablesSnapshot latestCounters; // a full snapshot serves as one too
  private volatile long latestCountersAt = Long.MIN_VALUE;
  private volatile boolean writerDone;
  private boolean writerAttached; // set under the lock by the writer's first call
  private int clearedByLastRequest;

  SnapshotExchange(Object lock, Writer writer, LongSupplier monotonicNanos, TablesSnapshot first) {
    this.lock = lock;
    this.writer = writer;
    this.monotonicNanos = monotonicNanos;
    this.latest = first;
    this.latestCounters = first;
  }

  // ---------------------------------------------------------------- the writer's side

  /** Whether {@link #writerTurn} has anything to do: a first call, or a reader waiting. */
  boolean turnWanted() {
    return !writerAttached || requests != 0;
  }

  /** Called by the writer before each frame or tick: attaches it, then serves what is asked. */
  void writerTurn() {
    if (!writerAttached) {
      attachWriter();
    }
    if (requests != 0) {
      serveRequests();
    }
  }

  /**
   * From the writer's first frame or tick on, readers ask it for snapshots; before, they build them
   * themselves (nothing writes yet), so exporters can start before the capture does. Taking the
   * lock waits out a reader that is building one.
   */
  private void attachWriter() {
    synchronized (lock) {
      writerAttached = true;
    }
  }

  /** Whether the writer has started; read under the lock. */
  boolean writerAttached() {
    return writerAttached;
  }

  /** The writer has no more frames: publishes a final snapshot; readers then serve themselves. */
  void finish() {
    synchronized (lock) {
      serveRequests();
      publish();
      writerDone = true;
    }
  }

  /** Runs what readers asked for, on the writer's thread (or any thread once it is done). */
  private void serveRequests() {
    synchronized (lock) {
      int r = requests;
      if (r == 0) {
        return;
      }
      requests = 0;
      if ((r & REQUEST_RESET) != 0) {
        writer.reset();
      }
      if ((r & REQUEST_CLEAR_CLOSED) != 0) {
        clearedByLastRequest = writer.clearClosed();
      }
      if ((r & (REQUEST_SNAPSHOT | REQUEST_RESET | REQUEST_CLEAR_CLOSED)) != 0) {
        publish();
      } else if ((r & REQUEST_COUNTERS) != 0) {
        latestCounters = writer.build(false);
        latestCountersAt = monotonicNanos.getAsLong();
        lock.notifyAll();
      }
    }
  }

  private void publish() {
    TablesSnapshot s = writer.build(true);
    long at = monotonicNanos.getAsLong();
    latest = s;
    latestAt = at;
    latestCounters = s;
    latestCountersAt = at;
    lock.notifyAll();
  }

  // ---------------------------------------------------------------- the readers' side

  /** The last full snapshot published, however old. */
  TablesSnapshot latest() {
    return latest;
  }

  /** A snapshot at most about a second old (see {@link Tables#snapshot()}). */
  TablesSnapshot snapshot() {
    // the initial snapshot (latestAt still MIN_VALUE) is never fresh: now - MIN_VALUE would wrap
    long at = latestAt;
    if (at != Long.MIN_VALUE && monotonicNanos.getAsLong() - at < FRESH_NANOS) {
      return latest;
    }
    return request(REQUEST_SNAPSHOT);
  }

  /** A counters-only snapshot at most about a second old (see {@link Tables#counters()}). */
  TablesSnapshot counters() {
    long at = latestCountersAt;
    if (at != Long.MIN_VALUE && monotonicNanos.getAsLong() - at < FRESH_NANOS) {
      return latestCounters;
    }
    return request(REQUEST_COUNTERS);
  }

  /** Asks for closed connections to be freed: how many were, or -1 if the writer was too slow. */
  int clearClosed() {
    TablesSnapshot before = latest;
    TablesSnapshot after = request(REQUEST_CLEAR_CLOSED);
    synchronized (lock) {
      return after == before ? -1 : clearedByLastRequest;
    }
  }

  /**
   * Posts a request and waits for the writer to answer it, at most {@link #WAIT_NANOS} (wall time:
   * a wait, not a measurement of the capture); the last snapshot if it does not.
   */
  TablesSnapshot request(int what) {
    boolean counters = what == REQUEST_COUNTERS;
    TablesSnapshot before = latest(counters);
    synchronized (lock) {
      requests |= what;
      if (writerDone || !writerAttached) {
        serveRequests();
        return latest(counters);
      }
      long deadline = System.nanoTime() + WAIT_NANOS;
      try {
        while (latest(counters) == before && !writerDone) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            break;
          }
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (writerDone && latest(counters) == before) {
        serveRequests();
      }
      return latest(counters);
    }
  }

  private TablesSnapshot latest(boolean counters) {
    return counters ? latestCounters : latest;
  }
}
