package org.iptraf.agent.stats;

/**
 * 1-second samples of one interface's traffic, in and out: the last five for iptraf-ng's 5-second
 * average, the peaks, and 1/5/15-minute exponentially weighted averages.
 */
final class RateMeter {
  private static final int WINDOW = 5;
  private static final double[] ALPHA = {
    1 - Math.exp(-1.0 / 60), 1 - Math.exp(-1.0 / 300), 1 - Math.exp(-1.0 / 900)
  };

  // the interface's totals when the second being filled began
  private long inBytes;
  private long outBytes;
  private long inPackets;
  private long outPackets;

  // complete seconds
  // per slot: in bits, out bits, in packets, out packets
  private final double[][] window = new double[WINDOW][4];
  private int windowCount;
  private int windowNext;
  private double peakBps;
  private double peakPps;
  private double lastInBps;
  private double lastOutBps;
  private double lastInPps;
  private double lastOutPps;
  private final double[][] ewma = new double[3][4]; // [1m,5m,15m][inBps,outBps,inPps,outPps]

  /**
   * Ends the current second, given the interface's running totals (its samples are what they grew
   * by, so counting a frame costs the meter nothing); {@code empty} more seconds with nothing in
   * them follow it.
   */
  void closeSecond(
      long inPacketsTotal,
      long inBytesTotal,
      long outPacketsTotal,
      long outBytesTotal,
      long emptySeconds) {
    close(
        (inBytesTotal - inBytes) * 8.0,
        (outBytesTotal - outBytes) * 8.0,
        inPacketsTotal - inPackets,
        outPacketsTotal - outPackets);
    inBytes = inBytesTotal;
    outBytes = outBytesTotal;
    inPackets = inPacketsTotal;
    outPackets = outPacketsTotal;
    // a long silence: the window empties after 5 seconds and the averages decay in closed form
    long window = Math.min(emptySeconds, WINDOW);
    for (long i = 0; i < window; i++) {
      close(0, 0, 0, 0);
    }
    long rest = emptySeconds - window;
    if (rest > 0) {
      for (int m = 0; m < ALPHA.length; m++) {
        double decay = Math.pow(1 - ALPHA[m], rest);
        for (int k = 0; k < 4; k++) {
          ewma[m][k] *= decay;
        }
      }
    }
  }

  private void close(double inBits, double outBits, double inPkts, double outPkts) {
    lastInBps = inBits;
    lastOutBps = outBits;
    lastInPps = inPkts;
    lastOutPps = outPkts;
    double[] slot = window[windowNext];
    slot[0] = inBits;
    slot[1] = outBits;
    slot[2] = inPkts;
    slot[3] = outPkts;
    windowNext = (windowNext + 1) % WINDOW;
    windowCount = Math.min(WINDOW, windowCount + 1);
    peakBps = Math.max(peakBps, inBits + outBits);
    peakPps = Math.max(peakPps, inPkts + outPkts);
    double[] sample = {inBits, outBits, inPkts, outPkts};
    for (int m = 0; m < ALPHA.length; m++) {
      for (int k = 0; k < 4; k++) {
        ewma[m][k] += ALPHA[m] * (sample[k] - ewma[m][k]);
      }
    }
  }

  void reset() {
    inBytes = outBytes = inPackets = outPackets = 0;
    for (double[] slot : window) {
      java.util.Arrays.fill(slot, 0);
    }
    windowCount = 0;
    windowNext = 0;
    peakBps = peakPps = 0;
    lastInBps = lastOutBps = lastInPps = lastOutPps = 0;
    for (double[] e : ewma) {
      java.util.Arrays.fill(e, 0);
    }
  }

  Rates snapshot() {
    double[] sum = new double[4];
    for (double[] slot : window) {
      for (int k = 0; k < 4; k++) {
        sum[k] += slot[k];
      }
    }
    int n = Math.max(1, windowCount);
    Rates.Sample fiveSeconds = new Rates.Sample(sum[0] / n, sum[1] / n, sum[2] / n, sum[3] / n);
    return new Rates(
        fiveSeconds.bps(),
        fiveSeconds.pps(),
        peakBps,
        peakPps,
        new Rates.Sample(lastInBps, lastOutBps, lastInPps, lastOutPps),
        fiveSeconds,
        sample(0),
        sample(1),
        sample(2));
  }

  private Rates.Sample sample(int m) {
    return new Rates.Sample(ewma[m][0], ewma[m][1], ewma[m][2], ewma[m][3]);
  }
}
