package org.iptraf.agent.stats;

/**
 * Rates of one interface on the capture's clock, from 1-second samples.
 *
 * @param bps bits per second, averaged over the last 5 complete seconds (iptraf-ng's display)
 * @param pps packets per second, the same way
 * @param peakBps highest 1-second sample since start (or since counters were reset)
 * @param peakPps highest 1-second sample since start
 * @param lastSecond the last complete second: bits and packets, in and out
 * @param fiveSeconds the average of the last 5 complete seconds, in and out
 * @param ewma1m 1-minute exponentially weighted moving averages (as Unix load averages)
 * @param ewma5m 5-minute moving averages
 * @param ewma15m 15-minute moving averages
 */
public record Rates(
    double bps,
    double pps,
    double peakBps,
    double peakPps,
    Sample lastSecond,
    Sample fiveSeconds,
    Sample ewma1m,
    Sample ewma5m,
    Sample ewma15m) {

  /** In and out rates: bits and packets per second. */
  public record Sample(double inBps, double outBps, double inPps, double outPps) {
    public static final Sample ZERO = new Sample(0, 0, 0, 0);

    public double bps() {
      return inBps + outBps;
    }

    public double pps() {
      return inPps + outPps;
    }
  }

  public static final Rates ZERO =
      new Rates(0, 0, 0, 0, Sample.ZERO, Sample.ZERO, Sample.ZERO, Sample.ZERO, Sample.ZERO);
}
