package org.iptraf.agent.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.iptraf.agent.decode.Packet;

/**
 * The IP traffic monitor: one entry per TCP connection holding both directions, in primitive
 * arrays indexed by the {@link FlowIndex} entry number.
 *
 * <p>Life of an entry: made by the first packet of a connection (SYN or not); a RST or both FINs
 * and the last ACK end it; a final entry stays visible for {@code closedRetention} and then goes
 * to the free list, which the next new connection takes first. Late packets of a retained closed
 * connection (the final ACK, a retransmitted FIN) land on it and never open a phantom connection
 * as in iptraf-ng; a new SYN on the same four-tuple starts a fresh connection.
 */
final class TcpTable implements FlowIndex.Owner {

  static final int FIN = 0x01;
  static final int SYN = 0x02;
  static final int RST = 0x04;
  static final int ACK = 0x10;

  private static final TcpState[] STATES = TcpState.values();

  private final FlowIndex index;
  private final long idleTimeoutNanos;
  private final long retentionNanos;

  private long opened;

  /*
   * An entry's values side by side, so that counting a packet touches two cache lines instead of
   * one per field (a hundred thousand connections do not fit in cache). Per entry e:
   * longs[e * LONGS + ...]: | firstSeen | lastSeen | packets a->b | bytes a->b | packets b->a |
   *                         | bytes b->a |
   * ints[e * INTS + ...]:   | state | finMask | then per direction (a->b, b->a): flagsSeen |
   *                         | lastFlags | window | lastSize |
   */
  private static final int FIRST_SEEN = 0;
  private static final int LAST_SEEN = 1;
  private static final int PACKETS = 2; // + 2 * direction
  private static final int BYTES = 3; // + 2 * direction
  private static final int LONGS = 6;
  private static final int STATE = 0;
  private static final int FIN_MASK = 1;
  private static final int FLAGS_SEEN = 2; // + 4 * direction
  private static final int LAST_FLAGS = 3;
  private static final int WINDOW = 4;
  private static final int LAST_SIZE = 5;
  private static final int INTS = 10;

  private long[] longs = new long[0];
  private int[] ints = new int[0];

  TcpTable(int maxEntries, long idleTimeoutNanos, long retentionNanos) {
    this.index = new FlowIndex(maxEntries, this);
    this.idleTimeoutNanos = idleTimeoutNanos;
    this.retentionNanos = retentionNanos;
  }

  void count(Packet p, int interfaceId, long now) {
    int e = index.acquire(
        p.srcHi, p.srcLo, p.srcPort, p.dstHi, p.dstLo, p.dstPort, interfaceId, true);
    int flags = p.tcpFlags;
    boolean newSyn = (flags & (SYN | ACK)) == SYN;
    if (!index.inserted && newSyn && state(e).isFinal()) {
      // the four-tuple is reused by a new connection: start it afresh, SYN sender first
      index.release(e);
      e = index.acquire(
          p.srcHi, p.srcLo, p.srcPort, p.dstHi, p.dstLo, p.dstPort, interfaceId, true);
    }
    if (index.inserted) {
      start(e, flags, now);
    }
    int dir = index.swapped ? 1 : 0;
    int l = e * LONGS;
    longs[l + PACKETS + 2 * dir]++;
    longs[l + BYTES + 2 * dir] += p.ipLength;
    longs[l + LAST_SEEN] = now;
    int i = e * INTS + 4 * dir;
    ints[i + FLAGS_SEEN] |= flags;
    ints[i + LAST_FLAGS] = flags;
    ints[i + WINDOW] = p.tcpWindow;
    ints[i + LAST_SIZE] = p.ipLength;
    advance(e, dir, flags);
  }

  private void start(int e, int flags, long now) {
    opened++;
    Arrays.fill(longs, e * LONGS, (e + 1) * LONGS, 0);
    Arrays.fill(ints, e * INTS, (e + 1) * INTS, 0);
    longs[e * LONGS + FIRST_SEEN] = now;
    set(e, (flags & (SYN | ACK)) == SYN ? TcpState.SYN_SEEN : TcpState.ESTABLISHED);
  }

