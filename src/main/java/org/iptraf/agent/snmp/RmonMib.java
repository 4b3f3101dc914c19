package org.iptraf.agent.snmp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import org.iptraf.agent.stats.InterfaceSnapshot;
import org.iptraf.agent.stats.MacPair;
import org.iptraf.agent.stats.Macs;
import org.iptraf.agent.stats.Station;
import org.iptraf.agent.stats.TablesSnapshot;
import org.snmp4j.agent.ManagedObject;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.TimeTicks;

/**
 * The standard RMON tables over the same snapshots, all read-only with rows the agent made (owner
 * "monitor", status valid): RMON-MIB (RFC 2819) etherStatsTable, hostControlTable and hostTable
 * (per MAC, from the station table), matrixControlTable, matrixSDTable and matrixDSTable (per MAC
 * pair, from the stats' MAC-pair table), and HC-RMON (RFC 3273) etherStatsHighCapacityTable. Each
 * control table has one row per interface, numbered as iptrafIfIndex, whose data source is IF-MIB
 * ifIndex.N (the kernel's index when live).
 *
 * <p>RFC 2819 counts octets "excluding framing bits but including FCS octets"; Linux captures lack
 * the 4-octet FCS, so octet counts here are the report's bytes plus 4 per frame, the same way the
 * size buckets are (see {@code InterfaceSnapshot.rmonSizes}).
 */
final class RmonMib {

  static final OID RMON = new OID("1.3.6.1.2.1.16");

  /** IF-MIB ifIndex: an etherStatsDataSource names the interface as ifIndex.N. */
  static final OID IF_INDEX = new OID("1.3.6.1.2.1.2.2.1.1");

  /** RFC 2819 section 3: the FCS that captures lack and RMON counts. */
  static final int FCS_OCTETS = 4;

  static final String OWNER = "monitor";

  /** EntryStatus valid(1). */
  static final int VALID = 1;

  /** An interface with its RMON row number and data source. */
  record If(int index, OID dataSource, InterfaceSnapshot snapshot) {
    long octets() {
      return snapshot.total().bytes() + FCS_OCTETS * snapshot.total().packets();
    }
  }

  /** A control row (hostControlEntry, matrixControlEntry): one per interface. */
  record Control(If iface, int tableSize, long lastDeleteTime) {}

  /** A hostEntry: a station with its creation order on its interface. */
  record Host(int index, int creationOrder, Station station) {}

  /** A matrixSDEntry / matrixDSEntry. */
  record Pair(int index, MacPair pair) {}

  /** The host or matrix rows of one snapshot and their control rows. */
  record Rows<R>(List<Control> control, List<R> rows) {}

  private final RequestSnapshots pins;
  private final PerSnapshot<Interfaces> interfaces;
  private final LongSupplier sysUpTime;
  private final List<ManagedObject<?>> built = new ArrayList<>();

  RmonMib(RequestSnapshots pins, PerSnapshot<Interfaces> interfaces, LongSupplier sysUpTime) {
    this.pins = pins;
    this.interfaces = interfaces;
    this.sysUpTime = sysUpTime;
  }

  List<ManagedObject<?>> objects() {
    built.clear();
    PerSnapshot<List<If>> ifs = new PerSnapshot<>(this::ifRows);
    etherStats(ifs);
    etherStatsHighCapacity(ifs);
    hosts(ifs);
    matrix(ifs);
    return List.copyOf(built);
  }

  private List<If> ifRows(TablesSnapshot s) {
    Interfaces numbering = interfaces.of(s);
    List<If> rows = new ArrayList<>();
    for (InterfaceSnapshot i : numbering.list()) {
      rows.add(
          new If(
              numbering.ifIndex(i.id()), new OID(IF_INDEX).append(numbering.systemIfIndex(i)), i));
    }
    return rows;
  }

  private <R> void table(
      String entry,
      List<ReadOnlyTable.Column<R>> columns,
      Function<? super R, OID> index,
      PerSnapshot<List<R>> rows) {
    built.add(
        new ReadOnlyTable<R>(
            new OID(RMON).append(entry), columns, index, sub -> rows.of(pins.pin(sub))));
  }

