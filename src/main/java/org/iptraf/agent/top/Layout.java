package org.iptraf.agent.top;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays a {@link Table} out on a terminal of a given size: a title line, the sections, and two
 * footer lines with the keys and the state (filter, pause). Cells are cut, never wrapped, so that
 * every line stays one row of the screen at any width.
 */
final class Layout {

  /** How a line is drawn when colour is on. */
  enum Style {
    TITLE,
    HEADING,
    HEADER,
    BODY,
    FOOTER
  }

  record Line(String text, Style style) {}

  /** Lines above and below the sections: the title, and the keys and state lines. */
  static final int CHROME = 3;

  private static final String KEYS;

  static {
    StringBuilder b = new StringBuilder();
    for (Screen s : Screen.values()) {
      b.append(s.key).append(' ').append(shortTitle(s)).append("  ");
    }
    KEYS = b.toString().strip();
  }

  private Layout() {}

  private static String shortTitle(Screen s) {
    return switch (s) {
      case IP -> "IP traffic";
      case GENERAL -> "General";
      case DETAIL -> "Detailed";
      case SIZES -> "Sizes";
      case STATIONS -> "Stations";
      case PORTS -> "Ports";
      case ALARMS -> "Alarms";
    };
  }

  /** Lines of each section on a screen {@code height} rows high (heading and header included). */
  static int[] split(Screen screen, int height) {
    int body = Math.max(2, height - CHROME);
    return switch (screen) {
      case IP -> {
        int flows = Math.max(3, body / 3);
        yield new int[] {Math.max(2, body - flows), Math.min(flows, body)};
      }
      case DETAIL -> {
        int rates = Math.min(7, body / 3);
        yield new int[] {body - rates, rates};
      }
      default -> new int[] {body};
    };
  }

  /** Entries of the first section that fit, given lines per entry. */
  static int capacity(Screen screen, int height, int linesPerEntry) {
    return Math.max(1, (split(screen, height)[0] - 2) / linesPerEntry);
  }

  static List<Line> render(
      Table table, View view, String where, String error, int width, int height) {
    List<Line> out = new ArrayList<>();
    String title =
        " iptraf-agent top | " + view.screen.title + " | " + where + " | " + table.summary();
    out.add(new Line(cut(title, width), Style.TITLE));
    int[] lines = split(view.screen, height);
    for (int i = 0; i < table.sections().size() && i < lines.length; i++) {
      section(table.sections().get(i), i == 0 ? view : null, width, lines[i], out);
    }
    while (out.size() < height - 2) {
      out.add(new Line("", Style.BODY));
    }
    out.add(new Line(cut(" " + KEYS, width), Style.FOOTER));
    out.add(new Line(cut(" " + state(view, error), width), Style.FOOTER));
    return out.size() > height ? out.subList(out.size() - height, out.size()) : out;
  }

  private static String state(View view, String error) {
    StringBuilder b = new StringBuilder();
    if (error != null) {
      b.append("! ").append(error).append("  ");
    }
    if (view.editingFilter) {
      b.append("filter: ").append(view.filter);
      b.append("_  (searches the ").append(Fetch.FILTER_SCAN).append(" top-ranked rows; ");
      b.append("Enter keeps it, Esc clears)");
      return b.toString();
    }
    // what holds the view first: the help after it is what a narrow terminal cuts
    if (!view.filter.isEmpty()) {
      b.append("[filter: ").append(view.filter).append(" in the top ");
      b.append(Fetch.FILTER_SCAN).append("]  ");
    }
    if (view.paused) {
      b.append("[paused]  ");
    }
    b.append("q quit  / filter  o sort  n interface  space pause  arrows/PgUp/PgDn scroll");
    return b.toString();
  }

