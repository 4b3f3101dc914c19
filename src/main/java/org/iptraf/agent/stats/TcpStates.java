package org.iptraf.agent.stats;

/**
 * The IP traffic monitor's state machine, as {@link TcpTable}'s state word holds it: the state (a
 * {@link TcpState} ordinal) in the low bits and the FIN seen in each direction two bits above.
 *
 * <p>A packet's step is looked up in a table of every state, direction, FIN mask and the four flags
 * that matter, which {@link #step} fills once. Written as the branches of {@link #step}, the step
 * had a branch for each flag and state; the JIT leaves out a branch it has not seen taken, and a
 * capture meets its first FIN, RST or timed-out connection revived long after the code is compiled,
 * each time throwing the compiled code away: TcpTable.count was compiled again four to eight times
 * in a replay of the 110 k-flow capture (-XX:+PrintCompilation), each time running slower code for
 * tens of milliseconds; twice with the table (docs/BENCHMARKS.md). A table lookup has no such
 * branch.
 */
final class TcpStates {
  private TcpStates() {}

  /* TcpState ordinals, as the state field holds them; final states from CLOSED on. */
  static final int SYN_SEEN = 0;
  static final int ESTABLISHED = 1;
  static final int FIN_ONE_WAY = 2;
  static final int FIN_BOTH_WAYS = 3;
  static final int CLOSED = 4;
  static final int RESET = 5;
  static final int TIMED_OUT = 6;

  /** Where the state word keeps the FIN mask (bit 0: direction 0 sent FIN; bit 1: direction 1). */
  static final int FIN_SHIFT = 8;

  private static final int STATE_BITS = 3;
  private static final long STATE_AND_FINS = (1L << FIN_SHIFT + 2) - 1;

  /** In a {@link #NEXT} entry: a SYN alone on a final state, which opens a new connection. */
  private static final int REOPENS = 1 << 5;

  static {
    // the codes above must be the enum's ordinals
    if (TcpState.SYN_SEEN.ordinal() != SYN_SEEN
        || TcpState.TIMED_OUT.ordinal() != TIMED_OUT
        || TcpState.CLOSED.ordinal() != CLOSED
        || !TcpState.CLOSED.isFinal()
        || TcpState.FIN_BOTH_WAYS.isFinal()
        || TcpState.values().length > 1 << STATE_BITS) {
      throw new AssertionError("TcpState order changed");
    }
  }

  /**
   * Indexed by {@link #index}: the state in bits 0-2, the FIN mask in bits 3-4, {@link #REOPENS}.
   */
  private static final byte[] NEXT = new byte[1 << 10];

  static {
    for (int i = 0; i < NEXT.length; i++) {
      int flags = (i & 7) | (i & 8) << 1; // FIN, SYN, RST as they are; ACK from bit 3
      int state = i >> 4 & 7;
      int dir = i >> 7 & 1;
      int fins = i >> 8 & 3;
      boolean reopens = (flags & (TcpTable.SYN | TcpTable.ACK)) == TcpTable.SYN && isFinal(state);
      NEXT[i] = (byte) (step(state, fins, dir, flags) | (reopens ? REOPENS : 0));
    }
  }

  private static int index(long word, int dir, int flags) {
    return (flags & 7) // FIN, SYN, RST
        | (flags >> 1 & 8) // ACK
        | (int) (word & 7) << 4
        | dir << 7
        | (int) (word >>> FIN_SHIFT & 3) << 8;
  }

  /** The state word after a packet with TCP {@code flags} in direction {@code dir}. */
  static long advance(long word, int dir, int flags) {
    int next = NEXT[index(word, dir, flags)];
    return (word & ~STATE_AND_FINS) | (long) (next >> STATE_BITS & 3) << FIN_SHIFT | (next & 7);
  }

  /**
   * Whether a packet with {@code flags} on a connection in this state word opens a new connection
   * on the same four-tuple: a SYN without ACK on a final state. As an int, 0 or 1, so that the
   * caller can combine it without a branch.
   */
  static int reopens(long word, int flags) {
    return (NEXT[index(word, 0, flags)] & REOPENS) >> 5;
  }

  static boolean isFinal(int state) {
    return state >= CLOSED;
  }

  /**
   * One step, as the branches it is: the state and FIN mask after a packet (state | fins << 3). RST
   * sticks; a FIN marks its direction; an answer establishes; the last ACK after both FINs closes;
   * a timed-out connection that gets traffic comes back.
   */
  private static int step(int state, int fins, int dir, int flags) {
    int next;
    if (state == RESET) {
      next = state;
    } else if ((flags & TcpTable.RST) != 0) {
      next = RESET;
    } else if ((flags & TcpTable.FIN) != 0) {
      fins |= 1 << dir;
      next = fins == 3 ? FIN_BOTH_WAYS : FIN_ONE_WAY;
    } else if (state == SYN_SEEN) {
      boolean answered =
          dir == 1
              ? (flags & (TcpTable.SYN | TcpTable.ACK)) == (TcpTable.SYN | TcpTable.ACK)
              : (flags & TcpTable.ACK) != 0;
      next = answered ? ESTABLISHED : SYN_SEEN;
    } else if (state == FIN_BOTH_WAYS) {
      next = (flags & TcpTable.ACK) != 0 ? CLOSED : FIN_BOTH_WAYS;
    } else if (state == TIMED_OUT) {
      next = fins == 0 ? ESTABLISHED : FIN_ONE_WAY;
    } else {
      next = state; // established, half closed or closed: flags already recorded
    }
    return next | fins << STATE_BITS;
  }
}
