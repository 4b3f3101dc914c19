package org.iptraf.agent.snmp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;
import org.iptraf.agent.snmp.TopMib.Ranked;
import org.iptraf.agent.snmp.TopMib.Ranking;
import org.iptraf.agent.stats.Endpoint;
import org.iptraf.agent.stats.Order;
import org.iptraf.agent.stats.OtherFlow;
import org.iptraf.agent.stats.PortCounts;
import org.iptraf.agent.stats.Station;
import org.iptraf.agent.stats.TablesSnapshot;
import org.iptraf.agent.stats.TcpConnection;

/**
 * Takes the rankings of the top tables, each by what the rows counted since the previous ranking
 * (RMON hostTopNTable's "rate" over its sample interval, RFC 2819): IptrafTopOrder octets(1) by
 * octets of the interval, packets(2) by packets of the interval, age(3) by first seen. Rows that
 * counted the same keep the report's order (total octets, or total packets for packets(2), then the
 * row's key). Not thread-safe: {@link TopMib#ranking} calls it under its lock.
 */
final class TopRanker {

  private final Since<TcpConnection> tcp = new Since<>(new TcpCounters());
  private final Since<OtherFlow> flows = new Since<>(new FlowCounters());
  private final Since<Station> stations = new Since<>(new StationCounters());
  private final Since<PortCounts> ports = new Since<>(new PortCounters());
  private long previousAt; // sysUpTime of the previous ranking: 0, the agent's start, at first

  /** A ranking of {@code s} taken at {@code now} (sysUpTime), its interval since the last one. */
  Ranking rank(TablesSnapshot s, Interfaces ifs, long now) {
    List<TcpConnection> conns = s.tcpConnections();
    long[] ti = tcp.advance(conns);
    List<Ranked<TcpConnection>> t = new ArrayList<>();
    t.addAll(ranked(1, conns, ti, Since.OCTETS, Order.TCP, ifs, TcpConnection::interfaceId));
    t.addAll(
        ranked(2, conns, ti, Since.PACKETS, Order.TCP_BY_PACKETS, ifs, TcpConnection::interfaceId));
    t.addAll(byAge(conns, ti, ifs));
    List<OtherFlow> f = s.otherFlows();
    List<Station> st = s.stations();
    List<PortCounts> p = s.ports();
    Ranking r =
        new Ranking(
            now,
            Math.max(0, now - previousAt),
            List.copyOf(t),
            ranked(1, f, flows.advance(f), Since.OCTETS, Order.FLOWS, ifs, OtherFlow::interfaceId),
            ranked(
                1,
                st,
                stations.advance(st),
                Since.OCTETS,
                Order.STATIONS,
                ifs,
                Station::interfaceId),
            ranked(1, p, ports.advance(p), Since.OCTETS, Order.PORTS, ifs, x -> -1));
    previousAt = now;
    return r;
  }

  private static <R> List<Ranked<R>> ranked(
      int order,
      List<R> rows,
      long[] interval,
      int field,
      Comparator<? super R> ties,
      Interfaces ifs,
      ToIntFunction<R> interfaceId) {
    int[] first = ByInterval.first(rows, interval, field, ties, TopMib.ROWS);
    List<Ranked<R>> out = new ArrayList<>(first.length);
    for (int i = 0; i < first.length; i++) {
      out.add(row(order, i + 1, first[i], rows, interval, ifs, interfaceId));
    }
    return List.copyOf(out);
  }

  private static List<Ranked<TcpConnection>> byAge(
      List<TcpConnection> rows, long[] interval, Interfaces ifs) {
    int[] first = ByInterval.first(rows, Order.TCP_BY_AGE, TopMib.ROWS);
    List<Ranked<TcpConnection>> out = new ArrayList<>(first.length);
    for (int i = 0; i < first.length; i++) {
      out.add(row(3, i + 1, first[i], rows, interval, ifs, TcpConnection::interfaceId));
    }
    return List.copyOf(out);
  }

  private static <R> Ranked<R> row(
      int order,
      int rank,
      int index,
      List<R> rows,
      long[] interval,
      Interfaces ifs,
      ToIntFunction<R> interfaceId) {
    R row = rows.get(index);
    int id = interfaceId.applyAsInt(row);
    int at = index * Since.WIDTH;
    return new Ranked<>(
        order,
        rank,
        id < 0 ? 0 : ifs.ifIndex(id),
        row,
        interval[at + Since.OCTETS],
        interval[at + Since.PACKETS],
        interval[at + Since.A_TO_B_OCTETS]);
  }

  private static long endpoint(long h, Endpoint e) {
    return e == null
        ? RowTotals.mix(h, -1)
        : RowTotals.mix(RowTotals.mix(RowTotals.mix(h, e.hi()), e.lo()), e.port());
  }

  /** A connection is its interface, endpoints and first-seen time (a reused 4-tuple is new). */
  private static final class TcpCounters implements Since.Counters<TcpConnection> {
    @Override
    public long key(TcpConnection c) {
      long h = RowTotals.mix(c.interfaceId(), c.firstSeenNanos());
      return endpoint(endpoint(h, c.a()), c.b());
    }

    @Override
    public void totals(TcpConnection c, long[] out) {
      out[Since.OCTETS] = c.bytes();
      out[Since.PACKETS] = c.packets();
      out[Since.A_TO_B_OCTETS] = c.aToB().bytes();
    }
  }

  private static final class FlowCounters implements Since.Counters<OtherFlow> {
    @Override
    public long key(OtherFlow f) {
      long h = RowTotals.mix(f.interfaceId(), f.firstSeenNanos());
      h = RowTotals.mix(RowTotals.mix(h, f.protocolNumber()), f.protocol().hashCode());
      h = endpoint(endpoint(h, f.a()), f.b());
      h = RowTotals.mix(h, f.aMac() == null ? 0 : f.aMac().hashCode());
      h = RowTotals.mix(h, f.bMac() == null ? 0 : f.bMac().hashCode());
      return RowTotals.mix(h, f.detail().hashCode());
    }

    @Override
    public void totals(OtherFlow f, long[] out) {
      out[Since.OCTETS] = f.bytes();
      out[Since.PACKETS] = f.packets();
      out[Since.A_TO_B_OCTETS] = 0;
    }
  }

  private static final class StationCounters implements Since.Counters<Station> {
    @Override
    public long key(Station s) {
      return RowTotals.mix(RowTotals.mix(s.interfaceId(), s.mac()), s.firstSeenNanos());
    }

    @Override
    public void totals(Station s, long[] out) {
      out[Since.OCTETS] = s.inBytes() + s.outBytes();
      out[Since.PACKETS] = s.inPackets() + s.outPackets();
      out[Since.A_TO_B_OCTETS] = 0;
    }
  }

  private static final class PortCounters implements Since.Counters<PortCounts> {
    @Override
    public long key(PortCounts p) {
      return RowTotals.mix(p.protocol().hashCode(), p.port());
    }

    @Override
    public void totals(PortCounts p, long[] out) {
      out[Since.OCTETS] = p.bytes();
      out[Since.PACKETS] = p.packets();
      out[Since.A_TO_B_OCTETS] = 0;
    }
  }
}
