package org.iptraf.agent.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.iptraf.agent.names.Names;
import org.iptraf.agent.report.JsonReport;
import org.iptraf.agent.report.ReportSource;
import org.iptraf.agent.report.TextReport;
import org.iptraf.agent.stats.TablesSnapshot;

/** {@code --format json|text}. */
enum ReportFormat {
  json {
    @Override
    void write(TablesSnapshot s, ReportSource source, Names names, OutputStream out) {
      try {
        // JsonOut hands its output on 64 KB at a time: some 400 write calls for 10^5 flows
        JsonReport.write(s, source, names, out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  },
  text {
    @Override
    void write(TablesSnapshot s, ReportSource source, Names names, OutputStream out) {
      PrintStream p = new PrintStream(out, false, StandardCharsets.UTF_8);
      TextReport.write(s, source, p);
      p.flush();
    }
  };

  /** Adds {@code --format json|text} (json by default) to a command's syntax. */
  static Syntax option(Syntax syntax, Consumer<ReportFormat> set) {
    return syntax.option(
        "--format", "json|text", "json", "report format", value -> set.accept(of(value)));
  }

  /** The format a {@code --format} value names. */
  static ReportFormat of(String value) {
    for (ReportFormat f : values()) {
      if (f.name().equals(value)) {
        return f;
      }
    }
    throw new IllegalArgumentException("'" + value + "' is not json or text");
  }

  /** The report, with the names that are known ({@link Names#NONE} for none). */
  abstract void write(TablesSnapshot s, ReportSource source, Names names, OutputStream out);
}
