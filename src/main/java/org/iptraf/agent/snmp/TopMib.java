package org.iptraf.agent.snmp;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import org.iptraf.agent.mib.Mib;
import org.iptraf.agent.stats.Endpoint;
import org.iptraf.agent.stats.Macs;
import org.iptraf.agent.stats.OtherFlow;
import org.iptraf.agent.stats.PortCounts;
import org.iptraf.agent.stats.Station;
import org.iptraf.agent.stats.TablesSnapshot;
import org.iptraf.agent.stats.TcpConnection;
import org.snmp4j.agent.ManagedObject;
import org.snmp4j.agent.request.SubRequest;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.TimeTicks;

/**
 * The iptrafTop tables: the first {@link #ROWS} rows of the connection, flow, station and port
 * tables by the octets they counted since the previous ranking (and the connections also by packets
 * and by age; {@link TopRanker} says how ties go), indexed by rank, so that a console reads the
 * rows of one screen with a GETBULK from the rank where the screen starts instead of walking every
 * row (RMON's hostTopNTable).
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

  /**
   * A row at a rank (and, for connections, in an order); ifIndex is the row's iptrafIfIndex; the
   * octets, packets and a-to-b octets are what it counted in the ranking's interval.
   */
  record Ranked<R>(
      int order,
      int rank,
      int ifIndex,
      R row,
      long intervalOctets,
      long intervalPackets,
      long intervalAToBOctets) {}

  /**
   * One ranking of every table, taken from one snapshot at {@code takenAt} (sysUpTime), by what the
   * rows counted in the {@code interval} hundredths of a second before it.
   */
  record Ranking(
      long takenAt,
      long interval,
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
  private final TopRanker ranker = new TopRanker();
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
    built.add(scalar("iptrafTopTime", sub -> new TimeTicks(served(sub, Ranking::takenAt))));
    built.add(
        scalar("iptrafTopInterval", sub -> new Integer32((int) served(sub, Ranking::interval))));
    tcpTable();
    flowTable();
    stationTable();
    portTable();
    return List.copyOf(built);
  }

  /**
   * A value of the ranking a request reads; outside a request (SNMP4J asks a scalar for its value
   * when it is made, before the agent runs) 0, without taking a ranking: one taken then would
   * become the first interval's start, and its rows would not count in it.
   */
  private synchronized long served(SubRequest<?> sub, ToLongFunction<Ranking> value) {
    if (sub == null) {
      return current == null ? 0 : value.applyAsLong(current);
    }
    return value.applyAsLong(ranking(sub));
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
      current = ranker.rank(s, interfaces.of(s), now);
      rankedFrom = new WeakReference<>(s);
    }
    return current;
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
    c.add(Cols.counter64(col("iptrafTopTcpAToBIntervalOctets"), Ranked::intervalAToBOctets));
    c.add(
        Cols.counter64(
            col("iptrafTopTcpBToAIntervalOctets"),
            r -> r.intervalOctets() - r.intervalAToBOctets()));
    c.add(Cols.counter64(col("iptrafTopTcpIntervalPkts"), Ranked::intervalPackets));
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
            Cols.counter64(col("iptrafTopFlowOctets"), r -> r.row().bytes()),
            Cols.counter64(col("iptrafTopFlowIntervalPkts"), Ranked::intervalPackets),
            Cols.counter64(col("iptrafTopFlowIntervalOctets"), Ranked::intervalOctets));
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
            Cols.counter64(col("iptrafTopStationIpPkts"), r -> r.row().ipPackets()),
            Cols.counter64(col("iptrafTopStationIntervalPkts"), Ranked::intervalPackets),
            Cols.counter64(col("iptrafTopStationIntervalOctets"), Ranked::intervalOctets));
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
            Cols.counter64(col("iptrafTopPortOutPkts"), r -> r.row().outPackets()),
            Cols.counter64(col("iptrafTopPortIntervalPkts"), Ranked::intervalPackets),
            Cols.counter64(col("iptrafTopPortIntervalOctets"), Ranked::intervalOctets));
    table("iptrafTopPortEntry", c, false, Ranking::ports);
  }
}
