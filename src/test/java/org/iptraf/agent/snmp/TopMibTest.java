package org.iptraf.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.iptraf.agent.stats.CaptureSnapshot;
import org.iptraf.agent.stats.PortCounts;
import org.iptraf.agent.stats.TablesSnapshot;
import org.junit.jupiter.api.Test;
import org.snmp4j.smi.OID;

/**
 * The top tables' ranking is kept for a second of sysUpTime while the tables change under it, so
 * that the requests of one walk read one ranking; then the next request ranks the new rows.
 */
class TopMibTest {

  private static TablesSnapshot withPorts(long sequence, List<PortCounts> ports) {
    return new TablesSnapshot(
        sequence,
        0,
        0,
        0,
        new CaptureSnapshot(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        ports,
        null,
        List.of(),
        List.of());
  }

  @Test
  void keepsARankingForASecondWhileRowsComeAndGoThenRanksTheNewRows() {
    PortCounts http = new PortCounts("tcp", 80, 1, 100, 1, 100);
    PortCounts dns = new PortCounts("udp", 53, 5, 500, 5, 500);
    AtomicReference<TablesSnapshot> tables = new AtomicReference<>(withPorts(1, List.of(http)));
    AtomicLong ticks = new AtomicLong(1000);
    TopMib top = topMib(tables, ticks);

    TopMib.Ranking first = top.ranking(null);
    tables.set(withPorts(2, List.of(http, dns))); // a busier port appears
    ticks.addAndGet(TopMib.KEEP_TICKS - 1);
    TopMib.Ranking sameSecond = top.ranking(null);
    ticks.incrementAndGet();
    TopMib.Ranking next = top.ranking(null);

    assertThat(first.ports()).extracting(r -> r.row().port()).containsExactly(80);
    assertThat(sameSecond).isSameAs(first);
    assertThat(next.takenAt()).isEqualTo(1000 + TopMib.KEEP_TICKS);
    assertThat(next.ports()).extracting(r -> r.row().port()).containsExactly(53, 80);
    assertThat(next.ports()).extracting(TopMib.Ranked::rank).containsExactly(1, 2);
  }

  @Test
  void keepsTheRankingOfUnchangedTablesPastTheSecond() {
    TablesSnapshot same = withPorts(1, List.of(new PortCounts("tcp", 22, 1, 60, 0, 0)));
    AtomicLong ticks = new AtomicLong(0);
    TopMib top =
        new TopMib(
            new OID("1.3.6.1.4.1.32473.7"),
            new RequestSnapshots(() -> same),
            Interfaces.tracker(ticks::get),
            ticks::get);

    TopMib.Ranking first = top.ranking(null);
    ticks.addAndGet(10 * TopMib.KEEP_TICKS);

    assertThat(top.ranking(null)).isSameAs(first);
  }

  @Test
  void countsEachPortsOctetsSinceThePreviousRankingAndFromZeroAfterAReset() {
    AtomicReference<TablesSnapshot> tables =
        new AtomicReference<>(withPorts(1, List.of(new PortCounts("tcp", 80, 1, 100, 1, 50))));
    AtomicLong ticks = new AtomicLong(300);
    TopMib top = topMib(tables, ticks);

    TopMib.Ranking first = top.ranking(null);
    tables.set(withPorts(2, List.of(new PortCounts("tcp", 80, 3, 400, 2, 60))));
    ticks.addAndGet(250);
    TopMib.Ranking second = top.ranking(null);
    tables.set(withPorts(3, List.of(new PortCounts("tcp", 80, 1, 20, 0, 0)))); // counters reset
    ticks.addAndGet(100);
    TopMib.Ranking third = top.ranking(null);

    assertThat(first.interval()).isEqualTo(300); // from the agent's start
    assertThat(first.ports().get(0).intervalOctets()).isEqualTo(150);
    assertThat(second.interval()).isEqualTo(250);
    assertThat(second.ports().get(0).intervalOctets()).isEqualTo(460 - 150);
    assertThat(second.ports().get(0).intervalPackets()).isEqualTo(5 - 2);
    assertThat(third.ports().get(0).intervalOctets()).isEqualTo(20);
  }

  /** The top tables over whatever snapshot {@code tables} holds, at sysUpTime {@code ticks}. */
  private static TopMib topMib(AtomicReference<TablesSnapshot> tables, AtomicLong ticks) {
    return new TopMib(
        new OID("1.3.6.1.4.1.32473.7"),
        new RequestSnapshots(tables::get),
        Interfaces.tracker(ticks::get),
        ticks::get);
  }
}
