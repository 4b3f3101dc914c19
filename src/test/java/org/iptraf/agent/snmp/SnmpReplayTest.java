package org.iptraf.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iptraf.agent.testutil.Frames.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.iptraf.agent.testutil.PcapWriter;
import org.iptraf.agent.testutil.Require;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path: a pcap this test writes, {@code replay --serve} in a child JVM, and the real
 * Net-SNMP tools reading every table; each value must equal the JSON report of the same run.
 */
class SnmpReplayTest {

  private static final String R = SnmpSettings.DEFAULT_ROOT_OID + ".1.1.1";
  private static final String IF_ENTRY = R + ".3.1.1";
  private static final String TCP_ENTRY = R + ".4.1.1";
  private static final String FLOW_ENTRY = R + ".5.1.1";
  private static final String PORT_ENTRY = R + ".6.1.1";
  private static final String SIZE_ENTRY = R + ".7.1.1";
  private static final String STATION_ENTRY = R + ".8.1.1";
  private static final String VLAN_ENTRY = R + ".9.1.1";
  private static final String ETHER_STATS = "1.3.6.1.2.1.16.1.1.1";
  private static final String ETHER_STATS_HC = "1.3.6.1.2.1.16.1.7.1";
  private static final String HOST_CONTROL = "1.3.6.1.2.1.16.4.1.1";
  private static final String HOST = "1.3.6.1.2.1.16.4.2.1";
  private static final String MATRIX_CONTROL = "1.3.6.1.2.1.16.6.1.1";
  private static final String MATRIX_SD = "1.3.6.1.2.1.16.6.2.1";
  private static final String MATRIX_DS = "1.3.6.1.2.1.16.6.3.1";
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final long MS = 1_000_000L;
  private static final byte[] MAC_C = mac("02:00:00:00:00:0c");

  @TempDir Path dir;
  private ServedAgent agent;
  private JsonNode report;

  @BeforeAll
  static void needNetSnmp() {
    // the agent is started and waited for with snmpget; each case's other Net-SNMP tools are
    // required where ExternalTool runs them
    Require.tool("snmpget");
  }

  @BeforeEach
  void serve() throws Exception {
    int port = ServedAgent.freePort();
    Path pcap = writeCapture(dir.resolve("mixed.pcap"));
    agent = ServedAgent.start(dir, pcap, ServedAgent.config(dir, port, dir.resolve("state")), port);
    report = agent.report();
  }

  @AfterEach
  void stop() throws Exception {
    if (agent != null) {
      agent.close();
    }
  }

