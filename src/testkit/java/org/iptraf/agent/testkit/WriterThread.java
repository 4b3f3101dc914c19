package org.iptraf.agent.testkit;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.iptraf.agent.stats.Tables;

/**
 * The tables' one writer, for tests and benchmarks that feed {@link Tables} themselves: runs what
 * it is given in order on its own thread, and between jobs ticks the tables at their own time, so
 * that a reader asking for a snapshot is answered as a capture thread would.
 */
public final class WriterThread implements AutoCloseable {
  private final BlockingQueue<FutureTask<Void>> jobs = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final long timeoutSeconds;
  private volatile boolean stop;

  /**
   * @param name the thread's name
   * @param timeoutSeconds how long {@link #run} waits for a job before it fails
   */
  public WriterThread(Tables tables, String name, long timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
    thread =
        new Thread(
            () -> {
              while (!stop) {
                try {
                  FutureTask<Void> job = jobs.poll(1, TimeUnit.MILLISECONDS);
                  if (job != null) {
                    job.run();
                  } else {
                    tables.tick(0); // answers readers; the clock never goes back
                  }
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            name);
    thread.start();
  }

  /** Runs {@code r} on the writer's thread and waits for it; throws what it threw. */
  public void run(Runnable r) throws Exception {
    FutureTask<Void> job = new FutureTask<>(r, null);
    jobs.put(job);
    job.get(timeoutSeconds, TimeUnit.SECONDS);
  }

  /** The writer's thread (e.g. to read its CPU time). */
  public Thread thread() {
    return thread;
  }

  @Override
  public void close() {
    stop = true;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
