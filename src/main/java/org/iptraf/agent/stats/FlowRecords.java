package org.iptraf.agent.stats;

/**
 * A {@link RecordTable} keyed by two endpoints (128-bit address and 16-bit port each) and a 32-bit
 * context (interface, protocol).
 *
 * <p>A symmetric lookup stores the key with the lower endpoint first, so that both directions of a
 * conversation find one record with one comparison, and says in {@link #reversed} whether the
 * packet's endpoints were swapped to get there. Owners remember at insertion which way round their
 * first packet was, to tell directions and the opening endpoint apart.
 *
 * <p>Key words: | first hi | first lo | second hi | second lo | first port (16) second port (16)
 * context (32) |.
 */
final class FlowRecords {
  static final int FIRST = 0;
  static final int SECOND = 1;

  private final RecordTable records;

  /** Set by the last {@link #acquire}: the key is stored with the packet's endpoints swapped. */
  boolean reversed;

  FlowRecords(int maxEntries, int values) {
    this.records = new RecordTable(maxEntries, 5, values);
  }

  RecordTable records() {
    return records;
  }

  /** As {@link RecordTable#acquire}, for the flow from a to b (or between them, if symmetric). */
  int acquire(
      long aHi,
      long aLo,
      int aPort,
      long bHi,
      long bLo,
      int bPort,
      int context,
      boolean symmetric) {
    boolean swap = symmetric && swapped(aHi, aLo, aPort, bHi, bLo, bPort);
    reversed = swap;
    if (swap) {
      return records.acquire(bHi, bLo, aHi, aLo, tag(bPort, aPort, context));
    }
    return records.acquire(aHi, aLo, bHi, bLo, tag(aPort, bPort, context));
  }

  /** As {@link RecordTable#slotOf}, for the record {@link #acquire} would find with these. */
  int slotOf(
      long aHi,
      long aLo,
      int aPort,
      long bHi,
      long bLo,
      int bPort,
      int context,
      boolean symmetric) {
    if (symmetric && swapped(aHi, aLo, aPort, bHi, bLo, bPort)) {
      return records.slotOf(bHi, bLo, aHi, aLo, tag(bPort, aPort, context));
    }
    return records.slotOf(aHi, aLo, bHi, bLo, tag(aPort, bPort, context));
  }

  /** Whether endpoint a is the higher one, so that a symmetric key stores b first. */
  private static boolean swapped(long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
    return aHi != bHi ? aHi > bHi : aLo != bLo ? aLo > bLo : aPort > bPort;
  }

  private static long tag(int firstPort, int secondPort, int context) {
    return ((long) (firstPort & 0xFFFF) << 48)
        | ((long) (secondPort & 0xFFFF) << 32)
        | (context & 0xFFFF_FFFFL);
  }

  /** Removes every flow whose context, masked, is {@code value}. */
  void removeContext(int mask, int value) {
    RecordScans.removeWhereKey(records, 4, mask & 0xFFFF_FFFFL, value & 0xFFFF_FFFFL);
  }

  /** Address bits of one end of frozen record {@code i} (high half). */
  static long hi(FrozenRecords f, int i, int end) {
    return f.key(i, 2 * end);
  }

  static long lo(FrozenRecords f, int i, int end) {
    return f.key(i, 2 * end + 1);
  }

  static int port(FrozenRecords f, int i, int end) {
    return (int) (f.key(i, 4) >>> (end == FIRST ? 48 : 32)) & 0xFFFF;
  }

  /**
   * Puts endpoint {@code end} of record i in {@code out} from {@code at}, as three numbers that
   * compare unsigned as {@link Endpoint#compareTo} compares the endpoint made of it: the address's
   * high and low words, then the port plus one ({@code ports}), or 0 for an endpoint without one.
   */
  static void end(FrozenRecords f, int i, int end, long[] out, int at, boolean ports) {
    out[at] = hi(f, i, end);
    out[at + 1] = lo(f, i, end);
    out[at + 2] = ports ? port(f, i, end) + 1 : 0;
  }

  static int context(FrozenRecords f, int i) {
    return (int) f.key(i, 4);
  }

  /** As {@link #port}, for the record whose values start at {@code values}. */
  int portOf(int values, int end) {
    return (int) (records.keyOf(values, 4) >>> (end == FIRST ? 48 : 32)) & 0xFFFF;
  }

  /** As {@link #context}, for the record whose values start at {@code values}. */
  int contextOf(int values) {
    return (int) records.keyOf(values, 4);
  }
}
