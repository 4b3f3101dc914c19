package org.iptraf.agent.top;

import static org.iptraf.agent.testutil.Frames.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.iptraf.agent.testutil.AgentProcess;
import org.iptraf.agent.testutil.PcapWriter;
import org.iptraf.agent.testutil.Tools;

/**
 * A served replay for the top tests: three IPv4 TCP connections whose order by bytes differs from
 * their order by packets, one IPv6 connection, UDP, ICMP and ARP flows, four stations, and an
 * alarm. What each screen must show is read from the replay's own JSON report.
 */
final class TopFixture implements AutoCloseable {

  static final byte[] MAC_C = mac("02:00:00:00:00:0c");
  static final byte[] MAC_D = mac("02:00:00:00:00:0d");

  final int port;
  final JsonNode report;
  private final AgentProcess agent;

  private TopFixture(int port, AgentProcess agent) throws Exception {
    this.port = port;
    this.agent = agent;
    this.report = agent.reportJson();
  }

  static TopFixture serve(Path dir) throws Exception {
    Path pcap = write(dir.resolve("top.pcap"));
    int port = Tools.freeUdpPort();
    Path conf =
        Files.writeString(
            dir.resolve("agent.conf"),
            String.join(
                "\n",
                "snmp.port = " + port,
                "snmp.stateDir = " + dir.resolve("state"),
                "prometheus.port = 0",
                "alarm.busy-link.metric = frames",
                "alarm.busy-link.warning = 1000",
                ""));
    return new TopFixture(port, AgentProcess.serve(pcap, conf, dir));
  }

  static Path write(Path file) {
    PcapWriter w = PcapWriter.ethernet();
    long[] t = {1_700_000_000_000_000_000L};
    Consumer<byte[]> send = f -> w.frame(t[0] += 1_000_000L, f);
    // 1: a web download, few packets and many bytes
    int[][] web = {{SYN, 0, 0}, {SYN | ACK, 1, 0}, {ACK, 0, 0}, {PSH | ACK, 1, 1400}};
    for (int[] s : web) {
      tcp4(send, s[1] == 1, "10.0.0.1", 40000, "10.0.0.2", 80, s[0], s[2], MAC_A, MAC_B);
    }
    tcp4(send, true, "10.0.0.1", 40000, "10.0.0.2", 80, PSH | ACK, 1400, MAC_A, MAC_B);
    // 2: an ssh attempt, refused
    tcp4(send, false, "10.0.0.1", 40001, "10.0.0.3", 22, SYN, 0, MAC_A, MAC_C);
    tcp4(send, true, "10.0.0.1", 40001, "10.0.0.3", 22, RST | ACK, 0, MAC_A, MAC_C);
    // 3: many small segments: most packets, fewer bytes than 1
    for (int i = 0; i < 8; i++) {
      tcp4(send, i % 2 == 1, "10.0.0.4", 5555, "10.0.0.2", 443, ACK, 10, MAC_D, MAC_B);
    }
    // 4: IPv6
    send.accept(
        ethernet(
            MAC_B,
            MAC_A,
            0x86DD,
            ipv6("2001:db8::1", "2001:db8::2", 6, tcp(40002, 8080, SYN, 500, 0))));
    for (int i = 0; i < 4; i++) {
      send.accept(
          ethernet(MAC_B, MAC_A, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 17, udp(5000, 53, 30))));
    }
    send.accept(ethernet(MAC_B, MAC_D, 0x0800, ipv4("10.0.0.4", "10.0.0.2", 1, icmp(8, 0, 56))));
    send.accept(ethernet(BROADCAST, MAC_C, 0x0806, arp(1, MAC_C, ip("10.0.0.3"), ip("10.0.0.1"))));
    return w.writeTo(file);
  }

  /** A TCP segment of the connection client → server, sent by the server when {@code back}. */
  private static void tcp4(
      Consumer<byte[]> send,
      boolean back,
      String client,
      int clientPort,
      String server,
      int serverPort,
      int flags,
      int payload,
      byte[] clientMac,
      byte[] serverMac) {
    send.accept(
        ethernet(
            back ? clientMac : serverMac,
            back ? serverMac : clientMac,
            0x0800,
            ipv4(
                back ? server : client,
                back ? client : server,
                6,
                tcp(
                    back ? serverPort : clientPort,
                    back ? clientPort : serverPort,
                    flags,
                    500,
                    payload))));
  }

  /** {@code top ARGS...} against the served agent, from the test class path. */
  List<String> top(String... args) {
    List<String> a = new ArrayList<>(List.of("top", "-p", Integer.toString(port)));
    a.addAll(List.of(args));
    return Tools.agentCommand(a.toArray(String[]::new));
  }

  @Override
  public void close() {
    agent.close();
  }
}
