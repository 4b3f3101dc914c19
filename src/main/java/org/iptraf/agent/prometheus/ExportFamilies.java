package org.iptraf.agent.prometheus;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.iptraf.agent.stats.ExportCounters;

/** The IPFIX export's own counters, when it is on: a fixed number of series. */
final class ExportFamilies {

  private ExportFamilies() {}

  static void addTo(ExportCounters c, MetricSnapshots.Builder out) {
    if (!c.enabled()) {
      return;
    }
    Family.info("iptraf_ipfix_collector", "Where the IPFIX export goes.", "collector")
        .add(c.collector())
        .addTo(out);
    counter(out, "iptraf_ipfix_records", "IPFIX data records sent.", c.records());
    counter(out, "iptraf_ipfix_messages", "IPFIX messages sent.", c.messages());
    counter(out, "iptraf_ipfix_template_records", "IPFIX template records sent.", c.templates());
    Family.byteCounter("iptraf_ipfix_sent_bytes", "Bytes of the IPFIX messages sent.")
        .add(c.bytes())
        .addTo(out);
    Family dropped =
        Family.counter(
            "iptraf_ipfix_dropped_records",
            "IPFIX data records lost, by why: queue (the send queue was full or the collector "
                + "could not be reached) or ended (a flow's end was not taken in time).",
            "reason");
    dropped.add(c.droppedRecords(), "queue");
    dropped.add(c.droppedEnded(), "ended");
    dropped.addTo(out);
    counter(
        out,
        "iptraf_ipfix_dropped_messages",
        "IPFIX messages lost: the send queue was full or the collector could not be reached.",
        c.droppedMessages());
    counter(
        out,
        "iptraf_ipfix_send_errors",
        "Sends and connects to the IPFIX collector that failed.",
        c.sendErrors());
  }

  private static void counter(MetricSnapshots.Builder out, String name, String help, long value) {
    Family.counter(name, help).add(value).addTo(out);
  }
}