  /** RMON-MIB etherStatsEntry (rmon.1.1.1). */
  private void etherStats(PerSnapshot<List<If>> ifs) {
    List<ReadOnlyTable.Column<If>> c = new ArrayList<>();
    c.add(Cols.integer(1, If::index));
    c.add(Cols.oid(2, If::dataSource));
    c.add(Cols.counter32(3, r -> pins.current().capture().kernelDrops()));
    c.add(Cols.counter32(4, If::octets));
    c.add(Cols.counter32(5, r -> r.snapshot().total().packets()));
    c.add(Cols.counter32(6, r -> r.snapshot().broadcast().packets()));
    c.add(Cols.counter32(7, r -> r.snapshot().multicast().packets()));
    // CRC/alignment errors, undersize (runts), fragments and jabbers never reach a capture socket:
    // the NIC drops them. Collisions are invisible too. They are served as 0, as the RFC allows
    // for a probe that cannot see them.
    c.add(Cols.counter32(8, r -> 0));
    c.add(Cols.counter32(9, r -> 0));
    c.add(Cols.counter32(10, r -> r.snapshot().rmonSize(6))); // longer than 1518 with the FCS
    c.add(Cols.counter32(11, r -> 0));
    c.add(Cols.counter32(12, r -> 0));
    c.add(Cols.counter32(13, r -> 0));
    for (int b = 0; b < 6; b++) {
      int bucket = b;
      c.add(Cols.counter32(14 + b, r -> r.snapshot().rmonSize(bucket)));
    }
    c.add(Cols.value(20, SMIConstants.SYNTAX_OCTET_STRING, r -> owner()));
    c.add(Cols.integer(21, r -> VALID));
    table("1.1.1", c, r -> new OID(new int[] {r.index()}), ifs);
  }

  /** HC-RMON etherStatsHighCapacityEntry (rmon.1.7.1): each counter as Counter64 + overflows. */
  private void etherStatsHighCapacity(PerSnapshot<List<If>> ifs) {
    List<ToLongFunction<If>> values = new ArrayList<>();
    values.add(r -> r.snapshot().total().packets());
    values.add(If::octets);
    for (int b = 0; b < 6; b++) {
      int bucket = b;
      values.add(r -> r.snapshot().rmonSize(bucket));
    }
    List<ReadOnlyTable.Column<If>> c = new ArrayList<>();
    for (int k = 0; k < values.size(); k++) {
      ToLongFunction<If> v = values.get(k);
      c.add(Cols.overflow32(2 * k + 1, v));
      c.add(Cols.counter64(2 * k + 2, v));
    }
    table("1.7.1", c, r -> new OID(new int[] {r.index()}), ifs);
  }

  // ---------------------------------------------------------------- hosts (rmon.4)

  private void hosts(PerSnapshot<List<If>> ifs) {
    Deletions<Station, Long> deletions =
        new Deletions<>(Station::interfaceId, Station::mac, sysUpTime);
    PerSnapshot<Rows<Host>> rows =
        new PerSnapshot<>(s -> hostRows(s, ifs.of(s), deletions.update(s.stations())));
    table(
        "4.1.1",
        controlColumns(),
        r -> new OID(new int[] {r.iface().index()}),
        new PerSnapshot<>(s -> rows.of(s).control()));
    List<ReadOnlyTable.Column<Host>> c =
        List.of(
            Cols.octets(1, h -> Macs.bytes(h.station().mac())),
            Cols.integer(2, Host::creationOrder),
            Cols.integer(3, Host::index),
            Cols.counter32(4, h -> h.station().inPackets()),
            Cols.counter32(5, h -> h.station().outPackets()),
            Cols.counter32(6, h -> h.station().inBytes() + FCS_OCTETS * h.station().inPackets()),
            Cols.counter32(7, h -> h.station().outBytes() + FCS_OCTETS * h.station().outPackets()),
            Cols.counter32(8, h -> 0), // errors never reach a capture socket
            Cols.counter32(9, h -> h.station().outBroadcastPackets()),
            Cols.counter32(10, h -> h.station().outMulticastPackets()));
    table(
        "4.2.1",
        c,
        h -> Smi.appendOctets(new OID(new int[] {h.index()}), Macs.bytes(h.station().mac())),
        new PerSnapshot<>(s -> rows.of(s).rows()));
  }

