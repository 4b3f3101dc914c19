package org.iptraf.agent.ipfix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iptraf.agent.testutil.AgentProcess;
import org.iptraf.agent.testutil.Require;
import org.iptraf.agent.testutil.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collector that is down, then comes up: the agent counts every frame all the same, says what it
 * dropped (Prometheus, and a last log line), and sends what it has once the collector is there —
 * over UDP to the real nfcapd, over TCP to a collector of the test's (nfcapd speaks UDP only).
 */
class IpfixCollectorDownTest {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;

  @Test
  void udpCollectorDownThenUpLosesNoFrameAndCountsWhatItCouldNotSend() throws Exception {
    Traffic traffic = Traffic.conversations();
    Path pcap = traffic.writeTo(dir.resolve("conversations.pcap"));
    int collectorPort = Tools.freeUdpPort(); // nothing listens there yet
    int prometheusPort = Tools.freeTcpPort();
    Path conf =
        config(
            prometheusPort,
            "export.ipfix.collector = 127.0.0.1:" + collectorPort,
            "export.ipfix.templateRefresh = 1",
            "export.ipfix.activeTimeout = 86400",
            "tcp.closedRetention = 60");
    JsonNode report;
    List<Map<String, String>> rows;
    String stderr;
    String nfcapdLog;
    AgentProcess agent = AgentProcess.launch(dir, pcap, conf);
    try {
      agent.awaitReport(60);
      report = agent.reportJson();
      assertThat(report.get("capture").get("frames").asLong())
          .as("frames counted")
          .isEqualTo(traffic.frames.size());
      // a connected UDP socket learns of the closed port from ICMP: the templates sent every
      // second fail in turn
      String page = awaitSample(prometheusPort, "iptraf_ipfix_send_errors_total", 1);
      promtoolAccepts(page);
      try (Nfcapd nfcapd = Nfcapd.startOn(dir, collectorPort)) {
        agent.close(); // SIGTERM: the last round exports every row still in the tables
        stderr = agent.stderr();
        rows = nfcapd.stopAndRead();
        nfcapdLog = nfcapd.log();
      }
    } finally {
      agent.close();
    }
    assertThat(agent.process().exitValue()).as(stderr).isZero();
    assertThat(stderr).doesNotContain("\tat ");
    Matcher end =
        Pattern.compile(
                "IPFIX export to \\S+ ended: records=(\\d+) dropped=(\\d+) sendErrors=(\\d+)")
            .matcher(stderr);
    assertThat(end.find()).as(stderr).isTrue();
    assertThat(Long.parseLong(end.group(3))).as("send errors").isPositive();
    // the rows live at the end reached nfcapd whole (the ones that ended while it was down may not)
    int live = report.get("tcpConnections").size() + report.get("otherFlows").size();
    assertThat(rows).as("agent: %s%nnfcapd: %s", stderr, nfcapdLog).hasSize(live);
    long packets = 0;
    for (Map<String, String> r : rows) {
      packets += Long.parseLong(r.get("ipkt")) + Long.parseLong(r.get("opkt"));
    }
    long livePackets = 0;
    for (JsonNode c : report.get("tcpConnections")) {
      livePackets += c.get("aToB").get("packets").asLong() + c.get("bToA").get("packets").asLong();
    }
    for (JsonNode f : report.get("otherFlows")) {
      livePackets += f.get("packets").asLong();
    }
    assertThat(packets).as("packets of the live rows").isEqualTo(livePackets);
  }

