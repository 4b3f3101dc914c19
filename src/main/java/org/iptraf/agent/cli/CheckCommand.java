package org.iptraf.agent.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.iptraf.agent.check.Check;
import org.iptraf.agent.check.SnmpSource;
import org.iptraf.agent.threshold.MetricCatalog;
import org.iptraf.agent.threshold.Range;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code check}: a Nagios plugin by the Monitoring Plugins guidelines. One status line with
 * perfdata, exit 0/1/2/3; every failure (agent down, bad option, unknown metric) is UNKNOWN.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Nagios plugin: read metrics from a running agent over SNMP and compare them "
          + "with warning and critical ranges ([@]start:end: 10, 10:, ~:10, 10:20, @10:20).",
      "Exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN."
    },
    footer = {
      "",
      "Examples:",
      "  iptraf-agent check -m eth0:inBps -w 800000000 -c 950000000",
      "  iptraf-agent check -m kernelDropRate -m tcpFill -w 0,80 -c 10,95",
      "  iptraf-agent check -m alarm:eth0-in",
      "  iptraf-agent check -P 3 -U monitor -a SHA-256 -A secret1 -x AES-128 -X secret2 "
          + "-m frames"
    })
final class CheckCommand implements Callable<Integer> {

  @Option(
      names = {"-H", "--hostname"},
      defaultValue = "127.0.0.1",
      description = "agent address (default: ${DEFAULT-VALUE})")
  String host;

  @Option(
      names = {"-p", "--port"},
      defaultValue = "1161",
      description = "agent UDP port (default: ${DEFAULT-VALUE})")
  int port;

  @Option(
      names = {"-P", "--protocol"},
      defaultValue = "2c",
      paramLabel = "2c|3",
      description = "SNMP version (default: ${DEFAULT-VALUE})")
  String protocol;

  @Option(
      names = {"-C", "--community"},
      defaultValue = "public",
      description = "SNMPv2c community (default: ${DEFAULT-VALUE})")
  String community;

  @Option(
      names = {"-U", "--secname"},
      description = "SNMPv3 user (authPriv)")
  String user;

  @Option(
      names = {"-a", "--authproto"},
      defaultValue = "SHA-256",
      description =
          "SNMPv3 authentication: SHA-224, SHA-256, SHA-384, SHA-512 "
              + "(default: ${DEFAULT-VALUE})")
  String authProtocol;

  @Option(
      names = {"-A", "--authpasswd"},
      description = "SNMPv3 authentication password")
  String authPassword;

  @Option(
      names = {"-x", "--privproto"},
      defaultValue = "AES-128",
      description = "SNMPv3 privacy: AES-128, AES-192, AES-256 (default: ${DEFAULT-VALUE})")
  String privProtocol;

  @Option(
      names = {"-X", "--privpasswd"},
      description = "SNMPv3 privacy password")
  String privPassword;

  @Option(
      names = {"-m", "--metric"},
      paramLabel = "NAME",
      split = ",",
      description = "metric to read (repeatable or comma-separated; --list shows them)")
  List<String> metrics = new ArrayList<>();

  @Option(
      names = {"-w", "--warning"},
      paramLabel = "RANGE",
      split = ",",
      description =
          "warning range: one for all metrics, or one per metric in order " + "(empty for none)")
  List<String> warnings = new ArrayList<>();

  @Option(
      names = {"-c", "--critical"},
      paramLabel = "RANGE",
      split = ",",
      description = "critical range: one for all metrics, or one per metric in order")
  List<String> criticals = new ArrayList<>();

  @Option(
      names = {"-t", "--timeout"},
      defaultValue = "10",
      description = "seconds before giving up: UNKNOWN (default: ${DEFAULT-VALUE})")
  double timeout;

  @Option(
      names = "--root-oid",
      defaultValue = "1.3.6.1.4.1.32473.7",
      description =
          "root of IPTRAF-AGENT-MIB, as the agent's snmp.rootOid " + "(default: ${DEFAULT-VALUE})")
  String rootOid;

  @Option(names = "--list", description = "list the metric names and exit")
  boolean list;

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
      SnmpSource.Settings settings =
          new SnmpSource.Settings(
              host,
              port,
              community,
              protocol.equals("3") ? required(user, "-U") : null,
              authProtocol,
              protocol.equals("3") ? required(authPassword, "-A") : null,
              privProtocol,
              protocol.equals("3") ? required(privPassword, "-X") : null,
              (long) (timeout * 1000));
      if (!protocol.equals("2c") && !protocol.equals("3")) {
        throw new IllegalArgumentException("-P " + protocol + ": allowed 2c or 3");
      }
      try (SnmpSource source = new SnmpSource(settings)) {
        result = new Check(rootOid).run(requests, new Reader(source));
      }
    } catch (IllegalArgumentException | java.io.IOException e) {
      result = Check.unknown(e.getMessage());
    }
    out.println(result.output());
    return result.status().exitCode();
  }

  private static String required(String value, String option) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("SNMPv3 needs " + option);
    }
    return value;
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
