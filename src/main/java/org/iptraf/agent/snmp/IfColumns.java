package org.iptraf.agent.snmp;

import static org.iptraf.agent.snmp.IptrafMib.col;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.iptraf.agent.snmp.IptrafMib.OnIf;
import org.iptraf.agent.stats.Counts;
import org.iptraf.agent.stats.InterfaceSnapshot;
import org.iptraf.agent.stats.Rates;
import org.snmp4j.smi.Variable;

/**
 * The columns of iptrafIfTable, numbered from the MIB file: the interface's name and link type, its
 * counters by traffic class and direction, its rates by averaging window.
 */
final class IfColumns {

  private IfColumns() {}

  /**
   * @param discontinuity the iptrafIfCounterDiscontinuityTime of a row
   */
  static List<ReadOnlyTable.Column<OnIf<InterfaceSnapshot>>> of(
      Function<OnIf<InterfaceSnapshot>, Variable> discontinuity) {
    List<ReadOnlyTable.Column<OnIf<InterfaceSnapshot>>> c = new ArrayList<>();
    c.add(Cols.string(col("iptrafIfName"), r -> r.row().name()));
    c.add(Cols.string(col("iptrafIfLinkType"), r -> r.row().linkType()));
    c.add(Cols.timeTicks(col("iptrafIfCounterDiscontinuityTime"), discontinuity));
    counters(c);
    rates(c);
    return c;
  }

  /** A Counter64 column per traffic class and field: iptrafIfTcpInPkts and so on. */
  private static void counters(List<ReadOnlyTable.Column<OnIf<InterfaceSnapshot>>> c) {
    List<ToLongFunction<Counts>> fields =
        List.of(
            Counts::packets,
            Counts::bytes,
            Counts::inPackets,
            Counts::inBytes,
            Counts::outPackets,
            Counts::outBytes);
    List<String> fieldNames =
        List.of("Pkts", "Octets", "InPkts", "InOctets", "OutPkts", "OutOctets");
    // the classes in report order; the MIB spells each as its report name, capitalised
    InterfaceSnapshot.CLASSES.forEach(
        (name, cls) -> {
          String mibName = Character.toUpperCase(name.charAt(0)) + name.substring(1);
          for (int f = 0; f < fields.size(); f++) {
            ToLongFunction<Counts> field = fields.get(f);
            c.add(
                Cols.counter64(
                    col("iptrafIf" + mibName + fieldNames.get(f)),
                    r -> field.applyAsLong(cls.apply(r.row()))));
          }
        });
  }

  private static void rates(List<ReadOnlyTable.Column<OnIf<InterfaceSnapshot>>> c) {
    c.add(Cols.counter64(col("iptrafIfBadIpChecksum"), r -> r.row().badIpChecksum()));
    c.add(Cols.counter64(col("iptrafIfIpFragments"), r -> r.row().ipFragments()));
    c.add(Cols.gauge32(col("iptrafIfBps"), r -> r.row().rates().bps()));
    c.add(Cols.gauge32(col("iptrafIfPps"), r -> r.row().rates().pps()));
    c.add(Cols.gauge32(col("iptrafIfPeakBps"), r -> r.row().rates().peakBps()));
    c.add(Cols.gauge32(col("iptrafIfPeakPps"), r -> r.row().rates().peakPps()));
    List<Function<Rates, Rates.Sample>> windows =
        List.of(
            Rates::lastSecond, Rates::fiveSeconds, Rates::ewma1m, Rates::ewma5m, Rates::ewma15m);
    List<String> windowNames = List.of("1s", "5s", "1m", "5m", "15m");
    for (int w = 0; w < windows.size(); w++) {
      Function<Rates, Rates.Sample> window = windows.get(w);
      String rate = "iptrafIfRate" + windowNames.get(w);
      c.add(Cols.gauge32(col(rate + "InBps"), r -> window.apply(r.row().rates()).inBps()));
      c.add(Cols.gauge32(col(rate + "OutBps"), r -> window.apply(r.row().rates()).outBps()));
      c.add(Cols.gauge32(col(rate + "InPps"), r -> window.apply(r.row().rates()).inPps()));
      c.add(Cols.gauge32(col(rate + "OutPps"), r -> window.apply(r.row().rates()).outPps()));
    }
  }
}
