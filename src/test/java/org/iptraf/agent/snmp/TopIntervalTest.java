package org.iptraf.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.capture.LinkType;
import org.iptraf.agent.config.ConfigParser;
import org.iptraf.agent.mib.Mib;
import org.iptraf.agent.stats.Tables;
import org.iptraf.agent.stats.TablesSnapshot;
import org.iptraf.agent.testutil.Frames;
import org.iptraf.agent.testutil.Require;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The top tables rank by what the rows counted since the previous ranking. Five connections carry
 * known bytes in two intervals, chosen so that the second interval's order is not the order of the
 * totals; the agent serves the tables after the first interval, then after both, and Net-SNMP's
 * snmpbulkwalk reads the rankings. The expectations come from the frames' IP lengths, not from the
 * agent.
 */
class TopIntervalTest {

  private static final String R = SnmpSettings.DEFAULT_ROOT_OID;
  private static final Mib MIB = Mib.iptrafAgent();
  private static final long T0 = 1_700_000_000_000_000_000L;

  /** Connection i: {phase-1 a→b, phase-1 b→a, phase-2 a→b, phase-2 b→a} payload sizes. */
  private static final int[][][] CONNECTIONS = {
    {{1000, 1000, 1000, 1000}, {}, {100}, {}}, // busiest in all, quiet in phase 2
    {{10}, {}, {1400, 1400}, {1400, 1400, 1400}}, // busiest in phase 2
    {{500, 500}, {500}, {700}, {700, 700}}, // second in phase 2
    {{900, 900}, {}, {}, {}}, // idle in phase 2: ties with the next, more in all
    {{300}, {}, {}, {}}, // idle in phase 2, least in all
  };

