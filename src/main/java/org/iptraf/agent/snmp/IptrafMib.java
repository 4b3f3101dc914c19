package org.iptraf.agent.snmp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.iptraf.agent.mib.Mib;
import org.iptraf.agent.stats.AgentFacts;
import org.iptraf.agent.stats.ExportCounters;
import org.iptraf.agent.stats.InterfaceSnapshot;
import org.iptraf.agent.stats.Macs;
import org.iptraf.agent.stats.PortCounts;
import org.iptraf.agent.stats.Station;
import org.iptraf.agent.stats.TablesSnapshot;
import org.iptraf.agent.stats.TcpConnection;
import org.iptraf.agent.stats.TcpState;
import org.iptraf.agent.stats.VlanCounts;
import org.snmp4j.agent.ManagedObject;
import org.snmp4j.agent.request.SubRequest;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.Variable;

/**
 * Every object of IPTRAF-AGENT-MIB except the alarm table and its notification, as docs/MIB.md maps
 * them to the report: the scalars read the request's snapshot, the tables are {@link
 * ReadOnlyTable}s over its lists.
 */
final class IptrafMib {

  /** A row of a table whose index starts with {@code iptrafIfIndex}. */
  record OnIf<R>(int ifIndex, R row) {}

  static final int TCP = 6;
  static final int UDP = 17;
  private static final int ADDRESS_IPV4 = 1;
  private static final int ADDRESS_IPV6 = 2;
  private static final int SOURCE_LIVE = 1;
  private static final int SOURCE_PCAP = 2;
  private static final Mib MIB = Mib.iptrafAgent();

  private final OID root;
  private final RequestSnapshots pins;
  private final Discontinuity discontinuity;
  private final PerSnapshot<Interfaces> interfaces;
  private final AgentFacts facts;
  private final ExportCounters ipfix;
  private final List<ManagedObject<?>> built = new ArrayList<>();

  IptrafMib(
      OID root,
      RequestSnapshots pins,
      Discontinuity discontinuity,
      PerSnapshot<Interfaces> interfaces,
      AgentFacts facts,
      ExportCounters ipfix) {
    this.root = new OID(root);
    this.pins = pins;
    this.discontinuity = discontinuity;
    this.interfaces = interfaces;
    this.facts = facts;
    this.ipfix = ipfix;
  }

  /** Builds every object; register them in one MOServer. */
  List<ManagedObject<?>> objects() {
    built.clear();
    capture();
    source();
    interfaceTable();
    tcpTable();
    otherFlowTable();
    portTable();
    packetSizeTable();
    stationTable();
    vlanTable();
    ipfix();
    return List.copyOf(built);
  }

  // ---------------------------------------------------------------- scalars

  private void capture() {
    List<ToLongFunction<TablesSnapshot>> counters =
        List.of(
            s -> s.capture().frames(),
            s -> s.capture().bytes(),
            s -> s.capture().malformed(),
            s -> s.capture().unknownLinkType(),
            s -> s.capture().kernelDrops(),
            s -> s.capture().filtered(),
            s -> s.capture().loopbackDuplicates());
    List<String> names =
        List.of(
            "Frames",
            "Octets",
            "Malformed",
            "UnknownLinkType",
            "KernelDrops",
            "Filtered",
            "LoopbackDuplicates");
    for (int i = 0; i < counters.size(); i++) {
      ToLongFunction<TablesSnapshot> c = counters.get(i);
      scalar("iptrafCapture" + names.get(i), s -> new Counter64(c.applyAsLong(s)));
    }
    scalar("iptrafCaptureDiscontinuityTime", discontinuity::of);
    scalar("iptrafCaptureKernelDropRate", s -> Smi.gauge32(s.capture().kernelDropRate()));
  }

