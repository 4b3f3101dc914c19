package org.iptraf.agent.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.iptraf.agent.capture.file.CaptureFileException;
import org.iptraf.agent.capture.file.CaptureFileReader;
import org.iptraf.agent.capture.file.CaptureFiles;
import org.iptraf.agent.capture.file.ReadSummary;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.ipfix.IpfixExporter;
import org.iptraf.agent.names.Names;
import org.iptraf.agent.report.ReportSource;
import org.iptraf.agent.stats.Tables;
import org.iptraf.agent.stats.TablesSnapshot;

/** {@code replay FILE...}: pcap and pcapng files at full speed through the decoder and tables. */
final class ReplayCommand implements Command {

  final List<Path> files = new ArrayList<>();
  boolean checkConfig;
  ReportFormat format;
  boolean serve;
  final ConfigOption config = new ConfigOption();

  @Override
  public Syntax syntax() {
    Syntax s =
        new Syntax(
                "replay",
                "Read pcap/pcapng files through the same decoder and tables as live capture "
                    + "and print the final tables.")
            .operands(
                "FILE",
                "pcap or pcapng files, in order (at least one unless --check-config)",
                file -> files.add(Syntax.path(file)))
            .flag(
                "--check-config",
                "validate the configuration, print 'config OK: FILE' and exit 0, or the "
                    + "file, line and key and exit 2; read no capture file",
                () -> checkConfig = true)
            .flag(
                "--serve",
                "after the report, keep serving the final tables (SNMP/JMX as configured) "
                    + "until SIGTERM or SIGINT",
                () -> serve = true);
    return config.addTo(ReportFormat.option(s, f -> format = f));
  }

  @Override
  public Integer call() throws Exception {
    if (checkConfig) {
      return ConfigCheck.checkOnly(config.load(), config);
    }
    if (files.isEmpty()) {
      throw new Syntax.UsageException("Missing required parameter: 'FILE'");
    }
    AgentSkeleton agent = AgentSkeleton.load(config);
    List<String> names = new ArrayList<>();
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    if (serve) {
      replayAndServe(agent, names, err);
      return Main.OK;
    }
    AgentConfig cfg = agent.cfg;
    // no exporter serves a plain replay, but flow export is the replay's output too: it gets
    // every row, and its last round runs once the tables are final
    IpfixExporter ipfix = IpfixStarter.start(cfg, agent.tables, IpfixStarter.counters(cfg.ipfix()));
    try (Names nameSource = ConfigOption.names(cfg)) {
      replay(agent.tables, names, nameSource, err);
    } finally {
      if (ipfix != null) {
        ipfix.close();
      }
    }
    return Main.OK;
  }

  /**
   * With --serve the exporters are up during the replay too, so a long replay can be watched. The
   * replay thread starts first: the exporters read snapshots while starting, and only a running
   * writer (or a finished one) answers them without waiting out a timeout.
   */
  private void replayAndServe(AgentSkeleton agent, List<String> names, PrintStream err)
      throws Exception {
    Shutdown shutdown = Shutdown.install();
    AgentSkeleton.Source replaying =
        agent.startSource(
            "iptraf-replay",
            () -> {
              try (Names nameSource = ConfigOption.names(agent.cfg)) {
                replay(agent.tables, names, nameSource, err);
              }
            });
    List<String> fileNames = files.stream().map(Path::toString).toList();
    agent.serve(
        shutdown,
        agent.agent("replay", fileNames),
        () -> {
          replaying.await();
          shutdown.await();
        },
        replaying::join);
  }

  private void replay(Tables tables, List<String> names, Names nameSource, PrintStream err)
      throws Exception {
    InterfaceMerger sink = new InterfaceMerger(tables);
    int nextId = 0;
    for (Path file : files) {
      try (CaptureFileReader reader = CaptureFiles.open(file, nextId)) {
        ReadSummary summary = reader.read(sink);
        nextId += summary.interfaces();
        if (!summary.clean()) {
          err.println(
              "iptraf-agent: "
                  + file
                  + ": "
                  + summary.problem().message()
                  + "; counted the "
                  + summary.frames()
                  + " frames before it");
        }
      } catch (CaptureFileException e) {
        throw new UserError(Main.USAGE, e.getMessage());
      }
      names.add(file.toString());
    }
    tables.finish();
    TablesSnapshot snapshot = tables.snapshot();
    nameSource.prefetch(snapshot);
    format.write(snapshot, new ReportSource("pcap", names), nameSource, System.out);
    System.out.flush();
  }
}