  @TempDir Path state;
  private SnmpAgent agent;

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.stop();
    }
  }

  @Test
  void ranksConnectionsByTheOctetsOfTheLastIntervalAndServesThem() throws Exception {
    Require.tool("snmpbulkwalk");
    TablesSnapshot first = tables(1);
    TablesSnapshot both = tables(2);
    AtomicReference<TablesSnapshot> served = new AtomicReference<>(first);
    agent = new SnmpAgent(settings(), served::get);
    agent.start();

    Map<Integer, Map<String, String>> one = walk("iptrafTopTcpEntry");
    long firstTime = scalar("iptrafTopTime");
    served.set(both);
    long secondTime = awaitNewRanking(firstTime);
    Map<Integer, Map<String, String>> two = walk("iptrafTopTcpEntry");

    // the first interval began at the agent's start: every byte of phase 1 is in it
    assertThat(clientPorts(one, 1)).containsExactlyElementsOf(expectedOrder(1));
    assertIntervalOctets(one, 1);
    // the second ranks phase 2's bytes; idle connections keep the order of their totals
    assertThat(clientPorts(two, 1)).containsExactlyElementsOf(expectedOrder(2));
    assertIntervalOctets(two, 2);
    assertThat(scalar("iptrafTopInterval")).isEqualTo(secondTime - firstTime);
    assertThat(scalar("iptrafTopTime")).isEqualTo(secondTime);
  }

  @Test
  void ranksConnectionsByThePacketsOfTheLastIntervalInOrderTwo() throws Exception {
    Require.tool("snmpbulkwalk");
    AtomicReference<TablesSnapshot> served = new AtomicReference<>(tables(1));
    agent = new SnmpAgent(settings(), served::get);
    agent.start();
    long firstTime = scalar("iptrafTopTime");
    served.set(tables(2));
    awaitNewRanking(firstTime);

    Map<Integer, Map<String, String>> t = walk("iptrafTopTcpEntry");

    List<Integer> byPackets = new ArrayList<>(List.of(0, 1, 2, 3, 4));
    byPackets.sort(
        Comparator.comparingLong((Integer c) -> -packets(c, 2))
            .thenComparingLong(c -> -(packets(c, 1) + packets(c, 2))));
    assertThat(clientPorts(t, 2))
        .containsExactlyElementsOf(byPackets.stream().map(c -> 40001 + c).toList());
    for (int rank = 1; rank <= 5; rank++) {
      int c = Integer.parseInt(cell(t, "iptrafTopTcpAPort", "2." + rank)) - 40001;
      assertThat(cell(t, "iptrafTopTcpIntervalPkts", "2." + rank))
          .isEqualTo(Long.toString(packets(c, 2)));
    }
  }

  /** Connections by phase's octets, most first; ties by all octets up to that phase. */
  private static List<Integer> expectedOrder(int phase) {
    List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4));
    order.sort(
        Comparator.comparingLong((Integer c) -> -octets(c, phase, 0) - octets(c, phase, 1))
            .thenComparingLong(c -> -total(c, phase)));
    return order.stream().map(c -> 40001 + c).toList();
  }

  private static void assertIntervalOctets(Map<Integer, Map<String, String>> t, int phase) {
    for (int rank = 1; rank <= CONNECTIONS.length; rank++) {
      String index = "1." + rank;
      int c = Integer.parseInt(cell(t, "iptrafTopTcpAPort", index)) - 40001;
      assertThat(cell(t, "iptrafTopTcpAToBIntervalOctets", index))
          .as("connection %d, phase %d, a to b", c, phase)
          .isEqualTo(Long.toString(octets(c, phase, 0)));
      assertThat(cell(t, "iptrafTopTcpBToAIntervalOctets", index))
          .as("connection %d, phase %d, b to a", c, phase)
          .isEqualTo(Long.toString(octets(c, phase, 1)));
    }
  }

  private static List<Integer> clientPorts(Map<Integer, Map<String, String>> t, int order) {
    List<Integer> ports = new ArrayList<>();
    for (int rank = 1; t.get(col("iptrafTopTcpAPort")).containsKey(order + "." + rank); rank++) {
      ports.add(Integer.parseInt(cell(t, "iptrafTopTcpAPort", order + "." + rank)));
    }
    return ports;
  }

  private static String cell(Map<Integer, Map<String, String>> t, String column, String index) {
    return t.get(col(column)).get(index);
  }

  /** IP lengths of connection c's packets in one phase and direction (0 a→b, 1 b→a). */
  private static long octets(int c, int phase, int direction) {
    long sum = 0;
    for (int payload : CONNECTIONS[c][(phase - 1) * 2 + direction]) {
      sum += ipLength(frame(c, direction, payload));
    }
    return sum;
  }

  private static long total(int c, int upToPhase) {
    long sum = 0;
    for (int p = 1; p <= upToPhase; p++) {
      sum += octets(c, p, 0) + octets(c, p, 1);
    }
    return sum;
  }

  private static long packets(int c, int phase) {
    return CONNECTIONS[c][(phase - 1) * 2].length + CONNECTIONS[c][(phase - 1) * 2 + 1].length;
  }

  /** The IPv4 total length field of an Ethernet frame: what the tables count as bytes. */
  private static int ipLength(byte[] frame) {
    return (frame[16] & 0xFF) << 8 | frame[17] & 0xFF;
  }

  private static byte[] frame(int c, int direction, int payload) {
    String client = "10.0.0." + (10 + c);
    String server = "10.0.1.1";
    int clientPort = 40001 + c;
    int serverPort = 8001 + c;
    byte[] ip =
        direction == 0
            ? Frames.ipv4(
                client, server, 6, Frames.tcp(clientPort, serverPort, Frames.ACK, 500, payload))
            : Frames.ipv4(
                server, client, 6, Frames.tcp(serverPort, clientPort, Frames.ACK, 500, payload));
    return direction == 0
        ? Frames.ethernet(Frames.MAC_B, Frames.MAC_A, 0x0800, ip)
        : Frames.ethernet(Frames.MAC_A, Frames.MAC_B, 0x0800, ip);
  }

  /** The final tables after the frames of phases 1 to {@code phases}. */
  private static TablesSnapshot tables(int phases) {
    Tables t = new Tables(ConfigParser.defaultConfig().tables(), List.of(), System::nanoTime);
    t.interfaceAdded(0, new InterfaceInfo("eth0", LinkType.ETHERNET, false, 0));
    long at = T0;
    for (int phase = 1; phase <= phases; phase++) {
      at = T0 + (phase - 1) * TimeUnit.SECONDS.toNanos(10);
      for (int c = 0; c < CONNECTIONS.length; c++) {
        for (int direction = 0; direction < 2; direction++) {
          for (int payload : CONNECTIONS[c][(phase - 1) * 2 + direction]) {
            byte[] f = frame(c, direction, payload);
            t.frame(
                ByteBuffer.wrap(f),
                0,
                f.length,
                f.length,
                at += 1000,
                0,
                FrameSink.DIRECTION_IN,
                FrameSink.NO_VLAN);
          }
        }
      }
    }
    t.finish();
    return t.snapshot();
  }

  private SnmpSettings settings() {
    return new SnmpSettings(
        InetAddress.getLoopbackAddress(),
        0,
        "public",
        SourceNetwork.LOCALHOST,
        false,
        List.of(),
        state,
        SnmpSettings.DEFAULT_ROOT_OID);
  }

  /** Asks for iptrafTopTime until a new ranking is taken (a second after the last), its time. */
  private long awaitNewRanking(long before) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      long now = scalar("iptrafTopTime");
      if (now != before) {
        return now;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no new ranking within 30 s");
  }

  private long scalar(String name) throws Exception {
    ExternalTool.Result r = tool("snmpget", R + "." + MIB.scalar(name));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return Long.parseLong(r.stdout().strip().split("\\s+")[1]);
  }

  private Map<Integer, Map<String, String>> walk(String entry) throws Exception {
    String oid = R + "." + MIB.oid(entry);
    ExternalTool.Result r = tool("snmpbulkwalk", "-Cr50", oid);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return ServedAgent.columns(oid, r.stdout());
  }

  private ExternalTool.Result tool(String tool, String... args) throws Exception {
    InetSocketAddress a = agent.address();
    List<String> command =
        new ArrayList<>(
            List.of(
                tool, "-v2c", "-c", "public", "-t", "2", "-r", "2", "-On", "-Oq", "-Oe", "-Ot"));
    command.add("udp:127.0.0.1:" + a.getPort());
    command.addAll(List.of(args));
    return ExternalTool.run(command, ServedAgent.netSnmpEnv());
  }

  private static int col(String name) {
    return MIB.object(name).arc();
  }
}
