package org.iptraf.agent.names;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Reverse DNS that never makes its caller wait: {@link #name} answers from a bounded cache (least
 * recently used out) and, for an address it has not seen, starts a lookup on a small pool of its
 * own and answers null until the lookup is back. A lookup that takes longer than the timeout counts
 * as "no name" (the resolver's thread finishes in the background; the pool and its queue are
 * bounded, so a dead DNS server costs at most their size).
 */
public final class ReverseDns implements AutoCloseable {

  /** The blocking lookup: the host name of an address, or null if it has none. */
  @FunctionalInterface
  public interface Resolver {
    String lookup(InetAddress address) throws Exception;
  }

  /** getnameinfo(3) through the JDK; the address itself back means no name. */
  public static final Resolver SYSTEM =
      a -> {
        String name = a.getCanonicalHostName();
        return name.equals(a.getHostAddress()) ? null : name;
      };

  private static final int THREADS = 2;
  private static final int QUEUE = 256;
  private static final String NO_NAME = "";

  private final Resolver resolver;
  private final long timeoutMillis;
  private final Map<InetAddress, String> cache;
  private final Set<InetAddress> pending = new HashSet<>();
  private final ThreadPoolExecutor pool;
  private long lookups;
  private long timeouts;

  public ReverseDns(Resolver resolver, int cacheSize, long timeoutMillis) {
    this.resolver = resolver;
    this.timeoutMillis = timeoutMillis;
    this.cache =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<InetAddress, String> eldest) {
            return size() > cacheSize;
          }
        };
    this.pool =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE),
            r -> {
              Thread t = new Thread(r, "iptraf-dns");
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
  }

  /** The name of a 4- or 16-byte address if known now; otherwise null (and a lookup starts). */
  public String name(byte[] address) {
    InetAddress a;
    try {
      a = InetAddress.getByAddress(address);
    } catch (UnknownHostException e) {
      return null; // not 4 or 16 bytes
    }
    synchronized (this) {
      String known = cache.get(a);
      if (known != null) {
        return known.isEmpty() ? null : known;
      }
      if (pending.contains(a) || pending.size() >= QUEUE) {
        return null;
      }
      pending.add(a);
      lookups++;
    }
    try {
      CompletableFuture.supplyAsync(
              () -> {
                try {
                  return resolver.lookup(a);
                } catch (Exception e) {
                  return null;
                }
              },
              pool)
          .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
          .whenComplete((name, failure) -> done(a, name, failure));
    } catch (RejectedExecutionException e) {
      synchronized (this) {
        pending.remove(a); // the pool is full or closed: ask again next time
      }
    }
    return null;
  }

  private synchronized void done(InetAddress a, String name, Throwable failure) {
    pending.remove(a);
    if (failure != null) {
      timeouts++;
    }
    cache.put(a, name == null || name.isEmpty() ? NO_NAME : name);
    notifyAll();
  }

  /** Waits until no lookup is pending, at most {@code millis}; for a final report. */
  public synchronized void awaitIdle(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!pending.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  public synchronized int cached() {
    return cache.size();
  }

  public synchronized long lookups() {
    return lookups;
  }

  public synchronized long timeouts() {
    return timeouts;
  }

  long timeoutMillis() {
    return timeoutMillis;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