  @Test
  void tcpCollectorRefusingThenAcceptingGetsTemplatesFirstAndTheDropsAreCounted() throws Exception {
    Traffic traffic = Traffic.conversations();
    Path pcap = traffic.writeTo(dir.resolve("conversations.pcap"));
    int collectorPort = Tools.freeTcpPort(); // refused until the collector below listens
    int prometheusPort = Tools.freeTcpPort();
    int snmpPort = Tools.freeUdpPort();
    Path conf =
        config(
            prometheusPort,
            "snmp.enabled = true",
            "snmp.port = " + snmpPort,
            "snmp.stateDir = " + Files.createDirectories(dir.resolve("snmp")),
            "export.ipfix.collector = 127.0.0.1:" + collectorPort,
            "export.ipfix.transport = tcp",
            "export.ipfix.activeTimeout = 86400",
            "tcp.closedRetention = 60");
    JsonNode report;
    List<byte[]> messages;
    String stderr;
    AgentProcess agent = AgentProcess.launch(dir, pcap, conf);
    try {
      agent.awaitReport(60);
      report = agent.reportJson();
      assertThat(report.get("capture").get("frames").asLong()).isEqualTo(traffic.frames.size());
      // the closed and the reset connection ended 60 s into the capture: their records could
      // not be sent
      String page =
          awaitSample(prometheusPort, "iptraf_ipfix_dropped_records_total{reason=\"queue\"}", 2);
      assertThat(sample(page, "iptraf_ipfix_records_total")).isZero();
      assertThat(sample(page, "iptraf_ipfix_send_errors_total")).isPositive();
      // and over SNMP: iptrafIpfixDroppedRecords.0, iptrafIpfixCollector.0
      Tools.Result snmp =
          Tools.run(
              List.of(
                  "snmpget",
                  "-v2c",
                  "-c",
                  "public",
                  "-Oqv",
                  "127.0.0.1:" + snmpPort,
                  "1.3.6.1.4.1.32473.7.1.1.1.12.6.0",
                  "1.3.6.1.4.1.32473.7.1.1.1.12.1.0"));
      assertThat(snmp.exitCode()).as(snmp.stderr()).isZero();
      assertThat(snmp.stdout().lines().toList())
          .containsExactly("2", "\"127.0.0.1:" + collectorPort + "/tcp\"");
      try (ServerSocket collector =
          new ServerSocket(collectorPort, 1, InetAddress.getLoopbackAddress())) {
        collector.setSoTimeout(60_000);
        Thread stopper = new Thread(agent::close); // SIGTERM: the last round, then the sender
        stopper.start();
        try (Socket s = collector.accept()) {
          messages = readMessages(s.getInputStream());
        }
        stopper.join();
      }
      stderr = agent.stderr();
    } finally {
      agent.close();
    }
    assertThat(agent.process().exitValue()).as(stderr).isZero();
    assertThat(messages).as("messages").isNotEmpty();
    ByteBuffer first = ByteBuffer.wrap(messages.get(0));
    assertThat(first.getShort(16))
        .as("the first set of the session: templates")
        .isEqualTo((short) 2);
    int live = report.get("tcpConnections").size() + report.get("otherFlows").size();
    int records = 0;
    for (byte[] m : messages) {
      records += Messages.dataRecordsIn(ByteBuffer.wrap(m));
    }
    assertThat(records).as("data records of the rows live at the end").isEqualTo(live);
    assertThat(stderr).contains("records=" + live + " dropped=2 ");
    // the sequence numbers continue over the dropped records (a collector sees the gap)
    assertThat(MessageBuilder.sequenceOf(messages.get(messages.size() - 1)))
        .isGreaterThanOrEqualTo(2);
    Messages.tsharkReadsEveryMessage(dir, renumbered(messages), live);
  }

  /** The messages with sequence numbers from 0, as a collector that saw all of them would. */
  private static List<byte[]> renumbered(List<byte[]> messages) {
    List<byte[]> out = new ArrayList<>();
    long sequence = 0;
    for (byte[] m : messages) {
      byte[] c = m.clone();
      ByteBuffer.wrap(c).putInt(8, (int) sequence);
      sequence += Messages.dataRecordsIn(ByteBuffer.wrap(c));
      out.add(c);
    }
    return out;
  }

  /** IPFIX messages off a stream, each by the length in its header, until the end. */
  private static List<byte[]> readMessages(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(in);
    List<byte[]> messages = new ArrayList<>();
    while (true) {
      byte[] header = new byte[4];
      try {
        d.readFully(header);
      } catch (EOFException e) {
        return messages;
      }
      ByteBuffer h = ByteBuffer.wrap(header);
      assertThat(h.getShort(0)).as("version").isEqualTo((short) 10);
      int length = h.getShort(2) & 0xFFFF;
      ByteArrayOutputStream m = new ByteArrayOutputStream();
      m.write(header);
      byte[] rest = new byte[length - 4];
      d.readFully(rest);
      m.write(rest);
      messages.add(m.toByteArray());
    }
  }

  private Path config(int prometheusPort, String... lines) throws IOException {
    List<String> all = new ArrayList<>(List.of("prometheus.port = " + prometheusPort));
    all.addAll(List.of(lines));
    if (all.stream().noneMatch(l -> l.startsWith("snmp.enabled"))) {
      all.add("snmp.enabled = false");
    }
    return Files.write(dir.resolve("agent.conf"), all);
  }

  /** Scrapes until the sample reaches {@code least}; returns that page. */
  private String awaitSample(int port, String sample, double least) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String page = "";
    while (System.nanoTime() < deadline) {
      try {
        page = scrape(port);
        if (sample(page, sample) >= least) {
          return page;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError(sample + " did not reach " + least + "; last page:\n" + page);
  }

  private String scrape(int port) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return r.body();
  }

  /** The value of the sample written exactly so ({@code name{labels}}), or -1. */
  private static double sample(String page, String sample) {
    for (String line : page.split("\n")) {
      if (line.startsWith(sample + " ")) {
        return Double.parseDouble(line.substring(sample.length() + 1).strip());
      }
    }
    return -1;
  }

  private void promtoolAccepts(String page) throws Exception {
    String promtool = Require.tool("promtool");
    Path file = Files.writeString(dir.resolve("metrics.txt"), page);
    Process p =
        new ProcessBuilder(promtool, "check", "metrics")
            .redirectInput(file.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("promtool.out").toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String said = Files.readString(dir.resolve("promtool.out"));
    assertThat(p.exitValue()).as(said).isZero();
    assertThat(said).isEmpty();
  }
}