  private void source() {
    scalar("iptrafSourceKind", s -> new Integer32(facts.live() ? SOURCE_LIVE : SOURCE_PCAP));
    // Live capture attaches its interfaces after the exporters start: name them from the snapshot.
    scalar(
        "iptrafSourceNames",
        s ->
            Smi.displayString(
                String.join(
                    ",",
                    facts.sources().isEmpty() && facts.live()
                        ? s.interfaces().stream().map(i -> i.name()).toList()
                        : facts.sources())));
    scalar("iptrafSourceDuration", s -> new Counter64((long) (s.seconds() * 1000)));
  }

  /** The IPFIX export's counters, read live (not from the snapshot). */
  private void ipfix() {
    scalar("iptrafIpfixCollector", s -> Smi.displayString(ipfix.collector()));
    scalar("iptrafIpfixRecords", s -> new Counter64(ipfix.records()));
    scalar("iptrafIpfixMessages", s -> new Counter64(ipfix.messages()));
    scalar("iptrafIpfixTemplates", s -> new Counter64(ipfix.templates()));
    scalar("iptrafIpfixOctets", s -> new Counter64(ipfix.bytes()));
    scalar("iptrafIpfixDroppedRecords", s -> new Counter64(ipfix.droppedRecords()));
    scalar("iptrafIpfixDroppedEnded", s -> new Counter64(ipfix.droppedEnded()));
    scalar("iptrafIpfixSendErrors", s -> new Counter64(ipfix.sendErrors()));
  }

  private void scalar(String name, Function<TablesSnapshot, Variable> value) {
    OID instance = new OID(root).append(MIB.scalar(name));
    built.add(new ReadOnlyScalar<>(instance, (SubRequest<?> sub) -> value.apply(pins.pin(sub))));
  }

  /** The Count, Capacity, Evictions and DiscontinuityTime scalars of a table group. */
  private void tableScalars(
      String group,
      Function<TablesSnapshot, Integer> count,
      long capacity,
      ToLongFunction<TablesSnapshot> evictions) {
    scalar(group + "Count", s -> new Gauge32(count.apply(s)));
    scalar(group + "Capacity", s -> Smi.gauge32(capacity));
    scalar(group + "Evictions", s -> new Counter64(evictions.applyAsLong(s)));
    scalar(group + "DiscontinuityTime", discontinuity::of);
  }

  /** A column's number in its entry, from the MIB file. */
  static int col(String name) {
    return MIB.object(name).arc();
  }

  // ---------------------------------------------------------------- tables

  private <R> void table(
      String entryName,
      List<ReadOnlyTable.Column<R>> columns,
      Function<? super R, OID> index,
      Function<TablesSnapshot, List<R>> rows) {
    OID entry = new OID(root).append(MIB.oid(entryName));
    PerSnapshot<List<R>> perSnapshot = new PerSnapshot<>(rows);
    built.add(new ReadOnlyTable<R>(entry, columns, index, sub -> perSnapshot.of(pins.pin(sub))));
  }

  /** Rows with their interface's {@code iptrafIfIndex}, computed once per snapshot. */
  private <R> Function<TablesSnapshot, List<OnIf<R>>> onIf(
      Function<TablesSnapshot, List<R>> rows, ToLongFunction<R> interfaceId) {
    return s -> {
      Interfaces ifs = interfaces.of(s);
      List<R> in = rows.apply(s);
      List<OnIf<R>> out = new ArrayList<>(in.size());
      for (R r : in) {
        out.add(new OnIf<>(ifs.ifIndex((int) interfaceId.applyAsLong(r)), r));
      }
      return out;
    };
  }

  private void interfaceTable() {
    scalar("iptrafIfCount", s -> new Gauge32(s.interfaces().size()));
    List<ReadOnlyTable.Column<OnIf<InterfaceSnapshot>>> c =
        IfColumns.of(r -> ifDiscontinuity(r.row()));
    table(
        "iptrafIfEntry",
        c,
        r -> new OID(new int[] {r.ifIndex()}),
        onIf(TablesSnapshot::interfaces, InterfaceSnapshot::id));
  }

