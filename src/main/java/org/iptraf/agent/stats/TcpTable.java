package org.iptraf.agent.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.iptraf.agent.decode.Packet;

/**
 * The IP traffic monitor: one record per TCP connection holding both directions, stored inline in a
 * {@link FlowRecords} table so that counting a packet touches one place in memory.
 *
 * <p>Life of an entry: made by the first packet of a connection (SYN or not); a RST or both FINs
 * and the last ACK end it; a final entry stays visible for {@code closedRetention} and then its
 * record is freed, and the next new connection that hashes there takes it. Late packets of a
 * retained closed connection (the final ACK, a retransmitted FIN) land on it and never open a
 * phantom connection as in iptraf-ng; a new SYN on the same four-tuple starts a fresh connection.
 */
final class TcpTable {

  static final int FIN = 0x01;
  static final int SYN = 0x02;
  static final int RST = 0x04;
  static final int ACK = 0x10;

  private static final TcpState[] STATES = TcpState.values();
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final FlowRecords flows;
  private final RecordTable records;
  private final PortTable ports;
  private final long idleTimeoutNanos;
  private final long retentionNanos;

  private long opened;

  /**
   * By state: how long a record may go without frames before its next change (a table, as in
   * TcpStates, so that the first connection to close or time out costs no recompilation).
   */
  private final long[] untouched = new long[8];

  /** Where ended connections go for an exporter; null when none takes them. */
  private EndedRecords ended;

  /*
   * A connection's values after its key, direction 0 being from the endpoint that opened it:
   * | packets 0 | bytes 0 | packets 1 | bytes 1 | lastSeen | firstSeen |
   * | state (8) finMask (2) opener stored second (1) . window 0 (16) window 1 (16) vlan+1 (13) . |
   * | flagsSeen 0 (16) lastFlags 0 (16) flagsSeen 1 (16) lastFlags 1 (16) |
   * | lastSize 0 (32) lastSize 1 (32) |
   */
  private static final int PACKETS = 0; // + 2 * direction
  private static final int BYTES = 1; // + 2 * direction
  private static final int LAST_SEEN = 4;
  private static final int FIRST_SEEN = 5;
  private static final int STATE = 6;
  private static final int FLAGS = 7;
  private static final int SIZES = 8;
  private static final int VALUES = 9;

  private static final long STATE_MASK = 0xFF;
  // the FIN mask: TcpStates.FIN_SHIFT
  private static final long OPENER_SECOND = 1L << 10;
  private static final int WINDOW_SHIFT = 16; // + 16 * direction
  private static final int VLAN_SHIFT = 48; // the VLAN id of the last frame + 1; 0 for none
  private static final long VLAN_MASK = 0x1FFFL << VLAN_SHIFT;

  /**
   * @param ports where the packets of a connection are counted by port when its record goes
   *     (expiry, eviction, reuse by a new connection); see {@link #portsSnapshot}
   */
  TcpTable(int maxEntries, long idleTimeoutNanos, long retentionNanos, PortTable ports) {
    this.flows = new FlowRecords(maxEntries, VALUES);
    this.records = flows.records();
    this.ports = ports;
    records.onEviction((t, v) -> retire(t, v, FlowEnd.EVICTED));
    this.idleTimeoutNanos = idleTimeoutNanos;
    this.retentionNanos = retentionNanos;
    for (int s = 0; s < untouched.length; s++) {
      untouched[s] =
          s == TcpStates.TIMED_OUT
              ? idleTimeoutNanos + retentionNanos
              : TcpStates.isFinal(s) ? retentionNanos : idleTimeoutNanos;
    }
    // a new connection can go no sooner than the idle timeout after its second, unless a frame
    // changes its state, which brings its look forward (count)
    records.expireWith(idleTimeoutNanos / NANOS_PER_SECOND, this::check);
  }

  /** Where the record {@link #count} would count into starts ({@link Lookahead}). */
  int slotOf(Packet p, int interfaceId) {
    return flows.slotOf(
        p.srcHi, p.srcLo, p.srcPort, p.dstHi, p.dstLo, p.dstPort, interfaceId, true);
  }

  /** Its records, which {@link Lookahead} reads ahead. */
  RecordTable records() {
    return records;
  }

