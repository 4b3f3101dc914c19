package org.iptraf.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FlowRecordsTest {

  /** Values where signed comparisons and a subtraction's overflow go wrong first. */
  private static final long[] EDGES = {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE};

  private static final int[] PORTS = {0, 1, 65535};

  /**
   * A symmetric key stores the lower endpoint first (address, then port; signed), and says so in
   * {@code reversed}: stored keys, and the order of the two endpoints in every report, depend on
   * this rule, so a faster way to decide it must keep it exactly (docs/BENCHMARKS.md, "Twelfth
   * session": a branchless one).
   */
  @Test
  void storesTheLowerEndpointFirst() {
    for (long aHi : EDGES) {
      for (long bHi : EDGES) {
        for (long aLo : EDGES) {
          for (long bLo : EDGES) {
            for (int aPort : PORTS) {
              for (int bPort : PORTS) {
                check(aHi, aLo, aPort, bHi, bLo, bPort);
              }
            }
          }
        }
      }
    }
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      long hi = random.nextLong();
      long lo = random.nextLong();
      // IPv4 shares the high word; same-host flows share the address
      check(
          hi,
          lo,
          random.nextInt(65536),
          random.nextInt(4) == 0 ? random.nextLong() : hi,
          random.nextInt(4) == 0 ? lo : random.nextLong(),
          random.nextInt(65536));
    }
  }

  @Test
  void bothDirectionsOfAConversationFindOneRecord() {
    FlowRecords flows = new FlowRecords(16, 1);
    int there = flows.acquire(0, 0xFFFF_C612_0001L, 40000, 0, 0xFFFF_C613_0001L, 443, 7, true);
    boolean thereReversed = flows.reversed;
    int back = flows.acquire(0, 0xFFFF_C613_0001L, 443, 0, 0xFFFF_C612_0001L, 40000, 7, true);

    assertThat(back).isEqualTo(there);
    assertThat(flows.reversed).isNotEqualTo(thereReversed);
    assertThat(flows.records().size()).isEqualTo(1);
    assertThat(flows.records().keyOf(there, 1)).isEqualTo(0xFFFF_C612_0001L);
    assertThat(flows.portOf(there, FlowRecords.FIRST)).isEqualTo(40000);
  }

  private static void check(long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
    int order = Long.compare(aHi, bHi);
    if (order == 0) {
      order = Long.compare(aLo, bLo);
    }
    if (order == 0) {
      order = Integer.compare(aPort, bPort);
    }
    FlowRecords flows = new FlowRecords(4, 1);
    int v = flows.acquire(aHi, aLo, aPort, bHi, bLo, bPort, 9, true);
    boolean swap = order > 0;
    String pair = String.format("a = %x %x %d, b = %x %x %d", aHi, aLo, aPort, bHi, bLo, bPort);
    assertThat(flows.reversed).as(pair).isEqualTo(swap);
    assertThat(flows.records().keyOf(v, 0)).as(pair).isEqualTo(swap ? bHi : aHi);
    assertThat(flows.records().keyOf(v, 1)).as(pair).isEqualTo(swap ? bLo : aLo);
    assertThat(flows.records().keyOf(v, 2)).as(pair).isEqualTo(swap ? aHi : bHi);
    assertThat(flows.records().keyOf(v, 3)).as(pair).isEqualTo(swap ? aLo : bLo);
    assertThat(flows.portOf(v, FlowRecords.FIRST)).as(pair).isEqualTo(swap ? bPort : aPort);
    assertThat(flows.portOf(v, FlowRecords.SECOND)).as(pair).isEqualTo(swap ? aPort : bPort);
  }
}
