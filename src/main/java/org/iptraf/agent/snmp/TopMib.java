package org.iptraf.agent.snmp;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;
import org.iptraf.agent.mib.Mib;
import org.iptraf.agent.stats.Endpoint;
import org.iptraf.agent.stats.Macs;
import org.iptraf.agent.stats.Order;
import org.iptraf.agent.stats.OtherFlow;
import org.iptraf.agent.stats.PortCounts;
import org.iptraf.agent.stats.Station;
import org.iptraf.agent.stats.TablesSnapshot;
import org.iptraf.agent.stats.TcpConnection;
import org.snmp4j.agent.ManagedObject;
import org.snmp4j.agent.request.SubRequest;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.TimeTicks;

/**
 * The iptrafTop tables: the first {@link #ROWS} rows of the connection, flow, station and port
 * tables in the report's order (and the connections also by packets and by age), indexed by rank,
 * so that a console reads the rows of one screen with a GETBULK from the rank where the screen
 * starts instead of walking every row (RMON's hostTopNTable).
 *
 * <p>A ranking is taken from one snapshot and kept for at least one second of sysUpTime, and is
 * served as the same lists until then: the requests of one walk read one ranking even while rows
 * come and go in the tables, and {@code iptrafTopTime} tells a manager when it changed.
 */
final class TopMib {

  /** Rows of each order; a screen shows at most a few hundred. */
  static final int ROWS = 1000;

  /** Hundredths of a second a ranking is kept before a request may take a new one. */
  static final long KEEP_TICKS = 100;

  /** The orders of IptrafTopOrder, by their number - 1. */
  private static final List<Comparator<TcpConnection>> TCP_ORDERS =
      List.of(Order.TCP, Order.TCP_BY_PACKETS, Order.TCP_BY_AGE);

  /** A row at a rank (and, for connections, in an order); ifIndex is the row's iptrafIfIndex. */
  record Ranked<R>(int order, int rank, int ifIndex, R row) {}

  /** One ranking of every table, taken from one snapshot at {@code takenAt} (sysUpTime). */
  record Ranking(
      long takenAt,
      List<Ranked<TcpConnection>> tcp,
      List<Ranked<OtherFlow>> flows,
      List<Ranked<Station>> stations,
      List<Ranked<PortCounts>> ports) {}

  private static final Mib MIB = Mib.iptrafAgent();

  private final OID root;
  private final RequestSnapshots pins;
  private final PerSnapshot<Interfaces> interfaces;
  private final LongSupplier sysUpTime;
  private final List<ManagedObject<?>> built = new ArrayList<>();
  private Ranking current;
  private WeakReference<TablesSnapshot> rankedFrom = new WeakReference<>(null);

  TopMib(
      OID root, RequestSnapshots pins, PerSnapshot<Interfaces> interfaces, LongSupplier sysUpTime) {
    this.root = new OID(root);
    this.pins = pins;
    this.interfaces = interfaces;
    this.sysUpTime = sysUpTime;
  }

  List<ManagedObject<?>> objects() {
    built.clear();
    built.add(scalar("iptrafTopRows", sub -> new Gauge32(ROWS)));
    built.add(scalar("iptrafTopTime", sub -> new TimeTicks(ranking(sub).takenAt())));
    tcpTable();
    flowTable();
    stationTable();
    portTable();
    return List.copyOf(built);
  }

  /**
   * The ranking a request reads: the kept one while it is younger than {@link #KEEP_TICKS}, or
   * while the tables have not changed (the same snapshot object); else a new one of the request's
   * snapshot.
   */
  synchronized Ranking ranking(SubRequest<?> sub) {
    TablesSnapshot s = pins.pin(sub);
    long now = sysUpTime.getAsLong();
    if (current == null || (now - current.takenAt() >= KEEP_TICKS && rankedFrom.get() != s)) {
      current = rank(s, interfaces.of(s), now);
      rankedFrom = new WeakReference<>(s);
    }
    return current;
  }

  static Ranking rank(TablesSnapshot s, Interfaces ifs, long now) {
    List<Ranked<TcpConnection>> tcp = new ArrayList<>();
    for (int o = 0; o < TCP_ORDERS.size(); o++) {
      tcp.addAll(ranked(o + 1, s.tcpConnections(), TCP_ORDERS.get(o), ifs, r -> r.interfaceId()));
    }
    return new Ranking(
        now,
        List.copyOf(tcp),
        ranked(1, s.otherFlows(), Order.FLOWS, ifs, OtherFlow::interfaceId),
        ranked(1, s.stations(), Order.STATIONS, ifs, Station::interfaceId),
        ranked(1, s.ports(), Order.PORTS, ifs, p -> -1));
  }

  private static <R> List<Ranked<R>> ranked(
      int order,
      List<R> rows,
      Comparator<? super R> comparator,
      Interfaces ifs,
      ToIntFunction<R> interfaceId) {
    List<R> top = Order.first(rows, comparator, ROWS);
    List<Ranked<R>> out = new ArrayList<>(top.size());
    for (int i = 0; i < top.size(); i++) {
      int id = interfaceId.applyAsInt(top.get(i));
      out.add(new Ranked<>(order, i + 1, id < 0 ? 0 : ifs.ifIndex(id), top.get(i)));
    }
    return List.copyOf(out);
  }

  private ReadOnlyScalar<?> scalar(
      String name, Function<SubRequest<?>, org.snmp4j.smi.Variable> value) {
    return new ReadOnlyScalar<>(new OID(root).append(MIB.scalar(name)), value::apply);
  }

  private static int col(String name) {
    return MIB.object(name).arc();
  }

