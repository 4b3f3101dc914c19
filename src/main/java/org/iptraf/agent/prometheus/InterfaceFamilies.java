package org.iptraf.agent.prometheus;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.iptraf.agent.stats.Counts;
import org.iptraf.agent.stats.InterfaceSnapshot;
import org.iptraf.agent.stats.Rates;

/**
 * The per-interface families: packets and bytes of every traffic class by direction, rates, the
 * RMON frame-size histogram and the interface's description. Their number of series grows with the
 * interfaces only.
 */
final class InterfaceFamilies {

  /** RMON etherStats' size buckets (RFC 2819), upper bounds with the 4-byte FCS. */
  private static final double[] RMON_UPPER_BOUNDS = {
    64, 127, 255, 511, 1023, 1518, Double.POSITIVE_INFINITY
  };

  /** The 4-byte frame check sequence RMON counts and Linux captures lack. */
  private static final int FCS = 4;

  /** The rate windows, as the {@code window} label names them, shortest first. */
  private static final List<Map.Entry<String, Function<Rates, Rates.Sample>>> WINDOWS =
      List.of(
          Map.entry("1s", Rates::lastSecond),
          Map.entry("5s", Rates::fiveSeconds),
          Map.entry("1m", Rates::ewma1m),
          Map.entry("5m", Rates::ewma5m),
          Map.entry("15m", Rates::ewma15m));

  private InterfaceFamilies() {}

  static void addTo(List<InterfaceSnapshot> interfaces, MetricSnapshots.Builder out) {
    counts(interfaces, out);
    rates(interfaces, out);
    sizes(interfaces, out);
    Family info =
        Family.info(
            "iptraf_interface",
            "An interface the agent counts: its link type and kernel ifindex (0 for a capture "
                + "file).",
            "interface",
            "link_type",
            "ifindex");
    for (InterfaceSnapshot i : interfaces) {
      info.add(i.name(), i.linkType(), Integer.toString(i.systemIndex()));
    }
    info.addTo(out);
  }

  private static void counts(List<InterfaceSnapshot> interfaces, MetricSnapshots.Builder out) {
    Family packets =
        Family.counter(
            "iptraf_interface_packets",
            "Packets per interface, traffic class (as the report: total, ipv4, ..., multicast) and "
                + "direction.",
            "interface",
            "class",
            "direction");
    Family bytes =
        Family.byteCounter(
            "iptraf_interface_bytes",
            "Bytes per interface, traffic class and direction: IP lengths for ipv4, ipv6, tcp, udp,"
                + " icmp, icmpv6, otherIp; frame lengths (no FCS) for the others.",
            "interface",
            "class",
            "direction");
    Family badChecksums =
        Family.counter(
            "iptraf_interface_bad_ipv4_checksums",
            "IPv4 packets whose header checksum was wrong.",
            "interface");
    Family fragments =
        Family.counter("iptraf_interface_ip_fragments", "IP fragments seen.", "interface");
    for (InterfaceSnapshot i : interfaces) {
      InterfaceSnapshot.CLASSES.forEach(
          (cls, f) -> {
            Counts c = f.apply(i);
            packets.add(c.inPackets(), i.name(), cls, "in");
            packets.add(c.outPackets(), i.name(), cls, "out");
            bytes.add(c.inBytes(), i.name(), cls, "in");
            bytes.add(c.outBytes(), i.name(), cls, "out");
          });
      badChecksums.add(i.badIpChecksum(), i.name());
      fragments.add(i.ipFragments(), i.name());
    }
    packets.addTo(out);
    bytes.addTo(out);
    badChecksums.addTo(out);
    fragments.addTo(out);
  }

  private static void rates(List<InterfaceSnapshot> interfaces, MetricSnapshots.Builder out) {
    String on =
        " on the capture's clock; window 1s is the last complete second, 5s the "
            + "average of the last 5, 1m/5m/15m moving averages.";
    Family bytes =
        Family.gauge(
            "iptraf_interface_rate_bytes_per_second",
            "Bytes per second (frame lengths)" + on,
            "interface",
            "direction",
            "window");
    Family packets =
        Family.gauge(
            "iptraf_interface_rate_packets_per_second",
            "Packets per second" + on,
            "interface",
            "direction",
            "window");
    Family peakBytes =
        Family.gauge(
            "iptraf_interface_peak_rate_bytes_per_second",
            "The highest 1-second byte rate since start or the last reset, both directions.",
            "interface");
    Family peakPackets =
        Family.gauge(
            "iptraf_interface_peak_rate_packets_per_second",
            "The highest 1-second packet rate since start or the last reset, both directions.",
            "interface");
    for (InterfaceSnapshot i : interfaces) {
      Rates r = i.rates();
      for (Map.Entry<String, Function<Rates, Rates.Sample>> w : WINDOWS) {
        Rates.Sample s = w.getValue().apply(r);
        String window = w.getKey();
        bytes.add(s.inBps() / 8, i.name(), "in", window);
        bytes.add(s.outBps() / 8, i.name(), "out", window);
        packets.add(s.inPps(), i.name(), "in", window);
        packets.add(s.outPps(), i.name(), "out", window);
      }
      peakBytes.add(r.peakBps() / 8, i.name());
      peakPackets.add(r.peakPps(), i.name());
    }
    bytes.addTo(out);
    packets.addTo(out);
    peakBytes.addTo(out);
    peakPackets.addTo(out);
  }

  /** RMON's buckets as a histogram; the sum is exact: each frame's length plus the FCS. */
  private static void sizes(List<InterfaceSnapshot> interfaces, MetricSnapshots.Builder out) {
    if (interfaces.isEmpty()) {
      return;
    }
    HistogramSnapshot.Builder h =
        HistogramSnapshot.builder()
            .name("iptraf_interface_frame_size_bytes")
            .unit(Unit.BYTES)
            .help("Frame sizes with the 4-byte FCS, in RMON etherStats' buckets (RFC 2819).");
    for (InterfaceSnapshot i : interfaces) {
      long[] counts = new long[RMON_UPPER_BOUNDS.length];
      for (int b = 0; b < counts.length; b++) {
        counts[b] = i.rmonSize(b);
      }
      h.dataPoint(
          HistogramSnapshot.HistogramDataPointSnapshot.builder()
              .labels(Labels.of("interface", i.name()))
              .classicHistogramBuckets(ClassicHistogramBuckets.of(RMON_UPPER_BOUNDS, counts))
              .sum(i.total().bytes() + (double) FCS * i.total().packets())
              .build());
    }
    out.metricSnapshot(h.build());
  }
}
