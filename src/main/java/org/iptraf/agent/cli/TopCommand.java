package org.iptraf.agent.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.iptraf.agent.check.SnmpSource;
import org.iptraf.agent.top.AgentReader;
import org.iptraf.agent.top.Screen;
import org.iptraf.agent.top.Top;

/**
 * {@code top}: IPTraf's screens on a terminal, read from a running agent over SNMP with the
 * connection options of {@code check}. Exit 0 on {@code q} (or after {@code --once}), 3 when the
 * agent cannot be reached, 2 on a bad option.
 */
final class TopCommand implements Command {

  static final int UNREACHABLE = 3;

  final SnmpClientOptions agent = new SnmpClientOptions();
  double timeout;
  double delay;
  String screen;
  String sort;
  String filter = "";
  String interfaceName;
  boolean once;
  int width;
  int height;

  @Override
  public Syntax syntax() {
    Syntax s =
        new Syntax(
            "top",
            "IPTraf's screens from a running agent, over SNMP: IP traffic monitor, general and "
                + "detailed interface statistics, packet sizes, LAN stations, ports, alarms.",
            "Keys: i g d s l p a switch screens, / filter, o sort, n next interface, space pause, "
                + "arrows and PgUp/PgDn scroll, q quit.",
            "Exit 0, 3 when the agent cannot be reached.");
    agent.addTo(s);
    return s.option(
            "-t, --timeout",
            "SECONDS",
            "2",
            "seconds to wait for an answer",
            value -> timeout = Syntax.number(value))
        .option(
            "-d, --delay",
            "SECONDS",
            "1",
            "seconds between redraws",
            value -> delay = Syntax.number(value))
        .option(
            "--screen",
            "NAME",
            "ip",
            "first screen: ip, general, detail, sizes, stations, ports, alarms",
            value -> screen = value)
        .option(
            "--sort",
            "bytes|packets|age",
            "bytes",
            "TCP connections by bytes or packets of the last interval, or by age",
            value -> sort = value)
        .option(
            "--filter",
            "TEXT",
            "show only rows containing TEXT (an address, a port, ...), searched in all the rows "
                + "the agent ranks (iptrafTopRows, the 1000 busiest of each table)",
            value -> filter = value)
        .option(
            "--interface",
            "NAME",
            "the interface of the detailed statistics",
            value -> interfaceName = value)
        .flag(
            "--once", "print one screen as plain text and exit (scripts, pipes)", () -> once = true)
        .option(
            "--width", "COLUMNS", "80", "--once: columns", value -> width = Syntax.integer(value))
        .option("--height", "LINES", "24", "--once: lines", value -> height = Syntax.integer(value))
        .footer(
            "",
            "Examples:",
            "  iptraf-agent top",
            "  iptraf-agent top -H 192.0.2.7 -d 2",
            "  iptraf-agent top --once --screen general",
            "  iptraf-agent top -P 3 -U monitor -a SHA-256 -A secret1 -x AES-128 -X secret2");
  }

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
