package org.iptraf.agent.top;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.iptraf.agent.testutil.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code top --once}, screen by screen, against a served replay: every row the screen shows is the
 * one the JSON report of the same replay has, with its counts, in the report's order.
 */
class TopOnceTest {

  @TempDir static Path dir;
  private static TopFixture agent;

  @BeforeAll
  static void serve() throws Exception {
    agent = TopFixture.serve(dir);
  }

  @AfterAll
  static void stop() {
    if (agent != null) {
      agent.close();
    }
  }

  private static String once(String... args) throws Exception {
    List<String> a = new ArrayList<>(List.of("--once", "--width", "120", "--height", "50"));
    a.addAll(List.of(args));
    Tools.Result r = Tools.run(agent.top(a.toArray(String[]::new)));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).as("no colour in plain text").doesNotContain("\u001b");
    return r.stdout();
  }

  /** The fields of the first line containing {@code text}. */
  private static List<String> fields(String screen, String text) {
    for (String line : screen.split("\n")) {
      if (line.contains(text)) {
        return List.of(line.strip().split("\\s+"));
      }
    }
    throw new AssertionError("no line with " + text + " in:\n" + screen);
  }

  private static int lineOf(String screen, String text) {
    String[] lines = screen.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(text)) {
        return i;
      }
    }
    throw new AssertionError("no line with " + text + " in:\n" + screen);
  }

  private static List<JsonNode> list(String field) {
    List<JsonNode> out = new ArrayList<>();
    agent.report.get(field).forEach(out::add);
    return out;
  }

  private static String n(JsonNode node, String field) {
    return node.get(field).asText();
  }

  private static String flags(JsonNode direction) {
    String f =
        direction.get("flags").isArray() ? join(direction.get("flags")) : n(direction, "flags");
    return f.isEmpty() ? "-" : f;
  }

  private static String join(JsonNode array) {
    StringBuilder b = new StringBuilder();
    array.forEach(x -> b.append(x.asText()));
    return b.toString();
  }

  @Test
  void ipTrafficMonitorShowsEveryConnectionBothWaysInTheReportsOrder() throws Exception {
    String screen = once("--screen", "ip");
    List<JsonNode> tcp = list("tcpConnections");
    assertThat(tcp).hasSize(4);
    int previous = -1;
    for (JsonNode c : tcp) {
      String a = n(c, "a");
      String b = n(c, "b");
      int at = lineOf(screen, a + " > " + b);
      assertThat(at).as("%s after the connection before it", a).isGreaterThan(previous);
      previous = at;
      List<String> ab = fields(screen, a + " > " + b);
      List<String> ba = List.of(screen.split("\n")[at + 1].strip().split("\\s+"));
      JsonNode aToB = c.get("aToB");
      JsonNode bToA = c.get("bToA");
      assertThat(ab)
          .containsSequence(
              n(c, "interface"), n(aToB, "packets"), n(aToB, "bytes"), flags(aToB), n(c, "state"));
      assertThat(ba).containsSequence(b, ">", a, n(c, "interface"), n(bToA, "packets"));
      assertThat(ba).containsSequence(n(bToA, "packets"), n(bToA, "bytes"), flags(bToA));
    }
    assertThat(screen).contains("TCP " + tcp.size() + "  other flows " + list("otherFlows").size());
    assertThat(screen).contains("TCP connections, by bytes in the last ");
  }

  @Test
  void sortingByPacketsFollowsTheReportsPacketCounts() throws Exception {
    String screen = once("--screen", "ip", "--sort", "packets");
    List<JsonNode> tcp = new ArrayList<>(list("tcpConnections"));
    // stable: equal packet counts keep the report's order (by bytes), as the agent breaks ties
    tcp.sort(
        Comparator.comparingLong(
            (JsonNode c) ->
                -(c.get("aToB").get("packets").asLong() + c.get("bToA").get("packets").asLong())));
    int previous = -1;
    for (JsonNode c : tcp) {
      int at = lineOf(screen, n(c, "a") + " > " + n(c, "b"));
      assertThat(at).isGreaterThan(previous);
      previous = at;
    }
    assertThat(screen).contains("by packets");
    assertThat(lineOf(screen, "10.0.0.4:5555 > ")).isLessThan(lineOf(screen, "10.0.0.1:40000 > "));
  }

  @Test
  void otherFlowsAreListedBelowTheConnections() throws Exception {
    String screen = once("--screen", "ip");
    int below = lineOf(screen, "Other flows");
    for (JsonNode f : list("otherFlows")) {
      String pair = n(f, "a") + " > " + n(f, "b");
      assertThat(lineOf(screen, pair)).isGreaterThan(below);
      assertThat(fields(screen, pair))
          .startsWith(n(f, "protocol"))
          .containsSequence(n(f, "interface"), n(f, "packets"), n(f, "bytes"));
    }
  }

  @Test
  void filterKeepsOnlyTheRowsWithTheText() throws Exception {
    String screen = once("--screen", "ip", "--filter", "10.0.0.3");
    assertThat(screen).contains("10.0.0.1:40001 > 10.0.0.3:22").doesNotContain("10.0.0.2:80");
    assertThat(screen).contains("[filter: 10.0.0.3 in the top 1000]");
  }

  @Test
  void generalStatisticsShowEachInterfacesCounts() throws Exception {
    String screen = once("--screen", "general");
    for (JsonNode i : list("interfaces")) {
      assertThat(fields(screen, n(i, "name")))
          .containsSequence(
              n(i, "name"),
              n(i.get("total"), "packets"),
              n(i.get("ipv4"), "packets"),
              n(i.get("ipv6"), "packets"),
              n(i.get("nonIp"), "packets"),
              n(i, "badIpChecksum"));
    }
  }

  @Test
  void detailedStatisticsShowEveryClassInAndOut() throws Exception {
    JsonNode i = agent.report.get("interfaces").get(0);
    String screen = once("--screen", "detail", "--interface", n(i, "name"));
    String[][] classes = {
      {"Total", "total"},
      {"IPv4", "ipv4"},
      {"IPv6", "ipv6"},
      {"TCP", "tcp"},
      {"UDP", "udp"},
      {"ICMP", "icmp"},
      {"ICMPv6", "icmpv6"},
      {"Other IP", "otherIp"},
      {"Non-IP", "nonIp"},
      {"ARP", "arp"},
      {"Broadcast", "broadcast"},
      {"Multicast", "multicast"}
    };
    for (String[] c : classes) {
      JsonNode k = i.get(c[1]);
      String line =
          screen.lines().filter(l -> l.startsWith(" " + c[0] + " ")).findFirst().orElseThrow();
      assertThat(List.of(line.substring(c[0].length() + 1).strip().split("\\s+")))
          .as(c[0])
          .containsExactly(
              n(k, "packets"),
              n(k, "bytes"),
              n(k, "inPackets"),
              n(k, "inBytes"),
              n(k, "outPackets"),
              n(k, "outBytes"));
    }
    assertThat(screen).contains("Rates (the agent's)").contains("peak");
  }

  @Test
  void packetSizesShowTheRmonBuckets() throws Exception {
    String screen = once("--screen", "sizes");
    JsonNode rmon = agent.report.get("packetSizes").get("rmon");
    for (String bucket :
        List.of("64", "65to127", "128to255", "256to511", "512to1023", "1024to1518", "over1518")) {
      assertThat(fields(screen, "rmon    " + bucket + " ")).contains(n(rmon, bucket));
    }
  }

  @Test
  void stationsShowEachMacWithItsCounts() throws Exception {
    String screen = once("--screen", "stations");
    List<JsonNode> stations = list("stations");
    assertThat(stations).hasSize(4);
    for (JsonNode s : stations) {
      assertThat(fields(screen, n(s, "mac")))
          .hasSize(8) // and the bytes per second of the last interval
          .startsWith(
              n(s, "mac"),
              n(s, "interface"),
              n(s, "inPackets"),
              n(s, "inBytes"),
              n(s, "outPackets"),
              n(s, "outBytes"),
              n(s, "ipPackets"));
    }
  }

  @Test
  void portsShowEachPortInTheReportsOrder() throws Exception {
    String screen = once("--screen", "ports");
    int previous = -1;
    for (JsonNode p : list("ports")) {
      List<String> want =
          List.of(
              n(p, "protocol"),
              n(p, "port"),
              n(p, "packets"),
              n(p, "bytes"),
              n(p, "inPackets"),
              n(p, "outPackets"));
      boolean found = false;
      String[] lines = screen.split("\n");
      for (int l = 0; l < lines.length; l++) {
        List<String> f = List.of(lines[l].strip().split("\\s+"));
        // the last field: the bytes per second of the last interval
        if (f.size() == want.size() + 1 && f.subList(0, want.size()).equals(want)) {
          assertThat(l).isGreaterThan(previous);
          previous = l;
          found = true;
        }
      }
      assertThat(found).as("a line %s in\n%s", want, screen).isTrue();
    }
  }

  @Test
  void alarmsShowTheConfiguredAlarm() throws Exception {
    String screen = once("--screen", "alarms");
    assertThat(fields(screen, "busy-link")).contains("busy-link", "frames", "1000");
  }

  @Test
  void eachScreenFitsAnEightyByTwentyFourTerminal() throws Exception {
    for (String s : List.of("ip", "general", "detail", "sizes", "stations", "ports", "alarms")) {
      Tools.Result r = Tools.run(agent.top("--once", "--screen", s));
      assertThat(r.exitCode()).as(r.stderr()).isZero();
      List<String> lines = r.stdout().lines().toList();
      assertThat(lines).as(s).hasSize(24);
      assertThat(lines).as(s).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
      assertThat(lines.get(22)).as(s).contains("i IP traffic").contains("a Alarms");
      assertThat(lines.get(23)).as(s).contains("q quit");
    }
  }

  @Test
  void anAgentThatDoesNotAnswerIsOneLineAndExitThree() throws Exception {
    int nobody = Tools.freeUdpPort();
    Tools.Result r = Tools.run(Tools.agentCommand("top", "--once", "-p", "" + nobody, "-t", "1"));
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr().lines().toList())
        .singleElement()
        .asString()
        .contains("127.0.0.1:" + nobody);
  }
}
