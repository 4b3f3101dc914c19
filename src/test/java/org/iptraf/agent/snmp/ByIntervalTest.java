package org.iptraf.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The first rows by interval: most first, ties by the table's order, also across the cut. */
class ByIntervalTest {

  private static long[] octets(long... perRow) {
    long[] interval = new long[perRow.length * Since.WIDTH];
    for (int i = 0; i < perRow.length; i++) {
      interval[i * Since.WIDTH + Since.OCTETS] = perRow[i];
    }
    return interval;
  }

  @Test
  void rowsTiedAtTheCutAreChosenByTheTablesOrderNotByWhereTheyStand() {
    List<String> rows = List.of("e", "d", "c", "b", "a", "f");
    long[] interval = octets(3, 3, 9, 3, 3, 1);

    int[] first = ByInterval.first(rows, interval, Since.OCTETS, Comparator.naturalOrder(), 3);

    // 9 first; of the four 3s the first two by the order (a, b), though e and d come first
    assertThat(first).containsExactly(2, 4, 3);
  }

  @Test
  void allRowsWhenFewerThanAsked() {
    List<String> rows = List.of("x", "y", "z");

    int[] first =
        ByInterval.first(rows, octets(0, 5, 0), Since.OCTETS, Comparator.naturalOrder(), 1000);

    assertThat(first).containsExactly(1, 0, 2);
  }

  @Test
  void firstByAnotherOrderKeepsTheBestFewInThatOrder() {
    List<String> rows = List.of("m", "c", "x", "a", "q", "b");

    assertThat(ByInterval.first(rows, Comparator.<String>naturalOrder(), 3))
        .containsExactly(3, 5, 1);
  }
}
