package org.iptraf.agent.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.iptraf.agent.capture.live.CaptureException;
import org.iptraf.agent.capture.live.LiveCapture;
import org.iptraf.agent.capture.live.LiveCaptureSettings;
import org.iptraf.agent.capture.live.Warmup;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.names.Names;
import org.iptraf.agent.report.ReportSource;
import org.iptraf.agent.stats.Tables;
import org.iptraf.agent.stats.TablesSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code run}: live capture into the tables until SIGTERM/SIGINT or {@code --duration}, then the
 * report; prints {@code CAPTURE captured=N dropped=M} to stderr on the way out (the bench reads it).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Capture live from interfaces into the tables until stopped.")
final class RunCommand implements Callable<Integer> {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunCommand.class);

  @Option(names = {"-i", "--interface"}, paramLabel = "IFACE",
      description = "interface to capture (repeatable; default: capture.interfaces, or every up "
          + "interface)")
  List<String> interfaces = List.of();

  @Option(names = "--duration", paramLabel = "S", description = "stop after S seconds")
  Double duration;

  @Option(names = "--report", paramLabel = "FILE|-",
      description = "write the final tables to FILE (- for stdout) on exit")
  String report;

  @Option(names = "--format", defaultValue = "json", paramLabel = "json|text",
      description = "report format (default: ${DEFAULT-VALUE})")
  ReportFormat format;

  @Option(names = "--check-config",
      description = "validate the configuration (keys, values, filters, alarms), print "
          + "'config OK: FILE' and exit 0, or the file, line and key and exit 2; capture nothing")
  boolean checkConfig;

  @Mixin ConfigOption config;

  @Override
  public Integer call() throws Exception {
    if (checkConfig) {
      return ConfigCheck.checkOnly(config.load(), config);
    }
    Shutdown shutdown = Shutdown.install(); // first: a signal during start-up still stops cleanly
    AgentConfig cfg = config.load();
    ConfigCheck.check(cfg);
    org.iptraf.agent.alarm.AlarmEngine alarms = ConfigOption.alarms(cfg);
    LiveCaptureSettings settings;
    try {
      settings = LiveCaptureSettings.of(cfg.capture(), interfaces);
    } catch (IllegalArgumentException e) {
      throw new UserError(Main.USAGE, e.getMessage());
    }
    if (duration != null && !(duration > 0)) {
      throw new UserError(Main.USAGE, "--duration " + duration + " must be > 0 seconds");
    }
    Tables tables = new Tables(cfg.tables(), cfg.filters(), System::nanoTime);
    LiveCapture capture;
    try {
      capture = new LiveCapture(settings, tables);
    } catch (CaptureException e) {
      throw new UserError(Main.FAILURE, e.getMessage());
    }
    // after the sockets are bound (so a missing capability is still the only line printed, and
    // the warm-up's CPU counts with the capture's): the ring holds what arrives meanwhile
    warmUp(cfg);
    tables.kernelDrops(capture::kernelDrops);
    Thread stopper = new Thread(() -> {
      if (duration == null) {
        shutdown.await();
      } else if (!shutdown.await((long) (duration * 1000))) {
        shutdown.request("duration");
      }
      capture.stop();
    }, "iptraf-stop");
    stopper.setDaemon(true);
    AgentInfo agent = new AgentInfo(new Main.Version().getVersion()[0], "live", config.file,
        System.currentTimeMillis(), settings.interfaces(), alarms);
    // the capture runs before the exporters start: they read snapshots while starting, and only
    // a running writer answers them (an idle one would make each read wait out its timeout)
    // once the capture has ended, finish() lets readers build snapshots themselves at once
    FutureTask<Void> capturing = new FutureTask<>(() -> {
      try {
        capture.run();
      } finally {
        tables.finish();
      }
    }, null);
    Thread captureThread = new Thread(capturing, "iptraf-capture");
    stopper.start();
    captureThread.start();
    Exporters exporters;
    try {
      exporters = Exporters.start(cfg, tables, agent);
    } catch (RuntimeException e) {
      capture.stop();
      captureThread.join();
      capture.close();
      shutdown.finished();
      throw e;
    }
    try (exporters) {
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
      captureThread.join();
      capture.close();
      shutdown.finished();
    }
    return Main.OK;
  }

  /**
   * Compiles the capture path before the first block is read: synthetic frames through the ring reader
   * into a throwaway {@code Tables} of the same configuration. {@code -Diptraf.warmupFrames=0}
   * turns it off (for measuring).
   */
  private static void warmUp(AgentConfig cfg) {
    int frames = Integer.getInteger("iptraf.warmupFrames", 300_000);
    if (frames <= 0) {
      return;
    }
    long t0 = System.nanoTime();
    Warmup.run(new Tables(cfg.tables(), cfg.filters(), System::nanoTime), frames);
    LOG.info("warmed up the capture path with {} synthetic frames in {} ms", frames,
        (System.nanoTime() - t0) / 1_000_000);
  }

  /** Waits for the capture to end; a capture failure is one line and exit 1. */
  private static void awaitCapture(FutureTask<Void> capturing) throws InterruptedException {
    try {
      capturing.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CaptureException c) {
        throw new UserError(Main.FAILURE, c.getMessage());
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private void writeReport(Tables tables, List<String> interfaces, Names names)
      throws IOException {
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
