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
  private long[] firstSeen = new long[0];
  private long[] lastSeen = new long[0];
  private byte[] state = new byte[0];
  private byte[] finMask = new byte[0];
  // per entry and direction (2e: a to b, 2e+1: b to a)
  private long[] packets = new long[0];
  private long[] bytes = new long[0];
  private int[] flagsSeen = new int[0];
  private int[] lastFlags = new int[0];
  private int[] window = new int[0];
  private int[] lastSize = new int[0];

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
    if (!index.inserted && newSyn && STATES[state[e]].isFinal()) {
      // the four-tuple is reused by a new connection: start it afresh, SYN sender first
      index.release(e);
      e = index.acquire(
          p.srcHi, p.srcLo, p.srcPort, p.dstHi, p.dstLo, p.dstPort, interfaceId, true);
    }
    if (index.inserted) {
      start(e, flags, now);
    }
    int dir = index.swapped ? 1 : 0;
    int d = 2 * e + dir;
    packets[d]++;
    bytes[d] += p.ipLength;
    flagsSeen[d] |= flags;
    lastFlags[d] = flags;
    window[d] = p.tcpWindow;
    lastSize[d] = p.ipLength;
    lastSeen[e] = now;
    advance(e, dir, flags);
  }

  private void start(int e, int flags, long now) {
    opened++;
    firstSeen[e] = now;
    state[e] = (byte) ((flags & (SYN | ACK)) == SYN ? TcpState.SYN_SEEN : TcpState.ESTABLISHED)
        .ordinal();
    finMask[e] = 0;
    for (int d = 2 * e; d < 2 * e + 2; d++) {
      packets[d] = 0;
      bytes[d] = 0;
      flagsSeen[d] = 0;
      lastFlags[d] = 0;
      window[d] = 0;
      lastSize[d] = 0;
    }
  }

  private void advance(int e, int dir, int flags) {
    TcpState s = STATES[state[e]];
    if (s == TcpState.RESET) {
      return;
    }
    if ((flags & RST) != 0) {
      set(e, TcpState.RESET);
      return;
    }
    if ((flags & FIN) != 0) {
      finMask[e] |= (byte) (1 << dir);
      set(e, finMask[e] == 3 ? TcpState.FIN_BOTH_WAYS : TcpState.FIN_ONE_WAY);
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
      case TIMED_OUT -> set(e, finMask[e] == 0 ? TcpState.ESTABLISHED : TcpState.FIN_ONE_WAY);
      default -> {
        // established, half closed or closed: flags already recorded
      }
    }
  }

  private void set(int e, TcpState s) {
    state[e] = (byte) s.ordinal();
  }

  /**
   * Once a second of capture time: idle connections time out, final ones past their retention go
   * to the free list. Walks from the least recently seen and stops at the first fresh entry.
   */
  void expire(long now) {
    for (int e = index.oldest(); e != -1; ) {
      int newer = index.newer(e);
      long idle = now - lastSeen[e];
      if (idle <= retentionNanos && idle <= idleTimeoutNanos) {
        break;
      }
      TcpState s = STATES[state[e]];
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
      if (STATES[state[e]].isFinal()) {
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
          STATES[state[e]],
          firstSeen[e],
          lastSeen[e],
          direction(2 * e),
          direction(2 * e + 1)));
    }
    return rows;
  }

  private TcpConnection.Direction direction(int d) {
    return new TcpConnection.Direction(
        packets[d], bytes[d], flagsSeen[d], lastFlags[d], window[d], lastSize[d]);
  }

  @Override
  public void grow(int n) {
    firstSeen = Arrays.copyOf(firstSeen, n);
    lastSeen = Arrays.copyOf(lastSeen, n);
    state = Arrays.copyOf(state, n);
    finMask = Arrays.copyOf(finMask, n);
    packets = Arrays.copyOf(packets, 2 * n);
    bytes = Arrays.copyOf(bytes, 2 * n);
    flagsSeen = Arrays.copyOf(flagsSeen, 2 * n);
    lastFlags = Arrays.copyOf(lastFlags, 2 * n);
    window = Arrays.copyOf(window, 2 * n);
    lastSize = Arrays.copyOf(lastSize, 2 * n);
  }

  @Override
  public void evicting(int entry) {
    // counted by the index; nothing else to keep
  }
}
