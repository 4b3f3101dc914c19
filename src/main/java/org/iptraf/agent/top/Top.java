package org.iptraf.agent.top;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.iptraf.agent.check.SnmpSource.SnmpFailure;

/** The top command's two ways to run: one screen as plain text, or the full-screen console. */
public final class Top {

  private final AgentReader agent;
  private final String where;

  /**
   * @param where the agent's address, shown in the title line
   */
  public Top(AgentReader agent, String where) {
    this.agent = agent;
    this.where = where;
  }

  /** The screen of an option value ({@code ip}, {@code general}, ...). */
  public static Screen screen(String option) {
    for (Screen s : Screen.values()) {
      if (s.option().equals(option.toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    List<String> names = new ArrayList<>();
    for (Screen s : Screen.values()) {
      names.add(s.option());
    }
    throw new IllegalArgumentException(
        "--screen " + option + ": allowed " + String.join(", ", names));
  }

  /** The order of an option value: {@code bytes}, {@code packets} or {@code age}. */
  public static int order(String option) {
    for (int o = 1; o <= 3; o++) {
      if (View.orderName(o).equals(option.toLowerCase(Locale.ROOT))) {
        return o;
      }
    }
    throw new IllegalArgumentException("--sort " + option + ": allowed bytes, packets, age");
  }

  /**
   * One screen as plain text, {@code height} lines of at most {@code width} characters, footer
   * included; for scripts and tests.
   */
  public String once(
      Screen screen, int order, String filter, String interfaceName, int width, int height)
      throws SnmpFailure {
    View view = view(screen, order, filter, interfaceName);
    Table table = new Fetch(agent).read(view, height);
    StringBuilder b = new StringBuilder();
    for (Layout.Line l : Layout.render(table, view, where, null, width, height)) {
      b.append(l.text()).append('\n');
    }
    return b.toString();
  }

  /**
   * The full-screen console until {@code q}; the first screen is read before the terminal is taken,
   * so an agent that does not answer fails here (SnmpFailure) with the terminal untouched.
   */
  public void interactive(
      Screen screen,
      int order,
      String filter,
      String interfaceName,
      double delaySeconds,
      boolean colour)
      throws SnmpFailure, IOException {
    View view = view(screen, order, filter, interfaceName);
    Fetch fetch = new Fetch(agent);
    fetch.read(view, 24);
    new Console(fetch, view, where, (long) (delaySeconds * 1000), colour).run();
  }

  private static View view(Screen screen, int order, String filter, String interfaceName) {
    View v = new View();
    v.screen = screen;
    v.order = order;
    v.filter = filter.toLowerCase(Locale.ROOT);
    v.interfaceName = interfaceName;
    return v;
  }
}