  void count(Packet p, int interfaceId, long now) {
    int v =
        flows.acquire(p.srcHi, p.srcLo, p.srcPort, p.dstHi, p.dstLo, p.dstPort, interfaceId, true);
    long[] t = records.table();
    int flags = p.tcpFlags & 0xFFFF;
    long word = t[v + STATE];
    long before = word; // a four-tuple reused changes state: its timeout may come sooner
    // without a branch on the state: new states would only come long after the JIT (TcpStates)
    if ((TcpStates.reopens(word, flags) | (records.inserted ? 1 : 0)) != 0) {
      // a new connection, or a four-tuple reused by one: start afresh, this sender first
      if (!records.inserted) {
        retire(t, v, FlowEnd.END);
      }
      opened++;
      Arrays.fill(t, v, v + VALUES, 0);
      t[v + FIRST_SEEN] = now;
      word =
          (flows.reversed ? OPENER_SECOND : 0)
              | ((flags & (SYN | ACK)) == SYN ? TcpStates.SYN_SEEN : TcpStates.ESTABLISHED);
      if (records.inserted) {
        before = word; // made due one idle timeout on already
      }
    }
    int dir = flows.reversed == ((word & OPENER_SECOND) != 0) ? 0 : 1;
    t[v + PACKETS + 2 * dir]++;
    t[v + BYTES + 2 * dir] += p.ipLength;
    t[v + LAST_SEEN] = now;
    int shift = 32 * dir;
    long flagWord = t[v + FLAGS];
    long seen = ((flagWord >>> shift) | flags) & 0xFFFF;
    t[v + FLAGS] = (flagWord & ~(0xFFFF_FFFFL << shift)) | ((seen | (long) flags << 16) << shift);
    long sizes = t[v + SIZES];
    t[v + SIZES] = (sizes & ~(0xFFFF_FFFFL << shift)) | ((p.ipLength & 0xFFFF_FFFFL) << shift);
    int windowShift = WINDOW_SHIFT + 16 * dir;
    word = (word & ~(0xFFFFL << windowShift)) | ((long) (p.tcpWindow & 0xFFFF) << windowShift);
    word = (word & ~VLAN_MASK) | ((long) (p.vlanId + 1) << VLAN_SHIFT & VLAN_MASK);
    long next = TcpStates.advance(word, dir, flags);
    t[v + STATE] = next;
    if (((next ^ before) & STATE_MASK) != 0) { // a few times a connection: its timeout changed
      records.dueBy(v, now + untouched(next) + 1);
    }
  }

  private static TcpState state(long[] t, int v) {
    return STATES[(int) (t[v + STATE] & STATE_MASK)];
  }

  private static void set(long[] t, int v, TcpState s) {
    t[v + STATE] = (t[v + STATE] & ~STATE_MASK) | s.ordinal();
  }

  /**
   * Once a second of capture time: idle connections time out, final ones past their retention are
   * freed. Only the records due are looked at ({@link RecordTable#expire}).
   */
  void expire(long now) {
    records.expire(now);
  }

  /** Expiry as before the wheel: every record at every tick (tests compare the two). */
  void lookAtEveryRecordEveryTick() {
    records.lookAtEveryRecordEveryTick();
  }

  /**
   * One record's timeouts at tick {@code now}: a connection idle for longer than the idle timeout
   * is marked timed out; a final one idle for longer than its retention (timed out: idle timeout
   * plus retention) goes. Otherwise the time of its next change if no frame comes; a frame that
   * changes its state brings that forward itself ({@link #count}).
   */
  private long check(long[] t, int v, long now) {
    long last = t[v + LAST_SEEN];
    TcpState s = state(t, v);
    if (s == TcpState.TIMED_OUT) {
      if (now - last > idleTimeoutNanos + retentionNanos) {
        retire(t, v, FlowEnd.IDLE);
        return ExpiryWheel.REMOVE;
      }
    } else if (s.isFinal()) {
      if (now - last > retentionNanos) {
        retire(t, v, FlowEnd.END);
        return ExpiryWheel.REMOVE;
      }
    } else if (now - last > idleTimeoutNanos) {
      set(t, v, TcpState.TIMED_OUT);
    }
    return last + untouched(t[v + STATE]) + 1;
  }

  /** How long a record in this state word may go without frames before its next change. */
  private long untouched(long word) {
    return untouched[(int) (word & 7)];
  }

  /** Frees every closed, reset or timed-out entry now (JMX clearClosedConnections()). */
  int clearClosed() {
    return RecordScans.removeIf(
        records,
        (t, v) -> {
          TcpState s = state(t, v);
          boolean remove = s.isFinal();
          if (remove) {
            retire(t, v, s == TcpState.TIMED_OUT ? FlowEnd.IDLE : FlowEnd.END);
          }
          return remove;
        });
  }

  /** Drops every connection of an interface that is gone (its packets stay in the ports). */
  void removeInterface(int interfaceId) {
    RecordScans.removeIf(
        records,
        (t, v) -> {
          boolean remove = flows.contextOf(v) == interfaceId;
          if (remove) {
            retire(t, v, FlowEnd.REMOVED);
          }
          return remove;
        });
  }

  /**
   * A connection's record goes: its packets stay counted by port, and an exporter that takes ended
   * connections gets its last values.
   */
  private void retire(long[] t, int v, FlowEnd how) {
    addPorts(t, v);
    if (ended != null) {
      ended.add(t, v, how);
    }
  }

  /** From now on, ended connections are kept (up to {@code capacity}) for {@link #takeEnded}. */
  void keepEnded(int capacity) {
    ended = new EndedRecords(records, capacity);
  }

  /** The writer built snapshot {@code n}. */
  void snapshotBuilt(long n) {
    if (ended != null) {
      ended.sequence(n);
    }
  }

