package org.iptraf.agent.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.iptraf.agent.check.Check;
import org.iptraf.agent.check.SnmpSource;
import org.iptraf.agent.threshold.MetricCatalog;
import org.iptraf.agent.threshold.Range;

/**
 * {@code check}: a Nagios plugin by the Monitoring Plugins guidelines. One status line with
 * perfdata, exit 0/1/2/3; every failure (agent down, bad option, unknown metric) is UNKNOWN.
 */
final class CheckCommand implements Command {

  final SnmpClientOptions agent = new SnmpClientOptions();
  final List<String> metrics = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();
  final List<String> criticals = new ArrayList<>();
  double timeout;
  boolean list;

  @Override
  public Syntax syntax() {
    Syntax s =
        new Syntax(
            "check",
            "Nagios plugin: read metrics from a running agent over SNMP and compare them "
                + "with warning and critical ranges ([@]start:end: 10, 10:, ~:10, 10:20, @10:20).",
            "Exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.");
    agent.addTo(s);
    return s.list(
            "-m, --metric",
            "NAME",
            "metric to read (repeatable or comma-separated; --list shows them)",
            metrics::add)
        .list(
            "-w, --warning",
            "RANGE",
            "warning range: one for all metrics, or one per metric in order (empty for none)",
            warnings::add)
        .list(
            "-c, --critical",
            "RANGE",
            "critical range: one for all metrics, or one per metric in order",
            criticals::add)
        .option(
            "-t, --timeout",
            "SECONDS",
            "10",
            "seconds before giving up: UNKNOWN",
            value -> timeout = Syntax.number(value))
        .flag("--list", "list the metric names and exit", () -> list = true)
        .footer(
            "",
            "Examples:",
            "  iptraf-agent check -m eth0:inBps -w 800000000 -c 950000000",
            "  iptraf-agent check -m kernelDropRate -m tcpFill -w 0,80 -c 10,95",
            "  iptraf-agent check -m alarm:eth0-in",
            "  iptraf-agent check -P 3 -U monitor -a SHA-256 -A secret1 -x AES-128 \\",
            "      -X secret2 -m frames");
  }

  @Override
  public Integer call() {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    if (list) {
      list(out);
      return 0;
    }
    Check.Result result;
    try {
      List<Check.Request> requests = requests();
      SnmpSource.Settings settings = agent.settings(timeout);
      try (SnmpSource source = new SnmpSource(settings)) {
        result = new Check(agent.rootOid).run(requests, new Reader(source));
      }
    } catch (IllegalArgumentException | java.io.IOException e) {
      result = Check.unknown(e.getMessage());
    }
    out.println(result.output());
    return result.status().exitCode();
  }

  private List<Check.Request> requests() {
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException("no metric: give -m NAME (--list shows them)");
    }
    List<Check.Request> r = new ArrayList<>();
    for (int i = 0; i < metrics.size(); i++) {
      r.add(
          new Check.Request(
              metrics.get(i).strip(), range(warnings, i, "-w"), range(criticals, i, "-c")));
    }
    return r;
  }

  private Range range(List<String> ranges, int i, String option) {
    if (ranges.isEmpty()) {
      return null;
    }
    if (ranges.size() != 1 && ranges.size() != metrics.size()) {
      throw new IllegalArgumentException(
          option
              + " has "
              + ranges.size()
              + " ranges for "
              + metrics.size()
              + " metrics: give one for all, or one per metric");
    }
    String text = ranges.size() == 1 ? ranges.get(0) : ranges.get(i);
    return text.isBlank() ? null : Range.parse(text);
  }

  private static void list(PrintStream out) {
    out.println("Global metrics:");
    for (MetricCatalog.Definition d : MetricCatalog.global()) {
      out.printf("  %-16s %s%n", d.name(), d.description());
    }
    out.println("Per interface (prefix the interface name, e.g. eth0:inBps):");
    for (MetricCatalog.Definition d : MetricCatalog.perInterface()) {
      out.printf("  IF:%-13s %s%n", d.name(), d.description());
    }
    out.println("Alarms configured in the agent:");
    out.printf(
        "  %-16s %s%n",
        "alarm:NAME", "state of alarm NAME (0 ok, 1 warning, 2 critical, 3 unknown)");
  }

  /** Adapts the SNMP source to what the check reads. */
  private record Reader(SnmpSource source) implements org.iptraf.agent.check.MibReader {
    @Override
    public java.util.Map<org.snmp4j.smi.OID, org.snmp4j.smi.Variable> get(
        List<org.snmp4j.smi.OID> oids) throws SnmpSource.SnmpFailure {
      return source.get(oids);
    }

    @Override
    public List<org.snmp4j.smi.VariableBinding> walk(org.snmp4j.smi.OID column)
        throws SnmpSource.SnmpFailure {
      return source.walk(column);
    }
  }
}