  /** The later of the agent-wide discontinuity and the interface's first appearance. */
  private Variable ifDiscontinuity(InterfaceSnapshot i) {
    TablesSnapshot s = pins.current();
    long all = discontinuity.of(s).getValue();
    long declared = interfaces.of(s).declaredAt(i).getValue();
    return new org.snmp4j.smi.TimeTicks(Math.max(all, declared));
  }

  private void tcpTable() {
    tableScalars(
        "iptrafTcpConn",
        s -> s.tcpConnections().size(),
        facts.capacities().tcpConnections(),
        s -> s.capture().tcpEvictions());
    scalar("iptrafTcpConnOpenRate", s -> Smi.gauge32(s.capture().tcpConnectionRate()));
    List<ReadOnlyTable.Column<OnIf<TcpConnection>>> c =
        List.of(
            Cols.integer(col("iptrafTcpConnState"), r -> tcpState(r.row().state())),
            Cols.value(
                col("iptrafTcpConnFirstSeen"),
                SMIConstants.SYNTAX_OCTET_STRING,
                r -> Smi.dateAndTime(r.row().firstSeenNanos())),
            Cols.value(
                col("iptrafTcpConnLastSeen"),
                SMIConstants.SYNTAX_OCTET_STRING,
                r -> Smi.dateAndTime(r.row().lastSeenNanos())),
            Cols.counter64(col("iptrafTcpConnAToBPkts"), r -> r.row().aToB().packets()),
            Cols.counter64(col("iptrafTcpConnAToBOctets"), r -> r.row().aToB().bytes()),
            Cols.value(
                col("iptrafTcpConnAToBFlags"),
                SMIConstants.SYNTAX_BITS,
                r -> Smi.tcpFlags(r.row().aToB().flagsSeen())),
            Cols.counter64(col("iptrafTcpConnBToAPkts"), r -> r.row().bToA().packets()),
            Cols.counter64(col("iptrafTcpConnBToAOctets"), r -> r.row().bToA().bytes()),
            Cols.value(
                col("iptrafTcpConnBToAFlags"),
                SMIConstants.SYNTAX_BITS,
                r -> Smi.tcpFlags(r.row().bToA().flagsSeen())));
    table(
        "iptrafTcpConnEntry",
        c,
        IptrafMib::tcpIndex,
        onIf(TablesSnapshot::tcpConnections, TcpConnection::interfaceId));
  }

  /**
   * {@code ifIndex . aType . aLen . a... . aPort . bType . bLen . b... . bPort} (the TCP-MIB
   * tcpConnectionTable shape: InetAddress is a variable-length string, so it carries its length).
   */
  static OID tcpIndex(OnIf<TcpConnection> r) {
    OID o = new OID(new int[] {r.ifIndex()});
    for (org.iptraf.agent.stats.Endpoint e : List.of(r.row().a(), r.row().b())) {
      Smi.append(o, e.isIpv4() ? ADDRESS_IPV4 : ADDRESS_IPV6);
      Smi.appendOctets(o, e.addressBytes());
      Smi.append(o, e.port());
    }
    return o;
  }

  /** IptrafTcpState: the enumeration's numbers for the report's labels. */
  static int tcpState(TcpState state) {
    return switch (state) {
      case SYN_SEEN -> 1;
      case ESTABLISHED -> 2;
      case FIN_ONE_WAY -> 3;
      case FIN_BOTH_WAYS -> 4;
      case CLOSED -> 5;
      case RESET -> 6;
      case TIMED_OUT -> 7;
    };
  }