  /** The connections that ended before snapshot {@code before}, oldest first. */
  List<Ended<TcpConnection>> takeEnded(long before, IntFunction<String> interfaceNames) {
    if (ended == null) {
      return List.of();
    }
    FrozenRecords f = ended.take(before);
    List<Ended<TcpConnection>> rows = new ArrayList<>(f.size());
    for (int i = 0; i < f.size(); i++) {
      rows.add(new Ended<>(row(f, i, interfaceNames), EndedRecords.how(f, i)));
    }
    return rows;
  }

  /** Ended connections lost because the buffer was full. */
  long endedDropped() {
    return ended == null ? 0 : ended.dropped();
  }

  /**
   * The port rows of a snapshot, with the packets of the connections live now added to those of the
   * connections gone (on the reader's thread, from a copy: {@link PortTable#snapshot}).
   */
  List<PortCounts> portsSnapshot(FrozenRecords f) {
    return ports.snapshot(
        scratch -> {
          for (int i = 0; i < f.size(); i++) {
            addPorts(
                scratch,
                f.table(),
                f.values(i),
                FlowRecords.port(f, i, FlowRecords.FIRST),
                FlowRecords.port(f, i, FlowRecords.SECOND));
          }
        });
  }

  /** Adds the record's two directions to the ports. */
  private void addPorts(long[] t, int v) {
    addPorts(ports, t, v, flows.portOf(v, FlowRecords.FIRST), flows.portOf(v, FlowRecords.SECOND));
  }

  /** Adds both directions of the record at {@code v} (its key has these ports) to {@code into}. */
  private static void addPorts(PortTable into, long[] t, int v, int firstPort, int secondPort) {
    boolean openerSecond = (t[v + STATE] & OPENER_SECOND) != 0;
    int opener = openerSecond ? secondPort : firstPort;
    int other = openerSecond ? firstPort : secondPort;
    into.add(PortTable.TCP, opener, other, t[v + PACKETS], t[v + BYTES]);
    into.add(PortTable.TCP, other, opener, t[v + PACKETS + 2], t[v + BYTES + 2]);
  }

  void clear() {
    records.clear();
    opened = 0;
  }

  int size() {
    return records.size();
  }

  /** Connections started since the table was made or cleared. */
  long opened() {
    return opened;
  }

  long evictions() {
    return records.evictions();
  }

  /** The connections as they are now, for {@link #snapshot} and {@link #portsSnapshot}. */
  FrozenRecords freeze() {
    return RecordScans.freeze(records);
  }

  /** Most recently seen first; the rows are made when first read ({@link LazyRows}). */
  static List<TcpConnection> snapshot(FrozenRecords f, IntFunction<String> interfaceNames) {
    return LazyRows.newestFirst(
        f, (fr, i) -> row(fr, i, interfaceNames), Order.TCP, TcpTable::ranking);
  }

  /** {@link Order#TCP} from the records: bytes, then interface, opener, other endpoint. */
  private static RankedRows.Records ranking(FrozenRecords f) {
    long[] t = f.table();
    return new RankedRows.Records() {
      @Override
      public long bytes(int i) {
        int v = f.values(i);
        return t[v + BYTES] + t[v + BYTES + 2];
      }

      @Override
      public int columns() {
        return 7;
      }

      @Override
      public void columns(int i, long[] out, int at) {
        int a = (t[f.values(i) + STATE] & OPENER_SECOND) != 0 ? 1 : 0;
        out[at] = (FlowRecords.context(f, i) ^ Integer.MIN_VALUE) & 0xFFFF_FFFFL; // signed order
        FlowRecords.end(f, i, a, out, at + 1, true);
        FlowRecords.end(f, i, 1 - a, out, at + 4, true);
      }
    };
  }

  private static TcpConnection row(FrozenRecords f, int i, IntFunction<String> interfaceNames) {
    long[] t = f.table();
    int v = f.values(i);
    int opener = (t[v + STATE] & OPENER_SECOND) != 0 ? FlowRecords.SECOND : FlowRecords.FIRST;
    int ifId = FlowRecords.context(f, i);
    return new TcpConnection(
        ifId,
        interfaceNames.apply(ifId),
        endpoint(f, i, opener),
        endpoint(f, i, 1 - opener),
        state(t, v),
        t[v + FIRST_SEEN],
        t[v + LAST_SEEN],
        direction(t, v, 0),
        direction(t, v, 1),
        (int) ((t[v + STATE] & VLAN_MASK) >>> VLAN_SHIFT) - 1);
  }

  private static Endpoint endpoint(FrozenRecords f, int i, int end) {
    return new Endpoint(
        FlowRecords.hi(f, i, end), FlowRecords.lo(f, i, end), FlowRecords.port(f, i, end));
  }

  private static TcpConnection.Direction direction(long[] t, int v, int dir) {
    int shift = 32 * dir;
    int flags = (int) (t[v + FLAGS] >>> shift);
    return new TcpConnection.Direction(
        t[v + PACKETS + 2 * dir],
        t[v + BYTES + 2 * dir],
        flags & 0xFFFF,
        flags >>> 16,
        (int) (t[v + STATE] >>> (WINDOW_SHIFT + 16 * dir)) & 0xFFFF,
        (int) (t[v + SIZES] >>> shift));
  }
}