  private void advance(int e, int dir, int flags) {
    TcpState s = state(e);
    if (s == TcpState.RESET) {
      return;
    }
    if ((flags & RST) != 0) {
      set(e, TcpState.RESET);
      return;
    }
    if ((flags & FIN) != 0) {
      int fins = ints[e * INTS + FIN_MASK] |= 1 << dir;
      set(e, fins == 3 ? TcpState.FIN_BOTH_WAYS : TcpState.FIN_ONE_WAY);
      return;
    }
    switch (s) {
      case SYN_SEEN -> {
        if ((dir == 1 && (flags & (SYN | ACK)) == (SYN | ACK)) || (dir == 0 && (flags & ACK) != 0)) {
          set(e, TcpState.ESTABLISHED);
        }
      }
      case FIN_BOTH_WAYS -> {
        if ((flags & ACK) != 0) {
          set(e, TcpState.CLOSED);
        }
      }
      case TIMED_OUT -> set(e,
          ints[e * INTS + FIN_MASK] == 0 ? TcpState.ESTABLISHED : TcpState.FIN_ONE_WAY);
      default -> {
        // established, half closed or closed: flags already recorded
      }
    }
  }

  private TcpState state(int e) {
    return STATES[ints[e * INTS + STATE]];
  }

  private void set(int e, TcpState s) {
    ints[e * INTS + STATE] = s.ordinal();
  }

  /**
   * Once a second of capture time: idle connections time out, final ones past their retention go
   * to the free list. Walks from the least recently seen and stops at the first fresh entry.
   */
  void expire(long now) {
    for (int e = index.oldest(); e != -1; ) {
      int newer = index.newer(e);
      long idle = now - longs[e * LONGS + LAST_SEEN];
      if (idle <= retentionNanos && idle <= idleTimeoutNanos) {
        break;
      }
      TcpState s = state(e);
      if (s == TcpState.TIMED_OUT) {
        if (idle > idleTimeoutNanos + retentionNanos) {
          index.release(e);
        }
      } else if (s.isFinal()) {
        if (idle > retentionNanos) {
          index.release(e);
        }
      } else if (idle > idleTimeoutNanos) {
        set(e, TcpState.TIMED_OUT);
      }
      e = newer;
    }
  }

  /** Frees every closed, reset or timed-out entry now (JMX clearClosedConnections()). */
  int clearClosed() {
    int cleared = 0;
    for (int e = index.oldest(); e != -1; ) {
      int newer = index.newer(e);
      if (state(e).isFinal()) {
        index.release(e);
        cleared++;
      }
      e = newer;
    }
    return cleared;
  }

  void clear() {
    index.clear();
    opened = 0;
  }

  int size() {
    return index.size();
  }

  /** Connections started since the table was made or cleared. */
  long opened() {
    return opened;
  }

  long evictions() {
    return index.evictions();
  }

  List<TcpConnection> snapshot(IntFunction<String> interfaceNames) {
    List<TcpConnection> rows = new ArrayList<>(index.size());
    for (int e = index.newest(); e != -1; e = index.older(e)) {
      int ifId = index.context(e);
      rows.add(new TcpConnection(
          ifId,
          interfaceNames.apply(ifId),
          new Endpoint(index.aHi(e), index.aLo(e), index.aPort(e)),
          new Endpoint(index.bHi(e), index.bLo(e), index.bPort(e)),
          state(e),
          longs[e * LONGS + FIRST_SEEN],
          longs[e * LONGS + LAST_SEEN],
          direction(e, 0),
          direction(e, 1)));
    }
    return rows;
  }

  private TcpConnection.Direction direction(int e, int dir) {
    int l = e * LONGS + 2 * dir;
    int i = e * INTS + 4 * dir;
    return new TcpConnection.Direction(longs[l + PACKETS], longs[l + BYTES], ints[i + FLAGS_SEEN],
        ints[i + LAST_FLAGS], ints[i + WINDOW], ints[i + LAST_SIZE]);
  }

  @Override
  public void grow(int n) {
    longs = Arrays.copyOf(longs, n * LONGS);
    ints = Arrays.copyOf(ints, n * INTS);
  }

  @Override
  public void evicting(int entry) {
    // counted by the index; nothing else to keep
  }
}
