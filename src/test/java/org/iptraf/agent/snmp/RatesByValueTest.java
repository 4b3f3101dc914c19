package org.iptraf.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.iptraf.agent.testutil.Frames.MAC_A;
import static org.iptraf.agent.testutil.Frames.MAC_B;
import static org.iptraf.agent.testutil.Frames.ethernet;
import static org.iptraf.agent.testutil.Frames.ipv4;
import static org.iptraf.agent.testutil.Frames.udp;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iptraf.agent.mib.Mib;
import org.iptraf.agent.testutil.PcapWriter;
import org.iptraf.agent.testutil.Require;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rate the agent serves, checked by value: a capture whose timestamps make each rate known
 * (two hours at a steady rate in and out, so that even the 15-minute moving average has settled;
 * one busy second in the middle for the peaks; the received rate doubled in the last three seconds,
 * which tells the last second from the last five), polled over SNMP.
 */
class RatesByValueTest {

  private static final String R = "1.3.6.1.4.1.32473.7";
  private static final long SECOND = 1_000_000_000L;
  private static final long T0 = 1_700_000_000L * SECOND;
  private static final int SECONDS = 7200;
  private static final int BUSY_SECOND = 3600;

  /** Received: 10 frames a second of 100 bytes; sent: 5 a second of 150 bytes. */
  private static final int IN_PER_SECOND = 10;

  private static final int OUT_PER_SECOND = 5;
  private static final int IN_LENGTH = 100;
  private static final int OUT_LENGTH = 150;

  /** Received in addition during the busy second. */
  private static final int BUSY_EXTRA = 40;

  /** The last seconds, at twice the received rate. */
  private static final int FAST_SECONDS = 3;

  @TempDir Path dir;

  @Test
  void everyRateIsWhatTheTimestampsMakeIt() throws Exception {
    Require.tool("snmpget");
    Path pcap = writeCapture(dir.resolve("steady.pcap"));
    long inBps = 8L * IN_PER_SECOND * IN_LENGTH;
    long outBps = 8L * OUT_PER_SECOND * OUT_LENGTH;
    long busyPps = IN_PER_SECOND + BUSY_EXTRA + OUT_PER_SECOND;
    long busyBps = 8L * ((IN_PER_SECOND + BUSY_EXTRA) * IN_LENGTH + OUT_PER_SECOND * OUT_LENGTH);

    Mib mib = Mib.iptrafAgent();
    Map<String, String> oids = new LinkedHashMap<>();
    for (String name :
        List.of("iptrafIfBps", "iptrafIfPps", "iptrafIfPeakBps", "iptrafIfPeakPps")) {
      oids.put(name, R + "." + mib.oid(name) + ".1");
    }
    for (String window : List.of("1s", "5s", "1m", "5m", "15m")) {
      for (String rate : List.of("InBps", "OutBps", "InPps", "OutPps")) {
        String name = "iptrafIfRate" + window + rate;
        oids.put(name, R + "." + mib.oid(name) + ".1");
      }
    }
    int port = ServedAgent.freePort();
    Map<String, Long> served = new LinkedHashMap<>();
    JsonNode report;
    try (ServedAgent agent =
        ServedAgent.start(dir, pcap, ServedAgent.config(dir, port, dir.resolve("state")), port)) {
      report = agent.report();
      ExternalTool.Result r = agent.tool("snmpget", oids.values().toArray(String[]::new));
      assertThat(r.exitCode()).as(r.all()).isZero();
      List<String> lines = r.stdout().lines().filter(l -> !l.isBlank()).toList();
      List<String> names = new ArrayList<>(oids.keySet());
      for (int i = 0; i < names.size(); i++) {
        served.put(
            names.get(i),
            Long.parseLong(lines.get(i).substring(lines.get(i).indexOf(' ') + 1).trim()));
      }
    }

    // rates cover complete seconds, and a second is complete once a later frame is seen: the
    // capture's own last second never is. So the last second is a doubled one, and the last
    // five are three steady seconds and the two doubled ones before the capture's last.
    long fastInBps = 2 * inBps;
    int fastComplete = FAST_SECONDS - 1;
    long fiveInPps = ((5L - fastComplete) * IN_PER_SECOND + fastComplete * 2L * IN_PER_SECOND) / 5;
    long fiveInBps = 8L * fiveInPps * IN_LENGTH;
    assertThat(served.get("iptrafIfBps")).isEqualTo(fiveInBps + outBps);
    assertThat(served.get("iptrafIfPps")).isEqualTo(fiveInPps + OUT_PER_SECOND);
    assertThat(served.get("iptrafIfPeakBps")).isEqualTo(busyBps);
    assertThat(served.get("iptrafIfPeakPps")).isEqualTo(busyPps);
    assertThat(served.get("iptrafIfRate1sInBps")).isEqualTo(fastInBps);
    assertThat(served.get("iptrafIfRate1sInPps")).isEqualTo(2L * IN_PER_SECOND);
    assertThat(served.get("iptrafIfRate5sInBps")).isEqualTo(fiveInBps);
    assertThat(served.get("iptrafIfRate5sInPps")).isEqualTo(fiveInPps);
    for (String window : List.of("1s", "5s")) {
      assertThat(served.get("iptrafIfRate" + window + "OutBps")).as(window).isEqualTo(outBps);
      assertThat(served.get("iptrafIfRate" + window + "OutPps"))
          .as(window)
          .isEqualTo(OUT_PER_SECOND);
    }
    // moving averages: settled after an hour of steady rate (e^-4 of the busy second's weight
    // left in the 15-minute one), then pulled up a little by the last three seconds: at most by
    // 1 - e^(-3/60) of the step in the 1-minute average. Gauge32 rounds toward zero.
    for (String window : List.of("1m", "5m", "15m")) {
      assertThat(served.get("iptrafIfRate" + window + "InBps"))
          .as(window)
          .isBetween(inBps - 1, inBps + inBps / 10);
      assertThat(served.get("iptrafIfRate" + window + "OutBps"))
          .as(window)
          .isCloseTo(outBps, within(outBps / 100 + 1));
      assertThat(served.get("iptrafIfRate" + window + "InPps"))
          .as(window)
          .isBetween((long) IN_PER_SECOND - 1, (long) IN_PER_SECOND + 1);
      assertThat(served.get("iptrafIfRate" + window + "OutPps"))
          .as(window)
          .isBetween((long) OUT_PER_SECOND - 1, (long) OUT_PER_SECOND);
    }
    // and the report says the same
    JsonNode rates = report.get("interfaces").get(0).get("rates");
    assertThat(rates.get("bps").asDouble()).isEqualTo(fiveInBps + outBps);
    assertThat(rates.get("pps").asDouble()).isEqualTo(fiveInPps + OUT_PER_SECOND);
    assertThat(rates.get("peakBps").asDouble()).isEqualTo(busyBps);
    assertThat(rates.get("peakPps").asDouble()).isEqualTo(busyPps);
  }