  private void otherFlowTable() {
    tableScalars(
        "iptrafOtherFlow",
        s -> s.otherFlows().size(),
        facts.capacities().otherFlows(),
        s -> s.capture().flowEvictions());
    OtherFlowRows numbers = new OtherFlowRows();
    List<ReadOnlyTable.Column<OnIf<OtherFlowRows.Numbered>>> c =
        List.of(
            Cols.string(col("iptrafOtherFlowProtocol"), r -> r.row().flow().protocol()),
            Cols.string(col("iptrafOtherFlowA"), r -> r.row().flow().aText()),
            Cols.string(col("iptrafOtherFlowB"), r -> r.row().flow().bText()),
            Cols.string(col("iptrafOtherFlowDetail"), r -> r.row().flow().detail()),
            Cols.counter64(col("iptrafOtherFlowPkts"), r -> r.row().flow().packets()),
            Cols.counter64(col("iptrafOtherFlowOctets"), r -> r.row().flow().bytes()));
    table(
        "iptrafOtherFlowEntry",
        c,
        r -> Smi.append(new OID(new int[] {r.ifIndex()}), r.row().row()),
        onIf(numbers::number, n -> n.flow().interfaceId()));
  }

  private void portTable() {
    // never evicts
    tableScalars("iptrafPort", s -> s.ports().size(), facts.capacities().ports(), s -> 0L);
    List<ReadOnlyTable.Column<PortCounts>> c =
        List.of(
            Cols.counter64(col("iptrafPortPkts"), PortCounts::packets),
            Cols.counter64(col("iptrafPortOctets"), PortCounts::bytes),
            Cols.counter64(col("iptrafPortInPkts"), PortCounts::inPackets),
            Cols.counter64(col("iptrafPortOutPkts"), PortCounts::outPackets));
    table(
        "iptrafPortEntry",
        c,
        p -> new OID(new int[] {"udp".equals(p.protocol()) ? UDP : TCP, p.port()}),
        TablesSnapshot::ports);
  }

  private void packetSizeTable() {
    scalar("iptrafPktSizeDiscontinuityTime", discontinuity::of);
    List<ReadOnlyTable.Column<SizeRow>> c =
        List.of(
            Cols.string(col("iptrafPktSizeLabel"), SizeRow::label),
            Cols.unsigned32(col("iptrafPktSizeFrom"), SizeRow::from),
            Cols.unsigned32(col("iptrafPktSizeTo"), SizeRow::to),
            Cols.counter64(col("iptrafPktSizePkts"), SizeRow::packets));
    table("iptrafPktSizeEntry", c, r -> new OID(new int[] {r.scheme(), r.bucket()}), SizeRow::of);
  }

  private void stationTable() {
    tableScalars(
        "iptrafStation",
        s -> s.stations().size(),
        facts.capacities().stations(),
        s -> s.capture().stationEvictions());
    List<ReadOnlyTable.Column<OnIf<Station>>> c =
        List.of(
            Cols.counter64(col("iptrafStationInPkts"), r -> r.row().inPackets()),
            Cols.counter64(col("iptrafStationInOctets"), r -> r.row().inBytes()),
            Cols.counter64(col("iptrafStationOutPkts"), r -> r.row().outPackets()),
            Cols.counter64(col("iptrafStationOutOctets"), r -> r.row().outBytes()),
            Cols.counter64(col("iptrafStationIpPkts"), r -> r.row().ipPackets()));
    table(
        "iptrafStationEntry",
        c,
        r -> Smi.appendFixedOctets(new OID(new int[] {r.ifIndex()}), Macs.bytes(r.row().mac())),
        onIf(TablesSnapshot::stations, Station::interfaceId));
  }

  private void vlanTable() {
    tableScalars(
        "iptrafVlan",
        s -> s.vlans().size(),
        facts.capacities().vlans(),
        s -> s.capture().vlanEvictions());
    List<ReadOnlyTable.Column<OnIf<VlanCounts>>> c =
        List.of(
            Cols.counter64(col("iptrafVlanPkts"), r -> r.row().packets()),
            Cols.counter64(col("iptrafVlanOctets"), r -> r.row().bytes()));
    table(
        "iptrafVlanEntry",
        c,
        r -> new OID(new int[] {r.ifIndex(), r.row().vlanId()}),
        onIf(TablesSnapshot::vlans, VlanCounts::interfaceId));
  }
}
