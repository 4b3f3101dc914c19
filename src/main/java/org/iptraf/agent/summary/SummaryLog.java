package org.iptraf.agent.summary;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.iptraf.agent.stats.SnapshotSource;
import org.iptraf.agent.stats.TablesSnapshot;

/**
 * Writes a {@link SummaryLine} every interval on a daemon thread of its own ({@code
 * iptraf-summary}), from snapshots: the capture thread never waits for the disk. {@link #close()}
 * writes one last line marked {@code final}.
 */
public final class SummaryLog implements SummaryLogMXBean, AutoCloseable {
  private final SnapshotSource source;
  private final RotatingFile file;
  private final Clock clock;
  private final int top;
  private final ScheduledExecutorService timer;
  private Instant last;
  private boolean closed;

  /**
   * @param warn where the one line about a failing file goes
   */
  SummaryLog(
      SnapshotSource source,
      Path file,
      long maxBytes,
      int keep,
      int top,
      Clock clock,
      Consumer<String> warn) {
    this.source = source;
    this.file = new RotatingFile(file, maxBytes, keep, warn);
    this.clock = clock;
    this.top = top;
    this.last = clock.instant();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "iptraf-summary");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts writing a line every {@code intervalSeconds}. */
  public static SummaryLog start(
      SnapshotSource source,
      Path file,
      long maxBytes,
      int keep,
      int top,
      int intervalSeconds,
      Clock clock,
      Consumer<String> warn) {
    SummaryLog log = new SummaryLog(source, file, maxBytes, keep, top, clock, warn);
    log.timer.scheduleAtFixedRate(
        () -> log.write(false), intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    return log;
  }

  /** Writes one line now; never throws (a failure is a dropped line). */
  synchronized boolean write(boolean isFinal) {
    if (closed) {
      return false;
    }
    try {
      TablesSnapshot s = source.snapshot();
      Instant now = clock.instant();
      double interval = Math.max(0, now.toEpochMilli() - last.toEpochMilli()) / 1000.0;
      last = now;
      return file.append(SummaryLine.of(s, now, interval, file.droppedLines(), top, isFinal));
    } catch (RuntimeException e) {
      return file.append("{\"error\":\"" + e.getClass().getSimpleName() + "\"}");
    }
  }

  @Override
  public String getFile() {
    return file.path().toString();
  }

  @Override
  public long getWrittenLines() {
    return file.writtenLines();
  }

  @Override
  public long getDroppedLines() {
    return file.droppedLines();
  }

  @Override
  public long getRotations() {
    return file.rotations();
  }

  /** Stops the timer and writes the final line. */
  @Override
  public void close() {
    timer.shutdown(); // not shutdownNow: an interrupt would close the file channel mid-line
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    write(true);
    synchronized (this) {
      closed = true;
      file.close();
    }
  }
}