  /** Two TCP connections (one closed, one reset), an IPv6 SYN, UDP, ICMP, ARP, VLAN, non-IP. */
  static Path writeCapture(Path file) {
    PcapWriter w = PcapWriter.ethernet();
    long[] t = {T0};
    java.util.function.Consumer<byte[]> send = f -> w.frame(t[0] += MS, f);
    int[][] handshake = {
      {SYN, 0},
      {SYN | ACK, 1},
      {ACK, 0},
      {PSH | ACK, 0},
      {ACK, 1},
      {FIN | ACK, 0},
      {FIN | ACK, 1},
      {ACK, 0}
    };
    for (int[] step : handshake) {
      boolean back = step[1] == 1;
      send.accept(
          ethernet(
              back ? MAC_A : MAC_B,
              back ? MAC_B : MAC_A,
              0x0800,
              ipv4(
                  back ? "10.0.0.2" : "10.0.0.1",
                  back ? "10.0.0.1" : "10.0.0.2",
                  6,
                  tcp(
                      back ? 80 : 40000,
                      back ? 40000 : 80,
                      step[0],
                      500,
                      step[0] == (PSH | ACK) ? 1400 : 0))));
    }
    send.accept(
        ethernet(
            MAC_C, MAC_A, 0x0800, ipv4("10.0.0.1", "10.0.0.3", 6, tcp(40001, 22, SYN, 500, 0))));
    send.accept(
        ethernet(
            MAC_A,
            MAC_C,
            0x0800,
            ipv4("10.0.0.3", "10.0.0.1", 6, tcp(22, 40001, RST | ACK, 0, 0))));
    send.accept(
        ethernet(
            MAC_B,
            MAC_A,
            0x86DD,
            ipv6("2001:db8::1", "2001:db8::2", 6, tcp(50000, 443, SYN, 500, 0))));
    for (int i = 0; i < 3; i++) {
      send.accept(
          ethernet(MAC_C, MAC_A, 0x0800, ipv4("10.0.0.1", "10.0.0.3", 17, udp(5353, 53, 30 + i))));
    }
    send.accept(
        ethernet(MAC_A, MAC_C, 0x0800, ipv4("10.0.0.3", "10.0.0.1", 17, udp(53, 5353, 200))));
    send.accept(ethernet(MAC_B, MAC_A, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 1, icmp(8, 0, 56))));
    send.accept(ethernet(BROADCAST, MAC_A, 0x0806, arp(1, MAC_A, ip("10.0.0.1"), ip("10.0.0.2"))));
    send.accept(
        tagged(
            MAC_B,
            MAC_A,
            new int[] {0x8100},
            new int[] {100},
            0x0800,
            ipv4("10.0.1.1", "10.0.1.2", 17, udp(1000, 2000, 10))));
    send.accept(ethernet(MAC_B, MAC_A, 0x88B5, zeros(46)));
    send.accept(
        ethernet(
            mac("33:33:00:00:00:01"),
            MAC_B,
            0x86DD,
            ipv6("fe80::b", "ff02::1", 58, icmp(134, 0, 8))));
    return w.writeTo(file);
  }

  // ---------------------------------------------------------------- our MIB

  @Test
  void captureAndSourceScalarsEqualTheReport() throws Exception {
    JsonNode c = report.get("capture");
    List<String> names =
        List.of(
            "frames",
            "bytes",
            "malformed",
            "unknownLinkType",
            "kernelDrops",
            "filtered",
            "loopbackDuplicates");
    List<String> oids = new ArrayList<>();
    for (int i = 1; i <= names.size(); i++) {
      oids.add(R + ".1." + i + ".0");
    }
    oids.add(R + ".2.1.0");
    oids.add(R + ".3.2.0");
    oids.add(R + ".4.2.0");
    ExternalTool.Result r = agent.tool("snmpget", oids.toArray(String[]::new));

    List<String> values = r.stdout().lines().map(l -> l.substring(l.indexOf(' ') + 1)).toList();
    for (int i = 0; i < names.size(); i++) {
      assertThat(values.get(i)).as(names.get(i)).isEqualTo(c.get(names.get(i)).asText());
    }
    assertThat(values.get(names.size())).as("iptrafSourceKind pcap(2)").isEqualTo("2");
    assertThat(values.get(names.size() + 1)).isEqualTo("" + report.get("interfaces").size());
    assertThat(values.get(names.size() + 2)).isEqualTo("" + report.get("tcpConnections").size());
  }

  @Test
  void interfaceTableEqualsTheReport() throws Exception {
    Map<Integer, Map<String, String>> t = agent.walk(IF_ENTRY);
    JsonNode ifs = report.get("interfaces");
    assertThat(t.get(2)).hasSize(ifs.size());
    String[] classes = {
      "total",
      "ipv4",
      "ipv6",
      "tcp",
      "udp",
      "icmp",
      "icmpv6",
      "otherIp",
      "nonIp",
      "arp",
      "broadcast",
      "multicast"
    };
    String[] fields = {"packets", "bytes", "inPackets", "inBytes", "outPackets", "outBytes"};
    for (int i = 0; i < ifs.size(); i++) {
      JsonNode j = ifs.get(i);
      String idx = "" + (i + 1);
      assertThat(t.get(2).get(idx)).isEqualTo(j.get("name").asText());
      assertThat(t.get(3).get(idx)).isEqualTo(j.get("linkType").asText());
      for (int k = 0; k < classes.length; k++) {
        for (int f = 0; f < fields.length; f++) {
          assertThat(t.get(10 * (k + 1) + f).get(idx))
              .as(classes[k] + "." + fields[f])
              .isEqualTo(j.get(classes[k]).get(fields[f]).asText());
        }
      }
      assertThat(t.get(130).get(idx)).isEqualTo(j.get("badIpChecksum").asText());
      assertThat(t.get(131).get(idx)).isEqualTo(j.get("ipFragments").asText());
      String[] rates = {"bps", "pps", "peakBps", "peakPps"};
      for (int k = 0; k < rates.length; k++) {
        assertThat(Long.parseLong(t.get(140 + k).get(idx)))
            .as(rates[k])
            .isEqualTo((long) j.get("rates").get(rates[k]).asDouble());
      }
      for (int col = 150; col <= 169; col++) {
        assertThat(t).containsKey(col);
      }
    }
    assertThat(t.get(2).get("1")).isNotEmpty();
  }

  @Test
  void tcpConnectionTableEqualsTheReport() throws Exception {
    Map<Integer, Map<String, String>> t = agent.walk(TCP_ENTRY);
    Map<String, String> expected = new TreeMap<>();
    for (JsonNode c : report.get("tcpConnections")) {
      expected.put(
          ifIndex(c.get("interface").asText())
              + " "
              + endpoint(c.get("a").asText())
              + " "
              + endpoint(c.get("b").asText()),
          String.join(
              " ",
              stateNumber(c.get("state").asText()),
              c.get("aToB").get("packets").asText(),
              c.get("aToB").get("bytes").asText(),
              flagOctet(c.get("aToB")),
              c.get("bToA").get("packets").asText(),
              c.get("bToA").get("bytes").asText(),
              flagOctet(c.get("bToA"))));
    }
    Map<String, String> served = new TreeMap<>();
    for (String index : t.get(7).keySet()) {
      served.put(
          tcpKey(index),
          String.join(
              " ",
              t.get(7).get(index),
              t.get(10).get(index),
              t.get(11).get(index),
              hexOctet(t.get(12).get(index)),
              t.get(13).get(index),
              t.get(14).get(index),
              hexOctet(t.get(15).get(index))));
      assertThat(t.get(8).get(index).replace(" ", "")).startsWith("07E70B0E"); // 2023-11-14
    }
    assertThat(expected).hasSize(3);
    assertThat(served).isEqualTo(expected);
  }

  @Test
  void otherFlowPortSizeStationAndVlanTablesEqualTheReport() throws Exception {
    Map<Integer, Map<String, String>> flows = agent.walk(FLOW_ENTRY);
    List<String> expectedFlows = new ArrayList<>();
    for (JsonNode f : report.get("otherFlows")) {
      expectedFlows.add(
          ifIndex(f.get("interface").asText())
              + "|"
              + f.get("protocol").asText()
              + "|"
              + f.get("a").asText()
              + "|"
              + f.get("b").asText()
              + "|"
              + f.get("detail").asText()
              + "|"
              + f.get("packets").asText()
              + "|"
              + f.get("bytes").asText());
    }
    List<String> servedFlows = new ArrayList<>();
    for (String index : flows.get(6).keySet()) {
      servedFlows.add(
          index.split("\\.")[0]
              + "|"
              + flows.get(2).get(index)
              + "|"
              + flows.get(3).get(index)
              + "|"
              + flows.get(4).get(index)
              + "|"
              + flows.getOrDefault(5, Map.of()).getOrDefault(index, "")
              + "|"
              + flows.get(6).get(index)
              + "|"
              + flows.get(7).get(index));
    }
    assertThat(servedFlows).containsExactlyInAnyOrderElementsOf(expectedFlows);

    Map<Integer, Map<String, String>> ports = agent.walk(PORT_ENTRY);
    Map<String, String> expectedPorts = new TreeMap<>();
    for (JsonNode p : report.get("ports")) {
      expectedPorts.put(
          (p.get("protocol").asText().equals("udp") ? 17 : 6) + "." + p.get("port").asText(),
          p.get("packets").asText()
              + " "
              + p.get("bytes").asText()
              + " "
              + p.get("inPackets").asText()
              + " "
              + p.get("outPackets").asText());
    }
    Map<String, String> servedPorts = new TreeMap<>();
    ports
        .get(3)
        .forEach(
            (index, v) ->
                servedPorts.put(
                    index,
                    v
                        + " "
                        + ports.get(4).get(index)
                        + " "
                        + ports.get(5).get(index)
                        + " "
                        + ports.get(6).get(index)));
    assertThat(servedPorts).isEqualTo(expectedPorts);

    Map<Integer, Map<String, String>> sizes = agent.walk(SIZE_ENTRY);
    JsonNode rmon = report.get("packetSizes").get("rmon");
    String[] keys = {
      "64", "65to127", "128to255", "256to511", "512to1023", "1024to1518", "over1518"
    };
    for (int b = 0; b < keys.length; b++) {
      assertThat(sizes.get(3).get("1." + (b + 1))).isEqualTo(keys[b]);
      assertThat(sizes.get(6).get("1." + (b + 1))).isEqualTo(rmon.get(keys[b]).asText());
    }
    JsonNode buckets = report.get("packetSizes").get("buckets");
    for (int j = 0; j < buckets.size(); j++) {
      String index = "2." + (j + 1);
      assertThat(sizes.get(4).get(index)).isEqualTo(buckets.get(j).get("from").asText());
      assertThat(sizes.get(5).get(index)).isEqualTo(buckets.get(j).get("to").asText());
      assertThat(sizes.get(6).get(index)).isEqualTo(buckets.get(j).get("packets").asText());
    }

    Map<Integer, Map<String, String>> stations = agent.walk(STATION_ENTRY);
    Map<String, String> expectedStations = new TreeMap<>();
    for (JsonNode s : report.get("stations")) {
      expectedStations.put(
          ifIndex(s.get("interface").asText()) + "." + macIndex(s.get("mac").asText()),
          s.get("inPackets").asText()
              + " "
              + s.get("inBytes").asText()
              + " "
              + s.get("outPackets").asText()
              + " "
              + s.get("outBytes").asText()
              + " "
              + s.get("ipPackets").asText());
    }
    Map<String, String> servedStations = new TreeMap<>();
    stations
        .get(2)
        .forEach(
            (index, v) ->
                servedStations.put(
                    index,
                    v
                        + " "
                        + stations.get(3).get(index)
                        + " "
                        + stations.get(4).get(index)
                        + " "
                        + stations.get(5).get(index)
                        + " "
                        + stations.get(6).get(index)));
    assertThat(servedStations).hasSize(3).isEqualTo(expectedStations);

    Map<Integer, Map<String, String>> vlans = agent.walk(VLAN_ENTRY);
    Map<String, String> expectedVlans = new TreeMap<>();
    for (JsonNode v : report.get("vlans")) {
      expectedVlans.put(
          ifIndex(v.get("interface").asText()) + "." + v.get("vlanId").asText(),
          v.get("packets").asText() + " " + v.get("bytes").asText());
    }
    Map<String, String> servedVlans = new TreeMap<>();
    vlans.get(2).forEach((index, v) -> servedVlans.put(index, v + " " + vlans.get(3).get(index)));
    assertThat(servedVlans).hasSize(1).isEqualTo(expectedVlans);
  }

  @Test
  void snmptableWithTheMibsShowsTheConnectionsByName() throws Exception {
    Path sharedMibs = Require.standardMibs();
    ExternalTool.Result r =
        ExternalTool.run(
            List.of(
                "snmptable",
                "-v2c",
                "-c",
                "public",
                "-M",
                Path.of("mibs").toAbsolutePath() + ":" + sharedMibs.toAbsolutePath(),
                "-m",
                "ALL",
                "-Cb",
                "-Ci",
                agent.target(),
                "IPTRAF-AGENT-MIB::iptrafTcpConnTable"),
            Map.of());

    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stdout())
        .contains("closed", "reset", "synSeen", "1.ipv4.\"10.0.0.1\".40000.ipv4.\"10.0.0.2\".80");
  }

  // ---------------------------------------------------------------- RMON

  @Test
  void etherStatsEqualTheReportWithTheFcsAdded() throws Exception {
    Map<Integer, Map<String, String>> e = agent.walk(ETHER_STATS);
    Map<Integer, Map<String, String>> hc = agent.walk(ETHER_STATS_HC);
    JsonNode total = report.get("interfaces").get(0).get("total");
    JsonNode rmon = report.get("packetSizes").get("rmon");
    long packets = total.get("packets").asLong();
    long octets = total.get("bytes").asLong() + 4 * packets;

    assertThat(e.get(2).get("1")).isEqualTo(".1.3.6.1.2.1.2.2.1.1.1");
    assertThat(e.get(3).get("1")).isEqualTo(report.get("capture").get("kernelDrops").asText());
    assertThat(e.get(4).get("1")).isEqualTo("" + octets);
    assertThat(e.get(5).get("1")).isEqualTo("" + packets);
    assertThat(e.get(6).get("1"))
        .isEqualTo(report.get("interfaces").get(0).get("broadcast").get("packets").asText());
    assertThat(e.get(7).get("1"))
        .isEqualTo(report.get("interfaces").get(0).get("multicast").get("packets").asText());
    String[] keys = {"64", "65to127", "128to255", "256to511", "512to1023", "1024to1518"};
    for (int b = 0; b < keys.length; b++) {
      assertThat(e.get(14 + b).get("1")).as(keys[b]).isEqualTo(rmon.get(keys[b]).asText());
      assertThat(hc.get(6 + 2 * b).get("1")).as(keys[b]).isEqualTo(rmon.get(keys[b]).asText());
      assertThat(hc.get(5 + 2 * b).get("1")).isEqualTo("0");
    }
    assertThat(e.get(10).get("1")).isEqualTo(rmon.get("over1518").asText());
    assertThat(e.get(20).get("1")).isEqualTo("monitor");
    assertThat(e.get(21).get("1")).isEqualTo("1");
    assertThat(hc.get(2).get("1")).isEqualTo("" + packets);
    assertThat(hc.get(4).get("1")).isEqualTo("" + octets);
  }

  @Test
  void hostAndMatrixTablesCountPerMacAndPerPair() throws Exception {
    Map<Integer, Map<String, String>> control = agent.walk(HOST_CONTROL);
    Map<Integer, Map<String, String>> hosts = agent.walk(HOST);
    assertThat(control.get(3).get("1")).isEqualTo("" + report.get("stations").size());
    for (JsonNode s : report.get("stations")) {
      String index = "1.6." + macIndex(s.get("mac").asText());
      assertThat(hosts.get(4).get(index)).isEqualTo(s.get("inPackets").asText());
      assertThat(hosts.get(5).get(index)).isEqualTo(s.get("outPackets").asText());
      assertThat(hosts.get(6).get(index))
          .isEqualTo("" + (s.get("inBytes").asLong() + 4 * s.get("inPackets").asLong()));
      assertThat(hosts.get(7).get(index))
          .isEqualTo("" + (s.get("outBytes").asLong() + 4 * s.get("outPackets").asLong()));
    }
    String a = "6." + macIndex("02:00:00:00:00:0a");
    assertThat(hosts.get(9).get("1." + a)).as("A sent one broadcast").isEqualTo("1");

    Map<Integer, Map<String, String>> sd = agent.walk(MATRIX_SD);
    Map<Integer, Map<String, String>> ds = agent.walk(MATRIX_DS);
    assertThat(agent.walk(MATRIX_CONTROL).get(3).get("1")).isEqualTo("" + sd.get(4).size());
    long framesInPairs = sd.get(4).values().stream().mapToLong(Long::parseLong).sum();
    assertThat(framesInPairs).isEqualTo(report.get("capture").get("frames").asLong());
    String b = "6." + macIndex("02:00:00:00:00:0b");
    // A -> B: 5 TCP segments of the first connection, the IPv6 SYN, ICMP, VLAN UDP, 0x88b5
    assertThat(sd.get(4).get("1." + a + "." + b)).isEqualTo("9");
    assertThat(ds.get(4).get("1." + b + "." + a)).isEqualTo("9");
    assertThat(sd.get(4).get("1." + b + "." + a)).isEqualTo("3");
  }

  // ---------------------------------------------------------------- protocol behaviour

  @Test
  void setIsRefusedOnEveryKindOfObject() throws Exception {
    for (String oid :
        List.of(R + ".1.1.0", IF_ENTRY + ".2.1", ETHER_STATS + ".20.1", HOST_CONTROL + ".6.1")) {
      ExternalTool.Result r = agent.tool("snmpset", oid, "i", "2");
      assertThat(r.exitCode()).as(oid).isNotZero();
      assertThat(r.all()).containsAnyOf("noAccess", "notWritable", "noCreation");
    }
  }

  @Test
  void wrongCommunityTimesOut() throws Exception {
    ExternalTool.Result r =
        ExternalTool.run(
            List.of(
                "snmpget",
                "-v2c",
                "-c",
                "private",
                "-t",
                "1",
                "-r",
                "0",
                agent.target(),
                R + ".1.1.0"),
            ServedAgent.netSnmpEnv());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("Timeout");
  }

  @Test
  void v3AuthPrivWalksAndAWrongPasswordIsAnAuthenticationFailure() throws Exception {
    List<String> base =
        List.of(
            "-v3",
            "-l",
            "authPriv",
            "-u",
            ServedAgent.USER,
            "-a",
            "SHA-256",
            "-x",
            "AES",
            "-X",
            ServedAgent.PRIV,
            "-t",
            "1",
            "-r",
            "0",
            "-On",
            "-Oq");
    List<String> good = new ArrayList<>(List.of("snmpbulkwalk"));
    good.addAll(base);
    good.addAll(List.of("-A", ServedAgent.AUTH, agent.target(), TCP_ENTRY + ".7"));
    List<String> bad = new ArrayList<>(List.of("snmpget"));
    bad.addAll(base);
    bad.addAll(List.of("-A", "wrong-secret", agent.target(), R + ".1.1.0"));

    ExternalTool.Result ok = ExternalTool.run(good, ServedAgent.netSnmpEnv());
    ExternalTool.Result refused = ExternalTool.run(bad, ServedAgent.netSnmpEnv());

    assertThat(ok.exitCode()).as(ok.all()).isZero();
    assertThat(ok.stdout().lines()).hasSize(report.get("tcpConnections").size());
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.stderr()).contains("Authentication failure");
  }

  @Test
  void hugeBulkRepetitionsAreCutToTheMessageSize() throws Exception {
    ExternalTool.Result r = agent.tool("snmpbulkget", "-Cn0", "-Cr100000", R);
    assertThat(r.exitCode()).as(r.all()).isZero();
    // the replay holds far more than 100 objects after R: a response of exactly the cap shows
    // the cap at work (without it, 374 bindings here: as many as the message size allows)
    assertThat(r.stdout().lines().count()).as(r.all()).isEqualTo(BoundedBulk.MAX_BINDINGS);
  }

  @Test
  void malformedDatagramsLeaveItAnswering() throws Exception {
    Random random = new Random(11);
    List<byte[]> junk = new ArrayList<>();
    junk.add(new byte[0]);
    junk.add(new byte[] {0x30}); // truncated
    junk.add(new byte[] {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x02});
    junk.add(new byte[] {0x30, (byte) 0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9}); // 9-octet length
    junk.add(new byte[] {0x30, 0x0b, 0x02, 0x01, 0x01, 0x04, 0x06, 'p', 'u', 'b', 'l', 'i', 'c'});
    byte[] getWithAbsurdLength = {
      0x30,
      0x26,
      0x02,
      0x01,
      0x01,
      0x04,
      0x06,
      'p',
      'u',
      'b',
      'l',
      'i',
      'c',
      (byte) 0xa0,
      (byte) 0x84,
      0x7f,
      (byte) 0xff,
      (byte) 0xff,
      (byte) 0xff
    };
    junk.add(getWithAbsurdLength);
    byte[] oversized = new byte[65_000];
    random.nextBytes(oversized);
    oversized[0] = 0x30;
    junk.add(oversized);
    for (int i = 0; i < 300; i++) {
      byte[] b = new byte[1 + random.nextInt(400)];
      random.nextBytes(b);
      junk.add(b);
    }
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), agent.port);
      for (byte[] b : junk) {
        s.send(new DatagramPacket(b, b.length, to));
      }
    }

    ExternalTool.Result r = agent.tool("snmpget", R + ".1.1.0");
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stdout().strip()).endsWith(report.get("capture").get("frames").asText());
    assertThat(agent.process.isAlive()).isTrue();
  }

  // ---------------------------------------------------------------- helpers

  private int ifIndex(String name) {
    JsonNode ifs = report.get("interfaces");
    for (int i = 0; i < ifs.size(); i++) {
      if (ifs.get(i).get("name").asText().equals(name)) {
        return i + 1;
      }
    }
    throw new AssertionError("no interface " + name);
  }

  /** "10.0.0.1:80" or "[2001:db8::1]:80" → "[10, 0, 0, 1]:80". */
  private static String endpoint(String text) throws Exception {
    int colon = text.lastIndexOf(':');
    String host = text.substring(0, colon).replace("[", "").replace("]", "");
    return Arrays.toString(InetAddress.getByName(host).getAddress())
        + ":"
        + text.substring(colon + 1);
  }

  /** The TCP index (docs/MIB.md) back to "ifIndex a b" in {@link #endpoint} form. */
  private static String tcpKey(String index) {
    int[] s = Arrays.stream(index.split("\\.")).mapToInt(Integer::parseInt).toArray();
    StringBuilder out = new StringBuilder().append(s[0]);
    int p = 1;
    for (int side = 0; side < 2; side++) {
      int len = s[p + 1];
      byte[] address = new byte[len];
      for (int i = 0; i < len; i++) {
        address[i] = (byte) s[p + 2 + i];
      }
      out.append(' ').append(Arrays.toString(address)).append(':').append(s[p + 2 + len]);
      p += 3 + len;
    }
    return out.toString();
  }

  private static final Map<String, String> STATES =
      new HashMap<>(
          Map.of(
              "synSeen",
              "1",
              "established",
              "2",
              "finOneWay",
              "3",
              "finBothWays",
              "4",
              "closed",
              "5",
              "reset",
              "6",
              "timedOut",
              "7"));

  private static String stateNumber(String label) {
    return STATES.get(label);
  }

  /** The report's flag letters (F S R P A U E C from bit 0) as the flags octet in hex. */
  private static String flagOctet(JsonNode direction) {
    String letters = "FSRPAUEC";
    int v = 0;
    for (char c : direction.get("flags").asText().toCharArray()) {
      v |= 1 << letters.indexOf(c);
    }
    return String.format("%02X", v);
  }

  /** Net-SNMP prints a one-octet string as hex ("12") or as a quoted character. */
  private static String hexOctet(String served) {
    String s = served.strip();
    if (s.matches("[0-9A-Fa-f]{2}")) {
      return s.toUpperCase();
    }
    return String.format("%02X", (int) s.charAt(0));
  }

  private static String macIndex(String mac) {
    return String.join(
        ".", Arrays.stream(mac.split(":")).map(h -> "" + Integer.parseInt(h, 16)).toList());
  }
}
