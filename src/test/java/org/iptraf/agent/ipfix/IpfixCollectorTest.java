package org.iptraf.agent.ipfix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.iptraf.agent.testutil.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay} of a fixture exporting to the real nfdump collector, {@code nfcapd}, on a loopback
 * port, through a tap that keeps the datagrams for tshark: nfdump lists each connection and flow
 * with the packets and bytes its frames make (those that ended during the capture too, which the
 * final report no longer shows), and tshark's IPFIX dissector reads every template and data set
 * without an expert warning.
 */
class IpfixCollectorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void nfcapdStoresEachFlowWithTheCountsOfItsFrames(@TempDir Path dir) throws Exception {
    Traffic traffic = Traffic.conversations();
    Path pcap = traffic.writeTo(dir.resolve("conversations.pcap"));
    List<Map<String, String>> rows;
    List<byte[]> datagrams;
    JsonNode report;
    try (Nfcapd nfcapd = Nfcapd.start(dir);
        Tap tap = Tap.forwardingTo(nfcapd.port)) {
      Path conf =
          config(
              dir,
              "export.ipfix.collector = 127.0.0.1:" + tap.port(),
              "export.ipfix.activeTimeout = 60",
              "tcp.closedRetention = 60");
      Tools.Result r =
          Tools.run(Tools.agentCommand("replay", "-c", conf.toString(), pcap.toString()), 120);
      assertThat(r.exitCode()).as(r.stderr()).isZero();
      assertThat(r.stderr()).doesNotContain("\tat ").contains("IPFIX export to");
      report = JSON.readTree(r.stdout());
      tap.drain();
      datagrams = tap.datagrams();
      rows = nfcapd.stopAndRead();
    }

    // the report counts what the frames say (the exports must add up to it)
    Map<String, long[]> fromReport = new TreeMap<>();
    for (JsonNode c : report.get("tcpConnections")) {
      fromReport.put(
          endpointKey(c.get("a").asText(), c.get("b").asText(), 6),
          new long[] {
            c.get("aToB").get("packets").asLong(),
            c.get("aToB").get("bytes").asLong(),
            c.get("bToA").get("packets").asLong(),
            c.get("bToA").get("bytes").asLong()
          });
    }
    for (JsonNode f : report.get("otherFlows")) {
      int protocol =
          switch (f.get("protocol").asText()) {
            case "udp" -> 17;
            case "icmp" -> 1;
            default -> 2054;
          };
      String key =
          protocol == 1
              ? Traffic.key(f.get("a").asText(), 8, f.get("b").asText(), 0, 1)
              : endpointKey(f.get("a").asText(), f.get("b").asText(), protocol);
      fromReport.put(key, new long[] {f.get("packets").asLong(), f.get("bytes").asLong(), 0, 0});
    }
    Map<String, long[]> expected = new TreeMap<>();
    traffic.flows.forEach(
        (k, t) ->
            expected.put(
                k,
                t.protocol == 6
                    ? new long[] {t.aPackets, t.aBytes, t.bPackets, t.bBytes}
                    : new long[] {t.packets(), t.bytes(), 0, 0}));
    // the closed and the reset connection left the table 60 s (tcp.closedRetention) after their
    // end, long before the capture's; IPFIX exported them as they went
    assertThat(lists(expected)).containsAllEntriesOf(lists(fromReport));
    assertThat(fromReport).hasSize(expected.size() - 2);

    // nfdump: every record of a flow added up (a flow past the active timeout has several)
    Map<String, long[]> exported = new TreeMap<>();
    for (Map<String, String> row : rows) {
      long[] sum = exported.computeIfAbsent(nfdumpKey(row), k -> new long[4]);
      sum[0] += Long.parseLong(row.get("ipkt"));
      sum[1] += Long.parseLong(row.get("ibyt"));
      sum[2] += Long.parseLong(row.get("opkt"));
      sum[3] += Long.parseLong(row.get("obyt"));
    }
    assertThat(lists(exported))
        .as("nfdump's flows, summed per flow: %s", rows)
        .isEqualTo(lists(expected));
    // the initiator's TCP flags (tcpControlBits), as nfdump prints them
    for (Map<String, String> row : rows) {
      Traffic.Totals t = traffic.flows.get(nfdumpKey(row));
      if (t.protocol == 6) {
        assertThat(row.get("flg"))
            .as("flags of %s", nfdumpKey(row))
            .isEqualTo(nfdumpFlags(t.aFlags));
      }
    }
    // one record per flow but for the long one, exported again after each active timeout at most
    assertThat(rows.size()).isBetween(expected.size(), expected.size() + 4);