  /** One section in at most {@code room} lines; {@code view} non-null for the scrolling one. */
  private static void section(Table.Section s, View view, int width, int room, List<Line> out) {
    if (room <= 0) {
      return;
    }
    List<Table.Entry> entries = s.entries();
    int skip = 0;
    if (view != null) {
      if (!view.filter.isEmpty()) {
        entries = entries.stream().filter(e -> e.matches(view.filter)).toList();
      }
      skip = Math.max(0, Math.min(view.offset - s.firstRank(), entries.size()));
    }
    List<List<String>> shown = new ArrayList<>();
    for (int e = skip; e < entries.size(); e++) {
      List<List<String>> lines = entries.get(e).lines();
      if (shown.size() + lines.size() > room - 2) {
        break;
      }
      shown.addAll(lines);
    }
    String heading = s.heading();
    if (view != null && !entries.isEmpty()) {
      int first = s.firstRank() + skip + 1;
      heading += "  (" + first + "-" + (first + Math.max(0, count(entries, skip, shown)) - 1);
      heading += view.filter.isEmpty() && s.total() >= 0 ? " of " + s.total() + ")" : ")";
    }
    out.add(new Line(cut(" " + heading, width), Style.HEADING));
    if (room == 1) {
      return;
    }
    int[] w = widths(s.columns(), shown, width);
    List<String> header = new ArrayList<>();
    for (Table.Column c : s.columns()) {
      header.add(c.heading());
    }
    out.add(new Line(cut(row(s.columns(), header, w), width), Style.HEADER));
    for (List<String> line : shown) {
      out.add(new Line(cut(row(s.columns(), line, w), width), Style.BODY));
    }
  }

  private static int count(List<Table.Entry> entries, int skip, List<List<String>> shown) {
    int lines = 0;
    int n = 0;
    for (int e = skip; e < entries.size() && lines < shown.size(); e++, n++) {
      lines += entries.get(e).lines().size();
    }
    return n;
  }

  /** Widths from the content; spare width to the flexible columns, flexible ones shrink first. */
  static int[] widths(List<Table.Column> columns, List<List<String>> lines, int width) {
    int n = columns.size();
    int[] w = new int[n];
    for (int i = 0; i < n; i++) {
      w[i] = columns.get(i).heading().length();
      for (List<String> line : lines) {
        if (i < line.size()) {
          w[i] = Math.max(w[i], line.get(i).length());
        }
      }
    }
    int total = 1 + n - 1;
    for (int x : w) {
      total += x;
    }
    // too wide: the widest text column gives a character, until it fits or all are narrow
    while (total > width) {
      int widest = -1;
      for (int i = 0; i < n; i++) {
        if (!columns.get(i).right() && w[i] > 8 && (widest < 0 || w[i] > w[widest])) {
          widest = i;
        }
      }
      if (widest < 0) {
        break; // the line is cut at the edge
      }
      w[widest]--;
      total--;
    }
    int flex = (int) columns.stream().filter(Table.Column::flex).count();
    for (int i = 0; i < n && flex > 0 && total < width; i++) {
      if (columns.get(i).flex()) {
        int share = (width - total) / flex;
        w[i] += share;
        total += share;
        flex--;
      }
    }
    return w;
  }

  private static String row(List<Table.Column> columns, List<String> cells, int[] w) {
    StringBuilder b = new StringBuilder(" ");
    for (int i = 0; i < columns.size(); i++) {
      String cell = i < cells.size() ? cells.get(i) : "";
      if (cell.length() > w[i]) {
        cell = w[i] <= 1 ? cell.substring(0, Math.max(0, w[i])) : cell.substring(0, w[i] - 1) + "~";
      }
      String pad = " ".repeat(w[i] - cell.length());
      b.append(columns.get(i).right() ? pad + cell : cell + pad);
      if (i < columns.size() - 1) {
        b.append(' ');
      }
    }
    return b.toString().stripTrailing();
  }

  static String cut(String s, int width) {
    return s.length() <= width ? s : s.substring(0, Math.max(0, width));
  }
}