  private static Rows<Host> hostRows(TablesSnapshot s, List<If> ifs, Map<Integer, Long> deleted) {
    Map<Integer, List<Station>> byIf = new HashMap<>();
    for (Station st : s.stations()) {
      byIf.computeIfAbsent(st.interfaceId(), i -> new ArrayList<>()).add(st);
    }
    List<Control> control = new ArrayList<>();
    List<Host> hosts = new ArrayList<>();
    for (If i : ifs) {
      List<Station> list = byIf.getOrDefault(i.snapshot().id(), new ArrayList<>());
      list.sort(Comparator.comparingLong(Station::firstSeenNanos).thenComparingLong(Station::mac));
      for (int k = 0; k < list.size(); k++) {
        hosts.add(new Host(i.index(), Math.min(k + 1, MAX_CREATION_ORDER), list.get(k)));
      }
      control.add(new Control(i, list.size(), deleted.getOrDefault(i.snapshot().id(), 0L)));
    }
    return new Rows<>(List.copyOf(control), List.copyOf(hosts));
  }

  /** hostCreationOrder is Integer32 (1..65535). */
  private static final int MAX_CREATION_ORDER = 65535;

  // ---------------------------------------------------------------- matrix (rmon.6)

  private void matrix(PerSnapshot<List<If>> ifs) {
    Deletions<MacPair, List<Long>> deletions =
        new Deletions<>(MacPair::interfaceId, p -> List.of(p.source(), p.destination()), sysUpTime);
    PerSnapshot<Rows<Pair>> rows =
        new PerSnapshot<>(s -> pairRows(s, ifs.of(s), deletions.update(s.macPairs())));
    table(
        "6.1.1",
        controlColumns(),
        r -> new OID(new int[] {r.iface().index()}),
        new PerSnapshot<>(s -> rows.of(s).control()));
    List<ReadOnlyTable.Column<Pair>> c =
        List.of(
            Cols.octets(1, p -> Macs.bytes(p.pair().source())),
            Cols.octets(2, p -> Macs.bytes(p.pair().destination())),
            Cols.integer(3, Pair::index),
            Cols.counter32(4, p -> p.pair().packets()),
            Cols.counter32(5, p -> p.pair().bytes() + FCS_OCTETS * p.pair().packets()),
            Cols.counter32(6, p -> 0));
    PerSnapshot<List<Pair>> pairs = new PerSnapshot<>(s -> rows.of(s).rows());
    table(
        "6.2.1",
        c,
        p ->
            Smi.appendOctets(
                Smi.appendOctets(new OID(new int[] {p.index()}), Macs.bytes(p.pair().source())),
                Macs.bytes(p.pair().destination())),
        pairs);
    table(
        "6.3.1",
        c,
        p ->
            Smi.appendOctets(
                Smi.appendOctets(
                    new OID(new int[] {p.index()}), Macs.bytes(p.pair().destination())),
                Macs.bytes(p.pair().source())),
        pairs);
  }

  private static Rows<Pair> pairRows(TablesSnapshot s, List<If> ifs, Map<Integer, Long> deleted) {
    Map<Integer, If> byId = new HashMap<>();
    for (If i : ifs) {
      byId.put(i.snapshot().id(), i);
    }
    Map<Integer, Integer> sizes = new HashMap<>();
    List<Pair> pairs = new ArrayList<>();
    for (MacPair p : s.macPairs()) {
      If i = byId.get(p.interfaceId());
      if (i != null) {
        pairs.add(new Pair(i.index(), p));
        sizes.merge(p.interfaceId(), 1, Integer::sum);
      }
    }
    List<Control> control = new ArrayList<>();
    for (If i : ifs) {
      control.add(
          new Control(
              i,
              sizes.getOrDefault(i.snapshot().id(), 0),
              deleted.getOrDefault(i.snapshot().id(), 0L)));
    }
    return new Rows<>(List.copyOf(control), List.copyOf(pairs));
  }

  /** hostControlEntry and matrixControlEntry have the same shape (RFC 2819). */
  private static List<ReadOnlyTable.Column<Control>> controlColumns() {
    return List.of(
        Cols.integer(1, r -> r.iface().index()),
        Cols.oid(2, r -> r.iface().dataSource()),
        Cols.integer(3, Control::tableSize),
        Cols.timeTicks(4, r -> new TimeTicks(r.lastDeleteTime())),
        Cols.value(5, SMIConstants.SYNTAX_OCTET_STRING, r -> owner()),
        Cols.integer(6, r -> VALID));
  }

  static OctetString owner() {
    return new OctetString(OWNER);
  }
}
