package org.iptraf.agent.alarm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.config.AlarmRule;
import org.iptraf.agent.config.ConfigException;
import org.iptraf.agent.stats.SnapshotSource;
import org.iptraf.agent.stats.TablesSnapshot;
import org.iptraf.agent.threshold.MetricCatalog;
import org.iptraf.agent.threshold.Range;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the configured alarms once a second on its own thread, reading snapshots only (never the
 * capture thread), and tells listeners about every state change.
 */
public final class AlarmEngine implements AutoCloseable {
  /**
   * Made when an alarm first changes, not when the class loads: starting SLF4J takes 60 ms, which
   * {@code replay} (which evaluates no alarms) would otherwise pay at every start.
   */
  private static Logger log() {
    return LoggerFactory.getLogger(AlarmEngine.class);
  }

  /** Told about each change of an alarm's state, on the engine's thread. */
  public interface Listener {
    void changed(AlarmStatus status);
  }

  private final List<Alarm> alarms;
  private final MetricValues.Context context;
  private final LongSupplier wallMillis;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private volatile List<AlarmStatus> statuses;
  private ScheduledExecutorService timer;

  private AlarmEngine(List<Alarm> alarms, MetricValues.Context context, LongSupplier wallMillis) {
    this.alarms = alarms;
    this.context = context;
    this.wallMillis = wallMillis;
    this.statuses = alarms.stream().map(Alarm::status).toList();
  }

  /**
   * Builds the alarms of a configuration, validating metric names and ranges.
   *
   * @throws ConfigException naming the file, line and what is wrong
   */
  public static AlarmEngine of(AgentConfig config, LongSupplier wallMillis) throws ConfigException {
    List<Alarm> built = new ArrayList<>();
    long now = wallMillis.getAsLong();
    for (AlarmRule r : config.alarms()) {
      String key = "alarm." + r.name() + ".";
      MetricCatalog.Resolved metric =
          MetricCatalog.resolve(r.metric())
              .orElseThrow(
                  () ->
                      new ConfigException(
                          r.where()
                              + ": "
                              + key
                              + "metric: unknown metric '"
                              + r.metric()
                              + "' (iptraf-agent check --list shows them)"));
      built.add(
          new Alarm(
              r.name(),
              metric,
              range(r, "warning", r.warning()),
              range(r, "critical", r.critical()),
              r.hysteresis(),
              r.holdSeconds() * 1000L,
              now));
    }
    return new AlarmEngine(built, new MetricValues.Context(config.tables()), wallMillis);
  }

  private static Range range(AlarmRule r, String which, String text) throws ConfigException {
    if (text == null) {
      return null;
    }
    try {
      return Range.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          r.where(which) + ": alarm." + r.name() + "." + which + ": " + e.getMessage());
    }
  }

  public boolean isEmpty() {
    return alarms.isEmpty();
  }

  public void addListener(Listener l) {
    listeners.add(l);
  }

  /** Evaluates every alarm against one snapshot; the engine's timer calls it each second. */
  public synchronized void evaluate(TablesSnapshot snapshot) {
    long now = wallMillis.getAsLong();
    List<AlarmStatus> changed = new ArrayList<>();
    for (Alarm a : alarms) {
      Optional<Double> v = MetricValues.value(a.metric, snapshot, context);
      if (a.update(v.orElse(Double.NaN), now)) {
        changed.add(a.status());
      }
    }
    statuses = alarms.stream().map(Alarm::status).toList();
    for (AlarmStatus s : changed) {
      log()
          .info(
              "alarm {} {} -> {} ({} = {})",
              s.name(),
              s.previousState().label(),
              s.state().label(),
              s.metric(),
              s.valueText());
      for (Listener l : listeners) {
        try {
          l.changed(s);
        } catch (RuntimeException e) {
          log().warn("alarm listener failed for {}: {}", s.name(), e.toString());
        }
      }
    }
  }

  /** The alarms' states now, in configuration order. */
  public List<AlarmStatus> statuses() {
    return statuses;
  }

  /** Starts checking once a second. */
  public void start(SnapshotSource source) {
    if (alarms.isEmpty() || timer != null) {
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "iptraf-alarms");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(
        () -> {
          try {
            evaluate(source.counters()); // alarms read counters, rates and table sizes
          } catch (RuntimeException e) {
            log().warn("alarm evaluation failed: {}", e.toString());
          }
        },
        0,
        1,
        TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }
}
