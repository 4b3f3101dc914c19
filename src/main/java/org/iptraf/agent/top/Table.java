package org.iptraf.agent.top;

import java.util.List;

/**
 * What one screen shows, before it is laid out on a terminal of some size: a summary line and
 * sections of entries (an entry is one or more lines of cells, e.g. both directions of a TCP
 * connection). The first section is the one that scrolls and that the filter applies to.
 */
record Table(String summary, List<Section> sections) {

  /** A column: its heading, whether numbers (right-aligned), whether it takes spare width. */
  record Column(String heading, boolean right, boolean flex) {
    static Column text(String heading) {
      return new Column(heading, false, false);
    }

    static Column wide(String heading) {
      return new Column(heading, false, true);
    }

    static Column number(String heading) {
      return new Column(heading, true, false);
    }
  }

  /** Lines of cells that belong together; the filter keeps or drops them together. */
  record Entry(List<List<String>> lines) {
    static Entry of(List<String> line) {
      return new Entry(List.of(line));
    }

    boolean matches(String filter) {
      for (List<String> line : lines) {
        for (String cell : line) {
          if (cell.toLowerCase(java.util.Locale.ROOT).contains(filter)) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /**
   * @param heading the section's title line
   * @param total how many entries the agent has (may be more than fetched), -1 if unknown
   * @param firstRank the rank (from 0) of the first entry fetched
   */
  record Section(
      String heading, List<Column> columns, List<Entry> entries, long total, int firstRank) {}
}
