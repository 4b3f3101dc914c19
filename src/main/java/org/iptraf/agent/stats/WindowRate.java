package org.iptraf.agent.stats;

/**
 * The per-second rate of an ever-growing total (kernel drops, connections opened), averaged over
 * the last 5 complete seconds of capture time.
 */
final class WindowRate {
  private static final int WINDOW = 5;
  private final long[] deltas = new long[WINDOW];
  private int next;
  private int filled;
  private long lastTotal = -1;

  /** Records the total at the end of a second; {@code emptySeconds} silent seconds preceded it. */
  void closeSecond(long total, long emptySeconds) {
    for (long i = 0; i < Math.min(emptySeconds, WINDOW); i++) {
      push(0);
    }
    push(lastTotal < 0 || total < lastTotal ? 0 : total - lastTotal);
    lastTotal = total;
  }

  private void push(long delta) {
    deltas[next] = delta;
    next = (next + 1) % WINDOW;
    filled = Math.min(WINDOW, filled + 1);
  }

  double perSecond() {
    long sum = 0;
    for (long d : deltas) {
      sum += d;
    }
    return filled == 0 ? 0 : (double) sum / filled;
  }

  void reset() {
    java.util.Arrays.fill(deltas, 0);
    next = 0;
    filled = 0;
    lastTotal = -1;
  }
}
