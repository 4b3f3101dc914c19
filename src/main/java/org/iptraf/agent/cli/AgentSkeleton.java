package org.iptraf.agent.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.iptraf.agent.alarm.AlarmEngine;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.stats.Tables;

/**
 * The wiring {@code run} and {@code replay} share, written once: the configuration loaded and
 * checked, the tables and their flow-export buffer, the facts the exporters show, the exporters
 * served around the source, the source (capture or files) on a thread of its own that finishes the
 * tables however it ends, and shutdown.
 */
final class AgentSkeleton {

  /** Work that may throw what the command then reports. */
  @FunctionalInterface
  interface Step {
    void run() throws Exception;
  }

  final AgentConfig cfg;
  final AlarmEngine alarms;
  final Tables tables;
  private final Path configFile;

  private AgentSkeleton(AgentConfig cfg, Path configFile) {
    this.cfg = cfg;
    this.configFile = configFile;
    this.alarms = ConfigOption.alarms(cfg);
    // until the source's thread writes to them, readers build their own snapshots of them
    this.tables = new Tables(cfg.tables(), cfg.filters(), System::nanoTime);
    IpfixStarter.prepare(cfg, tables);
  }

  /** Loads and checks the configuration (a bad one is a one-line error), then makes the tables. */
  static AgentSkeleton load(ConfigOption config) {
    AgentConfig cfg = config.load();
    ConfigCheck.check(cfg);
    return new AgentSkeleton(cfg, config.file);
  }

  /** The agent's facts for the exporters: {@code mode} "live" or "replay", and its sources. */
  AgentInfo agent(String mode, List<String> sources) {
    return AgentInfo.of(
        mode, configFile, sources, cfg.tables(), alarms, IpfixStarter.counters(cfg.ipfix()));
  }

  /**
   * Starts the exporters, runs {@code whileServing}, closes the exporters, then runs {@code
   * afterwards} and tells {@code shutdown} the agent has finished, however any of it ended.
   */
  void serve(Shutdown shutdown, AgentInfo agent, Step whileServing, Step afterwards)
      throws Exception {
    try {
      Exporters exporters = Exporters.start(cfg, tables, agent);
      try (exporters) {
        whileServing.run();
      }
    } finally {
      try {
        afterwards.run();
      } finally {
        shutdown.finished();
      }
    }
  }

  /** Runs {@code source} on a thread named {@code name}; the tables are finished after it. */
  Source startSource(String name, Step source) {
    FutureTask<Void> task =
        new FutureTask<>(
            () -> {
              try {
                source.run();
              } finally {
                tables.finish(); // also after a failure: readers then serve themselves
              }
              return null;
            });
    Thread thread = new Thread(task, name);
    thread.start();
    return new Source(task, thread);
  }

  /** A source running on its own thread. */
  static final class Source {
    private final FutureTask<Void> task;
    private final Thread thread;

    private Source(FutureTask<Void> task, Thread thread) {
      this.task = task;
      this.thread = thread;
    }

    /** Waits for the source to end; throws what it threw. */
    void await() throws Exception {
      try {
        task.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof Exception x) {
          throw x;
        }
        throw new IllegalStateException(e.getCause());
      }
    }

    void join() throws InterruptedException {
      thread.join();
    }
  }
}