  private <R> void table(
      String entry,
      List<ReadOnlyTable.Column<Ranked<R>>> columns,
      boolean ordered,
      Function<Ranking, List<Ranked<R>>> rows) {
    built.add(
        new ReadOnlyTable<Ranked<R>>(
            new OID(root).append(MIB.oid(entry)),
            columns,
            r -> ordered ? new OID(new int[] {r.order(), r.rank()}) : new OID(new int[] {r.rank()}),
            sub -> rows.apply(ranking(sub))));
  }

  private void tcpTable() {
    List<ReadOnlyTable.Column<Ranked<TcpConnection>>> c = new ArrayList<>();
    c.add(Cols.integer(col("iptrafTopTcpIfIndex"), Ranked::ifIndex));
    endpoint(c, "A", r -> r.row().a());
    endpoint(c, "B", r -> r.row().b());
    c.add(Cols.integer(col("iptrafTopTcpState"), r -> IptrafMib.tcpState(r.row().state())));
    c.add(
        Cols.value(
            col("iptrafTopTcpFirstSeen"),
            SMIConstants.SYNTAX_OCTET_STRING,
            r -> Smi.dateAndTime(r.row().firstSeenNanos())));
    c.add(
        Cols.value(
            col("iptrafTopTcpLastSeen"),
            SMIConstants.SYNTAX_OCTET_STRING,
            r -> Smi.dateAndTime(r.row().lastSeenNanos())));
    c.add(Cols.counter64(col("iptrafTopTcpAToBPkts"), r -> r.row().aToB().packets()));
    c.add(Cols.counter64(col("iptrafTopTcpAToBOctets"), r -> r.row().aToB().bytes()));
    c.add(
        Cols.value(
            col("iptrafTopTcpAToBFlags"),
            SMIConstants.SYNTAX_BITS,
            r -> Smi.tcpFlags(r.row().aToB().flagsSeen())));
    c.add(Cols.counter64(col("iptrafTopTcpBToAPkts"), r -> r.row().bToA().packets()));
    c.add(Cols.counter64(col("iptrafTopTcpBToAOctets"), r -> r.row().bToA().bytes()));
    c.add(
        Cols.value(
            col("iptrafTopTcpBToAFlags"),
            SMIConstants.SYNTAX_BITS,
            r -> Smi.tcpFlags(r.row().bToA().flagsSeen())));
    table("iptrafTopTcpEntry", c, true, Ranking::tcp);
  }

  private static void endpoint(
      List<ReadOnlyTable.Column<Ranked<TcpConnection>>> c,
      String side,
      Function<Ranked<TcpConnection>, Endpoint> e) {
    String p = "iptrafTopTcp" + side;
    c.add(Cols.integer(col(p + "AddrType"), r -> e.apply(r).isIpv4() ? 1 : 2));
    c.add(Cols.octets(col(p + "Addr"), r -> e.apply(r).addressBytes()));
    c.add(Cols.unsigned32(col(p + "Port"), r -> e.apply(r).port()));
  }

  private void flowTable() {
    List<ReadOnlyTable.Column<Ranked<OtherFlow>>> c =
        List.of(
            Cols.integer(col("iptrafTopFlowIfIndex"), Ranked::ifIndex),
            Cols.string(col("iptrafTopFlowProtocol"), r -> r.row().protocol()),
            Cols.string(col("iptrafTopFlowA"), r -> r.row().aText()),
            Cols.string(col("iptrafTopFlowB"), r -> r.row().bText()),
            Cols.string(col("iptrafTopFlowDetail"), r -> r.row().detail()),
            Cols.counter64(col("iptrafTopFlowPkts"), r -> r.row().packets()),
            Cols.counter64(col("iptrafTopFlowOctets"), r -> r.row().bytes()));
    table("iptrafTopFlowEntry", c, false, Ranking::flows);
  }

  private void stationTable() {
    List<ReadOnlyTable.Column<Ranked<Station>>> c =
        List.of(
            Cols.integer(col("iptrafTopStationIfIndex"), Ranked::ifIndex),
            Cols.octets(col("iptrafTopStationMac"), r -> Macs.bytes(r.row().mac())),
            Cols.counter64(col("iptrafTopStationInPkts"), r -> r.row().inPackets()),
            Cols.counter64(col("iptrafTopStationInOctets"), r -> r.row().inBytes()),
            Cols.counter64(col("iptrafTopStationOutPkts"), r -> r.row().outPackets()),
            Cols.counter64(col("iptrafTopStationOutOctets"), r -> r.row().outBytes()),
            Cols.counter64(col("iptrafTopStationIpPkts"), r -> r.row().ipPackets()));
    table("iptrafTopStationEntry", c, false, Ranking::stations);
  }

  private void portTable() {
    List<ReadOnlyTable.Column<Ranked<PortCounts>>> c =
        List.of(
            Cols.integer(
                col("iptrafTopPortProtocol"),
                r -> "udp".equals(r.row().protocol()) ? IptrafMib.UDP : IptrafMib.TCP),
            Cols.unsigned32(col("iptrafTopPortNumber"), r -> r.row().port()),
            Cols.counter64(col("iptrafTopPortPkts"), r -> r.row().packets()),
            Cols.counter64(col("iptrafTopPortOctets"), r -> r.row().bytes()),
            Cols.counter64(col("iptrafTopPortInPkts"), r -> r.row().inPackets()),
            Cols.counter64(col("iptrafTopPortOutPkts"), r -> r.row().outPackets()));
    table("iptrafTopPortEntry", c, false, Ranking::ports);
  }
}
