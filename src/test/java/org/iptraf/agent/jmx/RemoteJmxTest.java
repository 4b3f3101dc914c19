package org.iptraf.agent.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.OpenMBeanAttributeInfo;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as operators meet it: {@code replay --serve} in its own process, read through a real
 * RMI {@code JMXConnector}, compared with the JSON report the same process printed.
 */
class RemoteJmxTest {
  private static final String[] TABLES = {"TcpConnections", "OtherFlows", "Ports", "Stations"};
  private static final String[] CLASSES = {
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
  private static final String[] REPORT_KEYS = {"tcpConnections", "otherFlows", "ports", "stations"};

  @TempDir Path dir;
  private JmxAgent agent;
  private MBeanServerConnection jmx;
  private JsonNode report;
  private final TestTraffic.Tally written = new TestTraffic.Tally();

  @BeforeEach
  void start() throws Exception {
    Path pcap = TestTraffic.write(dir.resolve("lan.pcap"), written);
    // the JMX tables have no name columns (yet): compare them with a report without names
    agent = JmxAgent.serve(dir, pcap, "names.services = false", "names.ethers = false");
    report = agent.report();
    jmx = agent.connect();
  }

  @AfterEach
  void stop() throws Exception {
    if (agent != null) {
      agent.close();
    }
  }

  @Test
  void everyCaptureAndInterfaceAttributeEqualsTheReport() throws Exception {
    ObjectName capture = IptrafMBeans.name("Capture");
    report
        .get("capture")
        .properties()
        .forEach(
            e ->
                assertValue(
                    attribute(capture, cap(e.getKey())), e.getValue(), "capture." + e.getKey()));
    assertThat(report.get("interfaces")).isNotEmpty();
    for (JsonNode i : report.get("interfaces")) {
      ObjectName on = IptrafMBeans.interfaceName(i.get("name").asText());
      Map<String, JsonNode> expected = flatten(i, true);
      assertThat(expected).hasSizeGreaterThan(70);
      expected.forEach((attr, value) -> assertValue(attribute(on, attr), value, on + " " + attr));
    }
    JsonNode sizes = report.get("packetSizes");
    sizes
        .get("rmon")
        .properties()
        .forEach(
            e ->
                assertValue(attribute(capture, "RmonSize" + e.getKey()), e.getValue(), e.getKey()));
    assertValue(attribute(capture, "LargestPacket"), sizes.get("largest"), "largest");
    assertRowsEqual((TabularData) attribute(capture, "PacketSizes"), sizes.get("buckets"));
  }

  /** The same numbers against the frames as written, not against the agent's own report. */
  @Test
  void countersAndTcpRowsAddUpToTheFramesWritten() throws Exception {
    ObjectName capture = IptrafMBeans.name("Capture");
    assertThat(attribute(capture, "Frames")).isEqualTo(written.frames);
    assertThat(attribute(capture, "Bytes")).isEqualTo(written.bytes);
    ObjectName lan = IptrafMBeans.interfaceName("lan.pcap");
    assertThat(written.classes)
        .containsOnlyKeys(
            "total", "ipv4", "ipv6", "tcp", "udp", "icmp", "nonIp", "arp", "broadcast");
    for (String c : CLASSES) {
      long[] v = written.classes.getOrDefault(c, new long[2]);
      assertThat(attribute(lan, cap(c) + "Packets")).as(c + " packets").isEqualTo(v[0]);
      assertThat(attribute(lan, cap(c) + "Bytes")).as(c + " bytes").isEqualTo(v[1]);
      assertThat(attribute(lan, cap(c) + "InPackets")).as(c + " in").isEqualTo(v[0]);
      assertThat(attribute(lan, cap(c) + "OutPackets")).as(c + " out").isEqualTo(0L);
    }
    // every TCP packet belongs to one connection: the rows add up to the tcp class
    ObjectName tcp = IptrafMBeans.name("TcpConnections");
    List<CompositeData> rows = byRank((TabularData) attribute(tcp, "Table"));
    assertThat(rows).hasSize(4); // closed, open, refused, IPv6
    assertThat(rows.stream().mapToLong(r -> (Long) r.get("packets")).sum())
        .isEqualTo(written.classes.get("tcp")[0]);
    assertThat(rows.stream().mapToLong(RemoteJmxTest::bytes).sum())
        .isEqualTo(written.classes.get("tcp")[1]);
  }

  @Test
  void everyTableRowEqualsTheReportInTheReportsOrder() throws Exception {
    for (int t = 0; t < TABLES.length; t++) {
      ObjectName on = IptrafMBeans.name(TABLES[t]);
      JsonNode rows = report.get(REPORT_KEYS[t]);
      assertThat(rows).as(REPORT_KEYS[t]).isNotEmpty();
      assertThat(attribute(on, "Count")).isEqualTo(rows.size());
      assertRowsEqual((TabularData) attribute(on, "Table"), rows);
    }
    // VLANs: the report keeps table order, JMX sorts by bytes; compare by (interface, vlanId)
    JsonNode vlans = report.get("vlans");
    List<CompositeData> rows = byRank((TabularData) attribute(IptrafMBeans.name("Vlans"), "Table"));
    assertThat(rows).hasSize(vlans.size()).hasSize(2);
    for (JsonNode v : vlans) {
      CompositeData row =
          rows.stream()
              .filter(
                  r ->
                      r.get("vlanId").equals(v.get("vlanId").asInt())
                          && r.get("interface").equals(v.get("interface").asText()))
              .findFirst()
              .orElseThrow();
      flatten(v, false).forEach((k, value) -> assertValue(row.get(k), value, "vlan " + k));
    }
  }

  @Test
  void topReturnsTheBusiestRowsByBytesInOrder() throws Exception {
    for (String table :
        new String[] {"TcpConnections", "OtherFlows", "Ports", "Stations", "Vlans"}) {
      ObjectName on = IptrafMBeans.name(table);
      List<CompositeData> all = byRank((TabularData) attribute(on, "Table"));
      List<CompositeData> top2 = byRank(top(on, 2));
      assertThat(top2).as(table).hasSize(2).containsExactlyElementsOf(all.subList(0, 2));
      List<Long> bytes = top2.stream().map(RemoteJmxTest::bytes).toList();
      assertThat(bytes).as(table).isSortedAccordingTo(Comparator.reverseOrder());
      assertThat(byRank(top(on, 0))).as(table + " top(0) is all").isEqualTo(all);
      assertThat(byRank(top(on, 1000))).as(table + " top(1000) is all").isEqualTo(all);
    }
    List<CompositeData> tcp = byRank(top(IptrafMBeans.name("TcpConnections"), 1));
    assertThat(tcp.get(0).get("b")).isEqualTo("10.0.0.2:80"); // the 3000-byte download
    assertThat(tcp.get(0).get("state")).isEqualTo("closed");
  }

  @Test
  void resetCountersZeroesEveryCounterAndEmptiesTheTables() throws Exception {
    ObjectName agentName = IptrafMBeans.name("Agent");
    assertThat(attribute(agentName, "ResetCount")).isEqualTo(0L);
    jmx.invoke(agentName, "resetCounters", new Object[0], new String[0]);

    assertThat(attribute(agentName, "ResetCount")).isEqualTo(1L);
    ObjectName capture = IptrafMBeans.name("Capture");
    for (MBeanAttributeInfo a : jmx.getMBeanInfo(capture).getAttributes()) {
      Object v = attribute(capture, a.getName());
      if (v instanceof Number n && !a.getName().matches("ResetCount|SnapshotSequence|Seconds")) {
        assertThat(n.doubleValue()).as("Capture " + a.getName()).isZero();
      }
    }
    for (String table :
        new String[] {"TcpConnections", "OtherFlows", "Ports", "Stations", "Vlans"}) {
      assertThat(attribute(IptrafMBeans.name(table), "Count")).as(table).isEqualTo(0);
      assertThat(((TabularData) attribute(IptrafMBeans.name(table), "Table")).isEmpty()).isTrue();
    }
    for (JsonNode i : report.get("interfaces")) {
      ObjectName on = IptrafMBeans.interfaceName(i.get("name").asText());
      assertThat(jmx.isRegistered(on)).as("interfaces stay").isTrue();
      for (MBeanAttributeInfo a : jmx.getMBeanInfo(on).getAttributes()) {
        Object v = attribute(on, a.getName());
        if (v instanceof Number n && !a.getName().equals("SystemIndex")) {
          assertThat(n.doubleValue()).as(on + " " + a.getName()).isZero();
        }
      }
    }
  }

  @Test
  void clearClosedConnectionsFreesClosedAndResetOnes() throws Exception {
    ObjectName tcp = IptrafMBeans.name("TcpConnections");
    List<CompositeData> before = byRank((TabularData) attribute(tcp, "Table"));
    long finals =
        before.stream()
            .filter(r -> List.of("closed", "reset", "timedOut").contains(r.get("state")))
            .count();
    assertThat(finals).isEqualTo(2);
    Object freed =
        jmx.invoke(
            IptrafMBeans.name("Agent"), "clearClosedConnections", new Object[0], new String[0]);
    assertThat(freed).isEqualTo(2);
    List<CompositeData> after = byRank((TabularData) attribute(tcp, "Table"));
    assertThat(after)
        .hasSize(before.size() - 2)
        .allSatisfy(r -> assertThat(r.get("state")).isNotIn("closed", "reset", "timedOut"));
  }

  @Test
  void unknownMBeansGiveInstanceNotFoundAtOnce() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(3),
        () -> {
          assertThrows(
              InstanceNotFoundException.class,
              () -> jmx.getAttribute(IptrafMBeans.interfaceName("no-such-if"), "TotalPackets"));
          assertThrows(
              InstanceNotFoundException.class,
              () ->
                  jmx.invoke(
                      IptrafMBeans.name("NoSuchTable"),
                      "top",
                      new Object[] {3},
                      new String[] {"int"}));
          assertThrows(
              InstanceNotFoundException.class,
              () -> jmx.getMBeanInfo(new ObjectName("iptraf:type=Interface,name=\"a,b\"")));
        });
  }

  @Test
  void agentDescribesItself() throws Exception {
    ObjectName a = IptrafMBeans.name("Agent");
    assertThat((String) attribute(a, "Version")).startsWith("iptraf-agent");
    assertThat(attribute(a, "Mode")).isEqualTo("replay");
    assertThat((String) attribute(a, "ConfigFile")).endsWith(".conf");
    assertThat((Long) attribute(a, "UptimeSeconds")).isBetween(0L, 120L);
  }

  @Test
  void everyMBeanUsesOpenTypesOnly() throws Exception {
    int attributes = 0;
    for (ObjectName on : jmx.queryNames(new ObjectName("iptraf:*"), null)) {
      for (MBeanAttributeInfo a : jmx.getMBeanInfo(on).getAttributes()) {
        boolean open =
            a instanceof OpenMBeanAttributeInfo
                || a.getDescriptor().getFieldValue("openType") != null;
        assertThat(open).as(on + " " + a.getName() + " declares an open type").isTrue();
        assertThat(OpenTypeCheck.isOpen(jmx.getAttribute(on, a.getName())))
            .as(on + " " + a.getName() + " value")
            .isTrue();
        attributes++;
      }
    }
    assertThat(attributes).isGreaterThan(100);
  }

  @Test
  void aClientWithoutOurClassesReadsEveryMBean() throws Exception {
    Path probe = dir.resolve("Probe.java");
    try (var in = RemoteJmxTest.class.getResourceAsStream("Probe.java.txt")) {
      Files.write(probe, in.readAllBytes());
    }
    ProcessBuilder pb =
        new ProcessBuilder(JmxAgent.javaBinary(), probe.toString(), String.valueOf(agent.port))
            .redirectErrorStream(true);
    pb.environment().remove("CLASSPATH");
    pb.environment().remove("JDK_JAVA_OPTIONS");
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out)
        .contains("iptraf:type=TcpConnections top(3) 3 rows")
        .contains("iptraf.metrics:name=packetSizes,type=histograms")
        .containsPattern("read \\d{3,} attributes of \\d+ MBeans");
  }

  // ---------------------------------------------------------------- helpers

  private Object attribute(ObjectName on, String name) {
    try {
      return jmx.getAttribute(on, name);
    } catch (Exception e) {
      throw new AssertionError(on + " " + name, e);
    }
  }

  private TabularData top(ObjectName on, int n) throws Exception {
    return (TabularData) jmx.invoke(on, "top", new Object[] {n}, new String[] {"int"});
  }

  private static long bytes(CompositeData row) {
    return ((Number) row.get("bytes")).longValue();
  }

  private static String cap(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** A report object's leaves by JMX name: {@code tcp.inBytes} -> TcpInBytes (or tcpInBytes). */
  private static Map<String, JsonNode> flatten(JsonNode object, boolean attributes) {
    Map<String, JsonNode> m = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      String key = attributes ? cap(e.getKey()) : e.getKey();
      if (e.getValue().isObject()) {
        String prefix = e.getKey().equals("rates") ? "" : key;
        e.getValue()
            .properties()
            .forEach(
                f ->
                    m.put(
                        prefix.isEmpty() ? cap(f.getKey()) : prefix + cap(f.getKey()),
                        f.getValue()));
      } else {
        m.put(key, e.getValue());
      }
    }
    return m;
  }

  private static List<CompositeData> byRank(TabularData table) {
    List<CompositeData> rows = new ArrayList<>();
    for (Object r : table.values()) {
      rows.add((CompositeData) r);
    }
    rows.sort(Comparator.comparingInt(r -> (Integer) r.get("rank")));
    return rows;
  }

  private static void assertRowsEqual(TabularData table, JsonNode rows) {
    List<CompositeData> actual = byRank(table);
    assertThat(actual).hasSize(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      CompositeData row = actual.get(i);
      assertThat(row.get("rank")).isEqualTo(i + 1);
      int index = i;
      flatten(rows.get(i), false)
          .forEach(
              (k, v) ->
                  assertValue(
                      row.get(k),
                      v,
                      table.getTabularType().getTypeName() + "[" + index + "]." + k));
    }
  }

  private static void assertValue(Object actual, JsonNode expected, String what) {
    if (expected.isIntegralNumber()) {
      assertThat(actual).as(what).isInstanceOfAny(Long.class, Integer.class);
      assertThat(((Number) actual).longValue()).as(what).isEqualTo(expected.asLong());
    } else if (expected.isNumber()) {
      assertThat(actual).as(what).isInstanceOf(Double.class);
      assertThat((Double) actual).as(what).isCloseTo(expected.asDouble(), within(0.0006));
    } else if (expected.isNull()) {
      assertThat(actual).as(what).isEqualTo("");
    } else {
      assertThat(actual).as(what).isEqualTo(expected.asText());
    }
  }
}
