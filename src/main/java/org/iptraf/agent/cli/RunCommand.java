package org.iptraf.agent.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.iptraf.agent.capture.live.CaptureException;
import org.iptraf.agent.capture.live.LiveCapture;
import org.iptraf.agent.capture.live.LiveCaptureSettings;
import org.iptraf.agent.capture.live.Warmup;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.names.Names;
import org.iptraf.agent.report.ReportSource;
import org.iptraf.agent.stats.Tables;
import org.iptraf.agent.stats.TablesSnapshot;

/**
 * {@code run}: live capture into the tables until SIGTERM/SIGINT or {@code --duration}, then the
 * report; prints {@code CAPTURE captured=N dropped=M} to stderr on the way out (the bench reads
 * it).
 */
final class RunCommand implements Command {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunCommand.class);

  /** Synthetic frames per warm-up batch: 1 s of capture time, a few ms once compiled. */
  private static final int WARMUP_BATCH = 100_000;

  /** The warm-up stops after this long even if the JIT is still busy. */
  private static final long WARMUP_MAX_MILLIS = 4_000;

  final List<String> interfaces = new ArrayList<>();
  Double duration;
  String report;
  ReportFormat format;
  boolean checkConfig;
  final ConfigOption config = new ConfigOption();

  @Override
  public Syntax syntax() {
    Syntax s =
        new Syntax("run", "Capture live from interfaces into the tables until stopped.")
            .repeatable(
                "-i, --interface",
                "IFACE",
                "interface to capture (repeatable; default: capture.interfaces, or every up "
                    + "interface)",
                interfaces::add)
            .option(
                "--duration", "S", "stop after S seconds", value -> duration = Syntax.number(value))
            .option(
                "--report",
                "FILE|-",
                "write the final tables to FILE (- for stdout) on exit",
                value -> report = value)
            .flag(
                "--check-config",
                "validate the configuration (keys, values, filters, alarms), print "
                    + "'config OK: FILE' and exit 0, or the file, line and key and exit 2; "
                    + "capture nothing",
                () -> checkConfig = true);
    return config.addTo(ReportFormat.option(s, f -> format = f));
  }

  @Override
  public Integer call() throws Exception {
    if (checkConfig) {
      return ConfigCheck.checkOnly(config.load(), config);
    }
    Shutdown shutdown = Shutdown.install(); // first: a signal during start-up still stops cleanly
    AgentSkeleton agent = AgentSkeleton.load(config);
    LiveCaptureSettings settings;
    try {
      settings = LiveCaptureSettings.of(agent.cfg.capture(), interfaces);
    } catch (IllegalArgumentException e) {
      throw new UserError(Main.USAGE, e.getMessage());
    }
    if (duration != null && !(duration > 0)) {
      throw new UserError(Main.USAGE, "--duration " + duration + " must be > 0 seconds");
    }
    try {
      LiveCapture.checkPermission(); // a missing capability stays the only line printed
    } catch (CaptureException e) {
      throw new UserError(Main.FAILURE, e.getMessage());
    }
    // start-up work happens before the capture binds its sockets: once bound, frames queue in
    // the ring while the JVM starts the exporters and compiles, and under overload the ring
    // fills before compiled code takes over
    agent.serve(
        shutdown,
        agent.agent("live", settings.interfaces()),
        () -> capture(agent, settings, shutdown),
        () -> {});
    return Main.OK;
  }

  /** With the exporters up: warms up, binds, captures until stopped, then reports. */
  private void capture(AgentSkeleton agent, LiveCaptureSettings settings, Shutdown shutdown)
      throws Exception {
    AgentConfig cfg = agent.cfg;
    Tables tables = agent.tables;
    LiveCapture capture;
    try {
      warmUp(cfg, shutdown); // after the exporters, so that it also waits out their compiling
      // its scratch tables and their snapshots are garbage now, tens of MB: collected here,
      // before the bind, instead of by a pause in the capture's first seconds
      System.gc();
      capture = new LiveCapture(settings, tables);
    } catch (CaptureException e) {
      throw new UserError(Main.FAILURE, e.getMessage());
    }
    tables.kernelDrops(capture::kernelDrops);
    startStopper(capture, shutdown);
    // once the capture has ended, finish() lets readers build snapshots themselves again
    AgentSkeleton.Source capturing = agent.startSource("iptraf-capture", capture::run);
    try {
      awaitCapture(capturing);
      List<String> names = capture.attachedInterfaces();
      capture.close();
      tables.finish();
      new PrintStream(System.err, true, StandardCharsets.UTF_8)
          .println("CAPTURE captured=" + capture.captured() + " dropped=" + capture.kernelDrops());
      if (report != null) {
        try (Names nameSource = ConfigOption.names(cfg)) {
          writeReport(tables, names, nameSource);
        }
      }
    } finally {
      capture.stop();
      capturing.join();
      capture.close();
    }
  }

  /** Stops the capture on a signal or at the end of {@code --duration}. */
  private void startStopper(LiveCapture capture, Shutdown shutdown) {
    Thread stopper =
        new Thread(
            () -> {
              if (duration == null) {
                shutdown.await();
              } else if (!shutdown.await((long) (duration * 1000))) {
                shutdown.request("duration");
              }
              capture.stop();
            },
            "iptraf-stop");
    stopper.setDaemon(true);
    stopper.start();
  }

  /**
   * Compiles the capture path before the capture starts: synthetic frames through the ring reader
   * into a throwaway {@code Tables} of the same configuration, with a snapshot after each batch
   * (readers build one every second), in batches until the JIT has compiled nothing for two batches
   * in a row, at least {@code iptraf.warmupFrames} frames (default 300,000; 0 turns the warm-up
   * off) and at most {@link #WARMUP_MAX_MILLIS}.
   */
  private static void warmUp(AgentConfig cfg, Shutdown shutdown) {
    int minFrames = Integer.getInteger("iptraf.warmupFrames", 300_000);
    if (minFrames <= 0) {
      return;
    }
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean watchJit = jit != null && jit.isCompilationTimeMonitoringSupported();
    long t0 = System.nanoTime();
    long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(WARMUP_MAX_MILLIS);
    // the same code with timeouts of seconds, so that expiry, closing, freeing and the reuse of
    // a closed connection's four-tuple run too (the warm-up's flows come back after 3.3 s)
    AgentConfig.Tables t = cfg.tables();
    AgentConfig.Tables quick =
        new AgentConfig.Tables(
            t.tcpMaxConnections(),
            2,
            5,
            t.flowsMaxEntries(),
            2,
            t.stationsMaxEntries(),
            2,
            t.vlansMaxEntries(),
            t.mtu());
    Tables scratch = new Tables(quick, cfg.filters(), System::nanoTime);
    Warmup warmup = new Warmup(scratch);
    Thread reader = readerOf(scratch);
    long frames = 0;
    long lastJitMillis = -1;
    int quietBatches = 0;
    while (quietBatches < 2 && System.nanoTime() < deadline && !shutdown.isRequested()) {
      frames += warmup.run(WARMUP_BATCH);
      if (frames < minFrames) {
        continue;
      }
      if (!watchJit) {
        break;
      }
      long jitMillis = jit.getTotalCompilationTime();
      quietBatches = jitMillis == lastJitMillis ? quietBatches + 1 : 0;
      lastJitMillis = jitMillis;
    }
    reader.interrupt();
    LOG.info(
        "warmed up the capture path with {} synthetic frames in {} ms{}",
        frames,
        (System.nanoTime() - t0) / 1_000_000,
        watchJit ? " (JIT " + jit.getTotalCompilationTime() + " ms so far)" : "");
  }

  /**
   * Asks the warm-up's tables for snapshots while frames go in, as the exporters do during a
   * capture (counters every 10 ms, a full snapshot every 100 ms), so that the writer's serving of
   * them between two frames is compiled too; and every 100 ms runs the JMX exporter's once-a-second
   * work over them ({@link JmxStarter.Rehearsal}).
   */
  private static Thread readerOf(Tables scratch) {
    Thread reader =
        new Thread(
            () -> {
              try (JmxStarter.Rehearsal jmx = new JmxStarter.Rehearsal(scratch)) {
                for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                  if (i % 10 == 0) {
                    scratch.snapshot();
                    jmx.tick();
                  } else {
                    scratch.counters();
                  }
                  Thread.sleep(10);
                }
              } catch (InterruptedException e) {
                // the warm-up is over
              } catch (RuntimeException e) {
                LOG.debug("warm-up reader: {}", e.toString());
              }
            },
            "iptraf-warmup-reader");
    reader.setDaemon(true);
    reader.start();
    return reader;
  }

  /** Waits for the capture to end; a capture failure is one line and exit 1. */
  private static void awaitCapture(AgentSkeleton.Source capturing) throws Exception {
    try {
      capturing.await();
    } catch (CaptureException c) {
      throw new UserError(Main.FAILURE, c.getMessage());
    }
  }

  private void writeReport(Tables tables, List<String> interfaces, Names names) throws IOException {
    ReportSource source = new ReportSource("live", interfaces);
    TablesSnapshot snapshot = tables.snapshot();
    names.prefetch(snapshot);
    if (report.equals("-")) {
      format.write(snapshot, source, names, System.out);
      System.out.flush();
      return;
    }
    try (OutputStream out = new FileOutputStream(report)) {
      format.write(snapshot, source, names, out);
    } catch (IOException e) {
      throw new UserError(Main.FAILURE, "cannot write report " + report + ": " + e.getMessage());
    }
  }
}
