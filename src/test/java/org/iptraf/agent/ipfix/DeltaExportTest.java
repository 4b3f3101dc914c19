package org.iptraf.agent.ipfix;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.config.ConfigParser;
import org.iptraf.agent.stats.ExportCounters;
import org.iptraf.agent.stats.Tables;
import org.iptraf.agent.testkit.WriterThread;
import org.junit.jupiter.api.Test;

/**
 * Delta semantics on the capture's clock: the exporter's rounds run between chosen stretches of the
 * fixture (0-61 s, 61-121 s, 121-181 s, the rest), and its messages are read back by a reader
 * written from RFC 7011. A connection running for 200 s is exported after each active timeout of 60
 * s and at the end, each record with what it counted since the one before; connections that ended
 * are exported once with flowEndReason 3; the sums of every flow's records are its totals.
 */
class DeltaExportTest {
  private static final String PACKETS = "2";
  private static final String REVERSE_PACKETS = "29305/2";
  private static final String OCTETS = "1";
  private static final String REVERSE_OCTETS = "29305/1";
  private static final String SOURCE_PORT = "7";
  private static final String END_REASON = "136";

  @Test
  void eachExportCarriesWhatTheFlowCountedSinceTheLastOne() throws Exception {
    Traffic traffic = Traffic.conversations();
    Tables tables =
        new Tables(
            ConfigParser.parse(Path.of("t.conf"), List.of("tcp.closedRetention = 60")).tables(),
            List.of(),
            System::nanoTime);
    tables.keepEndedFlows(1024);
    tables.interfaceAdded(0, new InterfaceInfo("eth0", 1, false, 0));
    List<byte[]> messages;
    try (DatagramSocket collector = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        WriterThread writer = new WriterThread(tables, "test-writer", 30)) {
      collector.setSoTimeout(100);
      IpfixExporter exporter =
          IpfixExporter.manual(
              new IpfixExporter.Settings(
                  new InetSocketAddress(InetAddress.getLoopbackAddress(), collector.getLocalPort()),
                  false,
                  7,
                  60,
                  600,
                  64,
                  1400),
              tables,
              new ExportCounters("test"));
      long[] ends = {61, 121, 181};
      long from = Long.MIN_VALUE;
      for (long end : ends) {
        long to = Traffic.T0 + end * Traffic.SECOND;
        long start = from;
        writer.run(() -> traffic.feed(tables, start, to));
        exporter.round(false);
        from = to;
      }
      long start = from;
      writer.run(() -> traffic.feed(tables, start, Long.MAX_VALUE));
      writer.run(tables::finish);
      exporter.close();
      messages = receive(collector, exporter.made());
    }

    WireRecords wire = new WireRecords();
    messages.forEach(wire::read);
    Map<String, long[]> sums = new TreeMap<>();
    Map<String, List<String>> reasons = new TreeMap<>();
    for (Map<String, String> r : wire.records) {
      String port = r.getOrDefault(SOURCE_PORT, "-");
      long[] s = sums.computeIfAbsent(port, k -> new long[4]);
      s[0] += Long.parseLong(r.get(PACKETS));
      s[1] += Long.parseLong(r.get(OCTETS));
      s[2] += Long.parseLong(r.getOrDefault(REVERSE_PACKETS, "0"));
      s[3] += Long.parseLong(r.getOrDefault(REVERSE_OCTETS, "0"));
      reasons.computeIfAbsent(port, k -> new ArrayList<>()).add(r.get(END_REASON));
    }
    Map<String, long[]> expected = new TreeMap<>();
    traffic
        .flows
        .values()
        .forEach(
            t -> {
              String port =
                  t.protocol == 2054 ? "-" : Integer.toString(t.protocol == 1 ? 0 : t.aPort);
              expected.put(
                  port,
                  t.protocol == 6
                      ? new long[] {t.aPackets, t.aBytes, t.bPackets, t.bBytes}
                      : new long[] {t.packets(), t.bytes(), 0, 0});
            });
    assertThat(lists(sums)).as("records %s", wire.records).isEqualTo(lists(expected));
    // active timeout, active, active, then still running at shutdown: forced end
    assertThat(reasons.get("50000")).containsExactly("2", "2", "2", "4");
    assertThat(reasons.get("40001")).as("closed with FIN").containsExactly("3");
    assertThat(reasons.get("2222")).as("reset").containsExactly("3");
  }

  private static Map<String, List<Long>> lists(Map<String, long[]> m) {
    Map<String, List<Long>> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, java.util.Arrays.stream(v).boxed().toList()));
    return out;
  }

  /** The datagrams until {@code records} data records came (a message may hold templates only). */
  private static List<byte[]> receive(DatagramSocket socket, long records) throws Exception {
    List<byte[]> out = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    long seen = 0;
    while (seen < records || out.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("received " + seen + " of " + records + " records");
      }
      DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
      try {
        socket.receive(p);
      } catch (java.net.SocketTimeoutException e) {
        continue;
      }
      byte[] m = java.util.Arrays.copyOf(p.getData(), p.getLength());
      out.add(m);
      seen += Messages.dataRecordsIn(java.nio.ByteBuffer.wrap(m));
    }
    return out;
  }
}
