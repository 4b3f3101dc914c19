package org.iptraf.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.iptraf.agent.mib.Mib;
import org.iptraf.agent.testutil.Require;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The iptrafTop tables as Net-SNMP's snmpbulkwalk reads them from a served replay: rank k is the
 * k-th row of the JSON report's list (the report's order), with the row's key and counters.
 */
class TopTablesTest {

  private static final String R = SnmpSettings.DEFAULT_ROOT_OID;
  private static final Mib MIB = Mib.iptrafAgent();

  @TempDir static Path dir;
  private static ServedAgent agent;
  private static JsonNode report;
  private static Map<Integer, Map<String, String>> firstRanking;

  @BeforeAll
  static void serve() throws Exception {
    Require.tool("snmpbulkwalk");
    int port = ServedAgent.freePort();
    Path pcap = SnmpReplayTest.writeCapture(dir.resolve("mixed.pcap"));
    agent = ServedAgent.start(dir, pcap, ServedAgent.config(dir, port, dir.resolve("state")), port);
    report = agent.report();
    firstRanking = walk("iptrafTopPortEntry"); // the agent's first ranking: before any other
  }

  @AfterAll
  static void stop() {
    if (agent != null) {
      agent.close();
    }
  }

  private static Map<Integer, Map<String, String>> walk(String entry) throws Exception {
    return agent.walk(R + "." + MIB.oid(entry));
  }

  private static int col(String name) {
    return MIB.object(name).arc();
  }

  @Test
  void connectionsByBytesAreTheReportsConnectionsInOrder() throws Exception {
    Map<Integer, Map<String, String>> t = walk("iptrafTopTcpEntry");
    JsonNode tcp = report.get("tcpConnections");
    assertThat(tcp.size()).isGreaterThan(1);
    for (int k = 0; k < tcp.size(); k++) {
      JsonNode c = tcp.get(k);
      String rank = "1." + (k + 1);
      String a = c.get("a").asText();
      assertThat(a).endsWith(":" + t.get(col("iptrafTopTcpAPort")).get(rank));
      assertThat(c.get("b").asText()).endsWith(":" + t.get(col("iptrafTopTcpBPort")).get(rank));
      assertThat(t.get(col("iptrafTopTcpAToBOctets")).get(rank))
          .isEqualTo(c.get("aToB").get("bytes").asText());
      assertThat(t.get(col("iptrafTopTcpBToAPkts")).get(rank))
          .isEqualTo(c.get("bToA").get("packets").asText());
    }
    // the same rows in each of the three orders, and no more
    assertThat(t.get(col("iptrafTopTcpState")).keySet())
        .hasSize(3 * tcp.size())
        .allMatch(index -> index.matches("[123]\\.\\d+"));
  }

  @Test
  void connectionsByPacketsNeverRiseWithTheRank() throws Exception {
    Map<Integer, Map<String, String>> t = walk("iptrafTopTcpEntry");
    List<Long> packets = new ArrayList<>();
    for (int rank = 1; t.get(col("iptrafTopTcpAToBPkts")).containsKey("2." + rank); rank++) {
      packets.add(
          Long.parseLong(t.get(col("iptrafTopTcpAToBPkts")).get("2." + rank))
              + Long.parseLong(t.get(col("iptrafTopTcpBToAPkts")).get("2." + rank)));
    }
    assertThat(packets).hasSize(report.get("tcpConnections").size());
    assertThat(packets).isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }

  @Test
  void portsFlowsAndStationsAreTheReportsListsInOrder() throws Exception {
    Map<Integer, Map<String, String>> ports = walk("iptrafTopPortEntry");
    JsonNode p = report.get("ports");
    for (int k = 0; k < p.size(); k++) {
      String rank = Integer.toString(k + 1);
      assertThat(ports.get(col("iptrafTopPortNumber")).get(rank))
          .isEqualTo(p.get(k).get("port").asText());
      assertThat(ports.get(col("iptrafTopPortOctets")).get(rank))
          .isEqualTo(p.get(k).get("bytes").asText());
      assertThat(ports.get(col("iptrafTopPortProtocol")).get(rank))
          .isEqualTo("udp".equals(p.get(k).get("protocol").asText()) ? "17" : "6");
    }
    Map<Integer, Map<String, String>> flows = walk("iptrafTopFlowEntry");
    JsonNode f = report.get("otherFlows");
    assertThat(flows.get(col("iptrafTopFlowProtocol"))).hasSize(f.size());
    for (int k = 0; k < f.size(); k++) {
      String rank = Integer.toString(k + 1);
      assertThat(flows.get(col("iptrafTopFlowA")).get(rank)).isEqualTo(f.get(k).get("a").asText());
      assertThat(flows.get(col("iptrafTopFlowOctets")).get(rank))
          .isEqualTo(f.get(k).get("bytes").asText());
    }
    Map<Integer, Map<String, String>> stations = walk("iptrafTopStationEntry");
    JsonNode s = report.get("stations");
    assertThat(stations.get(col("iptrafTopStationInPkts"))).hasSize(s.size());
    for (int k = 0; k < s.size(); k++) {
      String rank = Integer.toString(k + 1);
      String mac = stations.get(col("iptrafTopStationMac")).get(rank);
      assertThat(mac.strip().replace(' ', ':').toLowerCase(java.util.Locale.ROOT))
          .isEqualTo(s.get(k).get("mac").asText());
      assertThat(stations.get(col("iptrafTopStationOutOctets")).get(rank))
          .isEqualTo(s.get(k).get("outBytes").asText());
    }
  }

  @Test
  void theFirstRankingsIntervalRunsFromTheAgentsStartAndHoldsEveryByte() {
    JsonNode p = report.get("ports");
    assertThat(firstRanking.get(col("iptrafTopPortIntervalOctets"))).hasSize(p.size());
    for (int k = 0; k < p.size(); k++) {
      String rank = Integer.toString(k + 1);
      assertThat(firstRanking.get(col("iptrafTopPortIntervalOctets")).get(rank))
          .isEqualTo(p.get(k).get("bytes").asText());
      assertThat(firstRanking.get(col("iptrafTopPortIntervalPkts")).get(rank))
          .isEqualTo(p.get(k).get("packets").asText());
    }
  }
}
