package org.iptraf.agent.prometheus;

import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.iptraf.agent.alarm.AlarmStatus;
import org.iptraf.agent.stats.AgentFacts;
import org.iptraf.agent.stats.ExportCounters;
import org.iptraf.agent.stats.SnapshotSource;

/**
 * The HTTP endpoint Prometheus scrapes: {@code /metrics} in the Prometheus text format, or
 * OpenMetrics when the scraper's {@code Accept} header asks for it (the client library negotiates),
 * from a registry of its own holding only {@link TablesCollector}.
 */
public final class PrometheusExporter implements AutoCloseable {

  /** Scrapes served at once; more wait in line (Prometheus scrapes one at a time). */
  private static final int THREADS = 2;

  /**
   * How often the JDK's HTTP server looks for requests and responses over their time limits, which
   * the client library sets (60 and 600 s): every 5 s instead of every second, a thread's wake-up a
   * second fewer beside the capture (docs/BENCHMARKS.md, "Eleventh session"). Read once, by the
   * first server; a value given with -D stands.
   */
  private static final String TIMER_MILLIS = "sun.net.httpserver.timerMillis";

  private final HTTPServer server;

  private PrometheusExporter(HTTPServer server) {
    this.server = server;
  }

  /**
   * Listens on {@code address:port} (port 0: any free port, see {@link #port()}).
   *
   * @throws IOException when the port cannot be bound (in use, address not local)
   */
  public static PrometheusExporter start(
      InetAddress address,
      int port,
      SnapshotSource tables,
      AgentFacts facts,
      int topFlows,
      Supplier<List<AlarmStatus>> alarms,
      ExportCounters ipfix)
      throws IOException {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(new TablesCollector(tables, facts, topFlows, alarms, ipfix));
    if (System.getProperty(TIMER_MILLIS) == null) {
      System.setProperty(TIMER_MILLIS, "5000");
    }
    ExecutorService threads = threads();
    try {
      // explicit defaults: no prometheus.properties file or system property changes what or
      // where we serve
      HTTPServer server =
          HTTPServer.builder(PrometheusProperties.builder().build())
              .inetAddress(address)
              .port(port)
              .registry(registry)
              .executorService(threads)
              .buildAndStart();
      return new PrometheusExporter(server);
    } catch (IOException | RuntimeException e) {
      threads.shutdownNow();
      throw e;
    }
  }

  private static ExecutorService threads() {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "iptraf-prometheus-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** The port it listens on. */
  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.close();
  }
}
