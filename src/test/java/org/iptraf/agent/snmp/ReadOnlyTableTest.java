package org.iptraf.agent.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.agent.DefaultMOScope;
import org.snmp4j.agent.mo.DefaultMOMutableRow2PC;
import org.snmp4j.agent.mo.DefaultMOMutableTableModel;
import org.snmp4j.agent.mo.DefaultMOTable;
import org.snmp4j.agent.mo.MOAccessImpl;
import org.snmp4j.agent.mo.MOColumn;
import org.snmp4j.agent.mo.MOTableIndex;
import org.snmp4j.agent.mo.MOTableSubIndex;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/** ReadOnlyTable's own find/next start and view cache against SNMP4J's DefaultMOTable. */
class ReadOnlyTableTest {

  record Rec(int[] key, long value) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Rec r && java.util.Arrays.equals(key, r.key) && value == r.value;
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(key) * 31 + Long.hashCode(value);
    }
  }

  private static final OID ENTRY = new OID("1.3.6.1.4.1.32473.7.1.1.1.4.1.1");
  private static final int[] COLUMN_IDS = {3, 4, 7};

  private static List<ReadOnlyTable.Column<Rec>> columns() {
    return List.of(
        Cols.integer(3, r -> (int) r.value()),
        Cols.counter64(4, Rec::value),
        Cols.integer(7, r -> r.key().length));
  }

  private static List<Rec> records(Random random, int n) {
    List<Rec> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int len = 1 + random.nextInt(3);
      int[] key = new int[len];
      for (int j = 0; j < len; j++) {
        key[j] = random.nextInt(5);
      }
      out.add(new Rec(key, i));
    }
    return out;
  }

  /** SNMP4J's own table over the same rows (first record of an index wins, as ours). */
  private static DefaultMOTable<
          DefaultMOMutableRow2PC,
          MOColumn<Variable>,
          DefaultMOMutableTableModel<DefaultMOMutableRow2PC>>
      reference(List<Rec> recs) {
    @SuppressWarnings("unchecked")
    MOColumn<Variable>[] cols = (MOColumn<Variable>[]) new MOColumn<?>[COLUMN_IDS.length];
    for (int i = 0; i < cols.length; i++) {
      cols[i] =
          new MOColumn<>(COLUMN_IDS[i], SMIConstants.SYNTAX_INTEGER, MOAccessImpl.ACCESS_READ_ONLY);
    }
    DefaultMOMutableTableModel<DefaultMOMutableRow2PC> model = new DefaultMOMutableTableModel<>();
    for (Rec r : recs) {
      OID index = new OID(r.key());
      if (model.getRow(index) == null) {
        model.addRow(
            new DefaultMOMutableRow2PC(
                index,
                new Variable[] {
                  new Integer32((int) r.value()),
                  new Counter64(r.value()),
                  new Integer32(r.key().length)
                }));
      }
    }
    return new DefaultMOTable<>(
        ENTRY,
        new MOTableIndex(
            new MOTableSubIndex[] {new MOTableSubIndex(SMIConstants.SYNTAX_OBJECT_IDENTIFIER)},
            true),
        cols,
        model);
  }

  /**
   * find() is the first cell in OID order after (or at) the lower bound and within the upper one:
   * checked against every cell listed and sorted, and against SNMP4J's DefaultMOTable wherever the
   * lower bound is outside the entry or in one of its columns. (For a lower bound in a column the
   * table does not have, DefaultMOTable carries the bound's index over to the next column and so
   * skips rows: there the answer is the lexicographic one instead.)
   */
  @Test
  void findIsTheNextCellInOidOrder() {
    Random random = new Random(7);
    int comparedWithSnmp4j = 0;
    for (int round = 0; round < 20; round++) {
      List<Rec> recs = records(random, round * 3);
      ReadOnlyTable<Rec> ours =
          ReadOnlyTable.of(ENTRY, columns(), r -> new OID(r.key()), () -> recs);
      var theirs = reference(recs);
      List<OID> cells = new ArrayList<>();
      for (int id : COLUMN_IDS) {
        for (Rec r : recs) {
          OID cell = new OID(ENTRY).append(id).append(new OID(r.key()));
          if (!cells.contains(cell)) {
            cells.add(cell);
          }
        }
      }
      cells.sort(null);
      for (int probe = 0; probe < 300; probe++) {
        OID lower = probe(random);
        boolean included = random.nextBoolean();
        OID upper = random.nextInt(4) == 0 ? probe(random) : null;
        DefaultMOScope scope = new DefaultMOScope(lower, included, upper, random.nextBoolean());
        OID expected = null;
        for (OID c : cells) {
          int cmp = c.compareTo(lower);
          if (cmp > 0 || (cmp == 0 && included)) {
            expected = scope.isCovered(new org.snmp4j.agent.util.OIDScope(c)) ? c : null;
            break;
          }
        }
        assertEquals(expected, ours.find(scope), "scope " + scope + " cells " + cells);
        boolean inAColumn =
            lower.size() > ENTRY.size()
                && lower.startsWith(ENTRY)
                && java.util.Arrays.stream(COLUMN_IDS)
                    .anyMatch(id -> id == lower.get(ENTRY.size()));
        if (inAColumn || !lower.startsWith(ENTRY) || lower.size() == ENTRY.size()) {
          assertEquals(theirs.find(scope), ours.find(scope), "SNMP4J, scope " + scope);
          comparedWithSnmp4j++;
        }
      }
    }
    assertTrue(comparedWithSnmp4j > 1000, "compared with SNMP4J: " + comparedWithSnmp4j);
  }

  private static OID probe(Random random) {
    OID o;
    switch (random.nextInt(6)) {
      case 0 -> o = new OID(ENTRY.getValue(), 0, ENTRY.size() - random.nextInt(3));
      case 1 -> o = new OID("1.3.6.1.4.1.32473.7.1.1.1.5");
      default -> {
        o = new OID(ENTRY);
        o.append(random.nextInt(9));
        int len = random.nextInt(4);
        for (int j = 0; j < len; j++) {
          o.append(random.nextInt(10) == 0 ? -1 : random.nextInt(5));
        }
      }
    }
    return o;
  }

  @Test
  void anEqualNewListKeepsTheSortedViewButServesTheNewRecords() {
    List<Rec> first = records(new Random(3), 50);
    List<Rec> second = new ArrayList<>();
    for (Rec r : first) {
      second.add(new Rec(r.key().clone(), r.value()));
    }
    List<List<Rec>> source = new ArrayList<>(List.of(first));
    ReadOnlyTable<Rec> table =
        ReadOnlyTable.of(ENTRY, columns(), r -> new OID(r.key()), () -> source.get(0));
    table.update(null);
    ReadOnlyTable.Model<Rec> model = table.getModel();
    List<Rec> before = model.records();
    source.set(0, second);
    table.update(null);
    List<Rec> after = model.records();
    assertEquals(before, after);
    for (Rec r : after) {
      assertSame(second.get(second.indexOf(r)), r, "rebound to the new list's records");
    }
  }

  @Test
  void runningResponseSizeIsSnmp4js() {
    for (PDU pdu : List.of(new PDU(), new ScopedPDU())) {
      if (pdu instanceof ScopedPDU s) {
        s.setContextEngineID(new OctetString(new byte[300]));
        s.setContextName(new OctetString("ctx"));
      }
      pdu.setRequestID(new Integer32(123456789));
      for (int i = 0; i < 3000; i += 1 + i / 10) {
        pdu.add(new VariableBinding(new OID(ENTRY).append(i), new OctetString(new byte[i % 200])));
        assertEquals(
            pdu.getBERLength(),
            BulkRequest.pduLength(pdu, PDU.getBERLength(pdu.getVariableBindings())));
      }
    }
  }
}
