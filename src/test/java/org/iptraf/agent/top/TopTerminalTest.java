package org.iptraf.agent.top;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.iptraf.agent.testutil.Tmux;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code top} in a real terminal (tmux): every screen by its key, the filter typed, the order and
 * the pause toggled, the window resized to 200×60 and back to 80×24, and {@code q}; what the pane
 * shows is checked against the JSON report of the served replay.
 */
class TopTerminalTest {

  @TempDir static Path dir;
  private static TopFixture agent;

  @BeforeAll
  static void serve() throws Exception {
    agent = TopFixture.serve(dir);
  }

  @AfterAll
  static void stop() {
    if (agent != null) {
      agent.close();
    }
  }

  /** Every row within the width, the title on top and the keys at the bottom. */
  private static boolean readable(List<String> screen, int columns, int rows) {
    if (screen.size() < rows) {
      return false;
    }
    List<String> lines = screen.subList(0, rows);
    return lines.stream().allMatch(l -> l.length() <= columns)
        && lines.get(0).contains("iptraf-agent top")
        && lines.get(rows - 2).contains("i IP traffic")
        && lines.get(rows - 2).contains("l Stations")
        && lines.get(rows - 1).contains("q quit");
  }

  /**
   * Waits until the pane is readable at that size and shows every one of {@code texts} (a screen
   * caught halfway through a redraw is polled again, not judged).
   */
  private static List<String> shows(Tmux t, int columns, int rows, String... texts)
      throws Exception {
    return t.await(
        columns + "x" + rows + " with " + String.join(", ", texts),
        s -> {
          String all = String.join("\n", s);
          for (String x : texts) {
            if (!all.contains(x)) {
              return false;
            }
          }
          return readable(s, columns, rows);
        });
  }

  private static String text(JsonNode node, String field) {
    return node.get(field).asText();
  }

  @Test
  void everyScreenByItsKeyAtEightyByTwentyFourAndTwoHundredBySixty() throws Exception {
    JsonNode report = agent.report;
    JsonNode first = report.get("tcpConnections").get(0);
    JsonNode iface = report.get("interfaces").get(0);
    JsonNode station = report.get("stations").get(0);
    JsonNode port = report.get("ports").get(0);
    try (Tmux t = Tmux.start(agent.top("-d", "0.5"), 80, 24)) {
      List<String> s =
          shows(
              t,
              80,
              24,
              "IP traffic monitor",
              text(first, "a") + " > " + text(first, "b"),
              "Other flows");

      t.keys("g");
      s = shows(t, 80, 24, "General interface statistics", text(iface, "name"));
      assertThat(String.join("\n", s)).contains(text(iface.get("total"), "packets"));

      t.keys("d");
      s = shows(t, 80, 24, "Detailed interface statistics", " Multicast", "Rates");

      t.keys("s");
      s = shows(t, 80, 24, "Packet sizes", "rmon", "over1518");

      t.keys("l");
      s = shows(t, 80, 24, "LAN stations", text(station, "mac"));

      t.keys("p");
      s = shows(t, 80, 24, "TCP/UDP ports", " " + text(port, "port") + " ");

      t.keys("a");
      s = shows(t, 80, 24, "Alarms", "busy-link");

      t.resize(200, 60);
      t.keys("i");
      List<String> all = new java.util.ArrayList<>(List.of("IP traffic monitor"));
      for (JsonNode c : report.get("tcpConnections")) {
        all.add(text(c, "a") + " > " + text(c, "b"));
      }
      s = shows(t, 200, 60, all.toArray(String[]::new));
      assertThat(s).as("the wide window is used").anyMatch(l -> l.length() > 120);
      t.keys("l");
      s = shows(t, 200, 60, "LAN stations", text(station, "mac"));

      t.resize(80, 24);
      t.keys("i");
      s = shows(t, 80, 24, "IP traffic monitor", "Other flows");

      t.keys("/");
      t.type("10.0.0.3");
      t.keys("Enter");
      s = t.awaitText("[filter: 10.0.0.3 in the top 1000]", "10.0.0.1:40001 > 10.0.0.3:22");
      assertThat(String.join("\n", s)).doesNotContain("10.0.0.2:80");
      t.keys("Escape");
      s = t.awaitText(text(first, "a") + " > " + text(first, "b"));

      t.keys("o");
      s = t.awaitText("by packets");
      assertThat(lineOf(s, "10.0.0.4:5555 > ")).isLessThan(lineOf(s, "10.0.0.1:40000 > "));

      t.keys("Space");
      t.awaitText("[paused]");
      t.keys("Space");
      t.await("the pause ended", x -> !String.join("\n", x).contains("[paused]"));

      t.keys("q");
      t.awaitText("EXIT=0");
    }
  }

  /** Inverse title and footer, bold headings; none of it once NO_COLOR is set (no-color.org). */
  @Test
  void colourUnlessNoColorIsSet() throws Exception {
    for (boolean noColour : new boolean[] {false, true}) {
      List<String> command = new java.util.ArrayList<>();
      if (noColour) {
        command.addAll(List.of("env", "NO_COLOR=1"));
      }
      command.addAll(agent.top());
      try (Tmux t = Tmux.start(command, 80, 24)) {
        shows(t, 80, 24, "IP traffic monitor", "Other flows");
        String attributes = t.screenWithAttributes();
        if (noColour) {
          assertThat(attributes).as("NO_COLOR=1").doesNotContain("\u001b[");
        } else {
          assertThat(attributes).as("colour on a terminal").contains("\u001b[");
        }
        t.keys("q");
        t.awaitText("EXIT=0");
      }
    }
  }

  @Test
  void scrollingStopsAtTheLastRow() throws Exception {
    JsonNode tcp = agent.report.get("tcpConnections");
    JsonNode last = tcp.get(tcp.size() - 1);
    try (Tmux t = Tmux.start(agent.top(), 80, 24)) {
      shows(t, 80, 24, "IP traffic monitor", "Other flows");
      for (int i = 0; i < tcp.size() + 5; i++) {
        t.keys("Down");
      }
      List<String> s =
          shows(t, 80, 24, "(" + tcp.size() + "-" + tcp.size() + " of " + tcp.size() + ")");
      assertThat(String.join("\n", s)).contains(text(last, "a").substring(0, 12));
      t.keys("Home");
      shows(t, 80, 24, "(1-" + tcp.size() + " of " + tcp.size() + ")");
      t.keys("q");
      t.awaitText("EXIT=0");
    }
  }

  private static int lineOf(List<String> screen, String text) {
    for (int i = 0; i < screen.size(); i++) {
      if (screen.get(i).contains(text)) {
        return i;
      }
    }
    throw new AssertionError("no " + text + " in\n" + String.join("\n", screen));
  }
}
