package org.iptraf.agent.snmp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.iptraf.agent.stats.InterfaceSnapshot;
import org.iptraf.agent.stats.TablesSnapshot;
import org.snmp4j.agent.ManagedObject;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;

/**
 * The standard RMON tables over the same snapshots, all read-only with rows the agent made
 * (owner "monitor", status valid): RMON-MIB (RFC 2819) etherStatsTable, and HC-RMON (RFC 3273)
 * etherStatsHighCapacityTable. One etherStats row per interface, numbered as iptrafIfIndex.
 *
 * <p>RFC 2819 counts octets "excluding framing bits but including FCS octets"; Linux captures
 * lack the 4-octet FCS, so octet counts here are the report's bytes plus 4 per frame, the same
 * way the size buckets are (see {@code InterfaceSnapshot.rmonSizes}).
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

  private final RequestSnapshots pins;
  private final PerSnapshot<Interfaces> interfaces;
  private final List<ManagedObject<?>> built = new ArrayList<>();

  RmonMib(RequestSnapshots pins, PerSnapshot<Interfaces> interfaces) {
    this.pins = pins;
    this.interfaces = interfaces;
  }

  List<ManagedObject<?>> objects() {
    built.clear();
    PerSnapshot<List<If>> ifs = new PerSnapshot<>(this::ifRows);
    etherStats(ifs);
    etherStatsHighCapacity(ifs);
    return List.copyOf(built);
  }

  private List<If> ifRows(TablesSnapshot s) {
    Interfaces numbering = interfaces.of(s);
    List<If> rows = new ArrayList<>();
    for (InterfaceSnapshot i : numbering.list()) {
      rows.add(
          new If(
              numbering.ifIndex(i.id()),
              new OID(IF_INDEX).append(numbering.systemIfIndex(i)),
              i));
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
    c.add(Cols.value(20, org.snmp4j.smi.SMIConstants.SYNTAX_OCTET_STRING, r -> owner()));
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

  static OctetString owner() {
    return new OctetString(OWNER);
  }
}