    Messages.tsharkReadsEveryMessage(dir, datagrams, rows.size());
  }

  /**
   * pmacct's {@code nfacctd}, a second opinion: it keeps the forward counters of a biflow (not the
   * reverse ones) and IP flows only, so each TCP connection counts what its opener sent, each other
   * flow all of its packets.
   */
  @Test
  void nfacctdCountsWhatEachFlowsSourceSent(@TempDir Path dir) throws Exception {
    Traffic traffic = Traffic.conversations();
    Path pcap = traffic.writeTo(dir.resolve("conversations.pcap"));
    Map<String, List<Long>> expected = new TreeMap<>();
    long packets = 0;
    for (Traffic.Totals t : traffic.flows.values()) {
      if (t.protocol == 2054) {
        continue;
      }
      long p = t.protocol == 6 ? t.aPackets : t.packets();
      long b = t.protocol == 6 ? t.aBytes : t.bytes();
      expected.put(
          Traffic.key(t.a, t.protocol == 1 ? 0 : t.aPort, t.b, t.bPort, t.protocol), List.of(p, b));
      packets += p;
    }
    String nfacctd = org.iptraf.agent.testutil.Require.tool("nfacctd");
    int port = Tools.freeUdpPort();
    Path out = dir.resolve("nfacctd.csv");
    Path log = dir.resolve("nfacctd.log");
    Process collector =
        new ProcessBuilder(
                nfacctd,
                "-L",
                "127.0.0.1",
                "-l",
                Integer.toString(port),
                "-P",
                "print",
                "-O",
                "csv",
                "-c",
                "src_host,dst_host,src_port,dst_port,proto",
                "-r",
                "1",
                "-A",
                "-o",
                out.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Map<String, List<Long>> got = new TreeMap<>();
    try {
      awaitText(log, "waiting for NetFlow/IPFIX data", collector);
      Path conf = config(dir, "export.ipfix.collector = 127.0.0.1:" + port);
      Tools.Result r =
          Tools.run(Tools.agentCommand("replay", "-c", conf.toString(), pcap.toString()), 120);
      assertThat(r.exitCode()).as(r.stderr()).isZero();
      // it writes what it holds every second (-r 1): wait until every packet is in the file
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
      while (true) {
        got = nfacctdFlows(out);
        long seen = got.values().stream().mapToLong(v -> v.get(0)).sum();
        if (seen >= packets || System.nanoTime() > deadline) {
          break;
        }
        Thread.sleep(100);
      }
    } finally {
      Tools.stop(collector);
    }
    assertThat(got)
        .as("nfacctd: %s", Files.exists(out) ? Files.readString(out) : "")
        .isEqualTo(expected);
  }

  private static void awaitText(Path log, String text, Process p) throws Exception {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    while (!(Files.exists(log) && Files.readString(log).contains(text))) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("not ready: " + (Files.exists(log) ? Files.readString(log) : ""));
      }
      Thread.sleep(20);
    }
  }

  /** The print plugin's csv, each purge appended: packets and bytes added up per flow. */
  private static Map<String, List<Long>> nfacctdFlows(Path csv) throws Exception {
    Map<String, List<Long>> flows = new TreeMap<>();
    if (!Files.exists(csv)) {
      return flows;
    }
    for (String line : Files.readAllLines(csv)) {
      String[] f = line.split(",");
      if (f.length != 7 || f[0].equals("SRC_IP")) {
        continue;
      }
      int protocol =
          switch (f[4]) {
            case "tcp" -> 6;
            case "udp" -> 17;
            case "icmp" -> 1;
            default -> -1;
          };
      String key =
          Traffic.key(f[0], Integer.parseInt(f[2]), f[1], Integer.parseInt(f[3]), protocol);
      List<Long> was = flows.getOrDefault(key, List.of(0L, 0L));
      flows.put(key, List.of(was.get(0) + Long.parseLong(f[5]), was.get(1) + Long.parseLong(f[6])));
    }
    return flows;
  }

  private static String nfdumpKey(Map<String, String> row) {
    String pr = row.get("pr");
    return switch (pr) {
      case "TCP" -> Traffic.key(row.get("sa"), port(row, "sp"), row.get("da"), port(row, "dp"), 6);
      case "UDP" -> Traffic.key(row.get("sa"), port(row, "sp"), row.get("da"), port(row, "dp"), 17);
      case "ICMP" -> Traffic.key(row.get("sa"), icmpType(row.get("dp")), row.get("da"), 0, 1);
      default -> Traffic.key(row.get("ismc"), 0, row.get("idmc"), 0, 2054);
    };
  }

  private static int port(Map<String, String> row, String field) {
    return Integer.parseInt(row.get(field));
  }

  /** nfdump shows ICMP's type and code in the destination port: "8.0", or 2048 = 8 * 256 + 0. */
  private static int icmpType(String dp) {
    return dp.contains(".")
        ? Integer.parseInt(dp.substring(0, dp.indexOf('.')))
        : Integer.parseInt(dp) >> 8;
  }

  /** The report's "10.0.0.1:80" or "[2001:db8::1]:443" or a MAC, as the traffic's keys. */
  private static String endpointKey(String a, String b, int protocol) {
    String[] x = split(a);
    String[] y = split(b);
    return Traffic.key(x[0], Integer.parseInt(x[1]), y[0], Integer.parseInt(y[1]), protocol);
  }

  private static String[] split(String endpoint) {
    if (endpoint.startsWith("[")) {
      int close = endpoint.indexOf(']');
      return new String[] {endpoint.substring(1, close), endpoint.substring(close + 2)};
    }
    int colon = endpoint.lastIndexOf(':');
    if (endpoint.indexOf(':') != colon || colon < 0) { // a MAC: no port
      return new String[] {endpoint, "0"};
    }
    return new String[] {endpoint.substring(0, colon), endpoint.substring(colon + 1)};
  }

  private static Map<String, List<Long>> lists(Map<String, long[]> m) {
    Map<String, List<Long>> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, java.util.Arrays.stream(v).boxed().toList()));
    return out;
  }

  /** nfdump's flag letters: bit 7 to bit 0 as C E U A P R S F, a dot for each clear bit. */
  private static String nfdumpFlags(int flags) {
    String letters = "CEUAPRSF";
    StringBuilder s = new StringBuilder();
    for (int bit = 7; bit >= 0; bit--) {
      s.append((flags & (1 << bit)) != 0 ? letters.charAt(7 - bit) : '.');
    }
    return s.toString();
  }

  static Path config(Path dir, String... lines) throws Exception {
    StringBuilder s = new StringBuilder("snmp.enabled = false\nprometheus.port = 0\n");
    for (String l : lines) {
      s.append(l).append('\n');
    }
    return Files.writeString(dir.resolve("agent.conf"), s.toString(), StandardCharsets.UTF_8);
  }
}