  /** Frames of exactly IN_LENGTH / OUT_LENGTH bytes, received and sent (Linux packet types). */
  private static Path writeCapture(Path file) {
    PcapWriter w =
        new PcapWriter(ByteOrder.LITTLE_ENDIAN, PcapWriter.Resolution.KUZNETZOV, 1, 262144);
    byte[] in = frame("10.0.0.2", "10.0.0.1", IN_LENGTH);
    byte[] out = frame("10.0.0.1", "10.0.0.2", OUT_LENGTH);
    for (int s = 0; s < SECONDS; s++) {
      long start = T0 + s * SECOND;
      int received =
          IN_PER_SECOND
              + (s == BUSY_SECOND ? BUSY_EXTRA : 0)
              + (s >= SECONDS - FAST_SECONDS ? IN_PER_SECOND : 0);
      // received and sent frames interleaved in time order within the second
      for (int k = 0, j = 0; k < received || j < OUT_PER_SECOND; ) {
        long tIn = start + k * (SECOND / received);
        long tOut = start + j * (SECOND / OUT_PER_SECOND) + SECOND / (2 * OUT_PER_SECOND);
        if (j >= OUT_PER_SECOND || (k < received && tIn <= tOut)) {
          w.kuznetzovFrame(tIn, in, 0);
          k++;
        } else {
          w.kuznetzovFrame(tOut, out, PcapWriter.PACKET_OUTGOING);
          j++;
        }
      }
    }
    return w.writeTo(file);
  }

  private static byte[] frame(String src, String dst, int length) {
    int payload = length - 14 - 20 - 8;
    byte[] f = ethernet(MAC_B, MAC_A, 0x0800, ipv4(src, dst, 17, udp(5000, 6000, payload)));
    assertThat(f).hasSize(length);
    return f;
  }
}
