package org.iptraf.agent.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.iptraf.agent.check.SnmpSource;
import org.iptraf.agent.top.AgentReader;
import org.iptraf.agent.top.Screen;
import org.iptraf.agent.top.Top;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code top}: IPTraf's screens on a terminal, read from a running agent over SNMP with the
 * connection options of {@code check}. Exit 0 on {@code q} (or after {@code --once}), 3 when the
 * agent cannot be reached, 2 on a bad option.
 */
@Command(
    name = "top",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "IPTraf's screens from a running agent, over SNMP: IP traffic monitor, general and "
          + "detailed interface statistics, packet sizes, LAN stations, ports, alarms.",
      "Keys: i g d s l p a switch screens, / filter, o sort, n next interface, space pause, "
          + "arrows and PgUp/PgDn scroll, q quit.",
      "Exit 0, 3 when the agent cannot be reached."
    },
    footer = {
      "",
      "Examples:",
      "  iptraf-agent top",
      "  iptraf-agent top -H 192.0.2.7 -d 2",
      "  iptraf-agent top --once --screen general",
      "  iptraf-agent top -P 3 -U monitor -a SHA-256 -A secret1 -x AES-128 -X secret2"
    })
final class TopCommand implements Callable<Integer> {

  static final int UNREACHABLE = 3;

  @Mixin SnmpClientOptions agent;

  @Option(
      names = {"-t", "--timeout"},
      defaultValue = "2",
      description = "seconds to wait for an answer (default: ${DEFAULT-VALUE})")
  double timeout;

  @Option(
      names = {"-d", "--delay"},
      defaultValue = "1",
      description = "seconds between redraws (default: ${DEFAULT-VALUE})")
  double delay;

  @Option(
      names = "--screen",
      defaultValue = "ip",
      paramLabel = "NAME",
      description =
          "first screen: ip, general, detail, sizes, stations, ports, alarms "
              + "(default: ${DEFAULT-VALUE})")
  String screen;

  @Option(
      names = "--sort",
      defaultValue = "bytes",
      description =
          "TCP connections by bytes or packets of the last interval, or by age "
              + "(default: ${DEFAULT-VALUE})")
  String sort;

  @Option(
      names = "--filter",
      defaultValue = "",
      paramLabel = "TEXT",
      description =
          "show only rows containing TEXT (an address, a port, ...), searched in all the rows "
              + "the agent ranks (iptrafTopRows, the 1000 busiest of each table)")
  String filter;

  @Option(
      names = "--interface",
      paramLabel = "NAME",
      description = "the interface of the detailed statistics")
  String interfaceName;

  @Option(
      names = "--once",
      description = "print one screen as plain text and exit (scripts, pipes)")
  boolean once;

  @Option(
      names = "--width",
      defaultValue = "80",
      description = "--once: columns (default: ${DEFAULT-VALUE})")
  int width;

  @Option(
      names = "--height",
      defaultValue = "24",
      description = "--once: lines (default: ${DEFAULT-VALUE})")
  int height;

  @Override
  public Integer call() throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Screen first;
    int order;
    SnmpSource.Settings settings;
    try {
      first = Top.screen(screen);
      order = Top.order(sort);
      if (delay <= 0 || width < 20 || height < 4) {
        throw new IllegalArgumentException(
            "-d must be above 0, --width at least 20, --height at least 4");
      }
      settings = agent.settings(timeout);
    } catch (IllegalArgumentException e) {
      System.err.println("iptraf-agent top: " + e.getMessage());
      return Main.USAGE;
    }
    String where = agent.where();
    try (SnmpSource source = new SnmpSource(settings)) {
      Top top = new Top(new AgentReader(source, agent.rootOid), where);
      // a pipe or a file gets one plain screen: there is no terminal to redraw
      if (once || System.console() == null) {
        out.print(top.once(first, order, filter, interfaceName, width, height));
        return Main.OK;
      }
      top.interactive(first, order, filter, interfaceName, delay, colour());
      return Main.OK;
    } catch (SnmpSource.SnmpFailure e) {
      System.err.println("iptraf-agent top: " + e.getMessage()); // it names the address
      return UNREACHABLE;
    } catch (java.io.IOException e) {
      System.err.println(
          "iptraf-agent top: cannot reach the agent at " + where + ": " + e.getMessage());
      return UNREACHABLE;
    }
  }

  /** https://no-color.org: colour unless NO_COLOR is set to something. */
  private static boolean colour() {
    String noColour = System.getenv("NO_COLOR");
    return noColour == null || noColour.isEmpty();
  }
}
