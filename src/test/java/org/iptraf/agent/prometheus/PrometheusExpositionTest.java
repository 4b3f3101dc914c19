package org.iptraf.agent.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.iptraf.agent.testutil.AgentProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay --serve} of a capture built here, scraped over HTTP: the served values are the
 * counts of the frames as the capture was built (not the agent's report), in the text format and in
 * OpenMetrics.
 */
class PrometheusExpositionTest {

  @TempDir static Path dir;
  private static TwoInterfaceCapture capture;
  private static ServedMetrics agent;

  @BeforeAll
  static void serve() throws Exception {
    capture = TwoInterfaceCapture.build();
    agent = ServedMetrics.start(dir, capture.writeTo(dir.resolve("two.pcapng")));
  }

  @AfterAll
  static void stop() {
    if (agent != null) {
      agent.close();
    }
  }

  @Test
  void servesEachInterfacesPacketTotalsByDirectionAndTheTcpConnectionCount() throws Exception {
    Exposition page = agent.samples();

    long all = 0;
    for (String iface : TwoInterfaceCapture.INTERFACES) {
      for (String direction : new String[] {"in", "out"}) {
        long expected = capture.frames(iface, direction.equals("out"));
        assertThat(
                page.value(
                    "iptraf_interface_packets_total",
                    "class",
                    "total",
                    "direction",
                    direction,
                    "interface",
                    iface))
            .as(iface + " " + direction)
            .isEqualTo(expected);
        all += expected;
      }
    }
    assertThat(capture.tcpConnections()).isEqualTo(4);
    assertThat(page.value("iptraf_table_entries", "table", "tcpConnections"))
        .isEqualTo(capture.tcpConnections());
    assertThat(page.value("iptraf_tcp_connections_opened_total"))
        .isEqualTo(capture.tcpConnections());
    assertThat(page.value("iptraf_capture_frames_total")).isEqualTo(all);
    assertThat(page.value("iptraf_table_entries", "table", "interfaces")).isEqualTo(2);
  }

  @Test
  void everyClassAndDirectionOfEveryInterfaceHasASeries() throws Exception {
    Exposition page = agent.samples();

    // 2 interfaces x 12 classes x 2 directions, as the report's interface objects
    assertThat(page.named("iptraf_interface_packets_total")).hasSize(48);
    assertThat(page.named("iptraf_interface_bytes_total")).hasSize(48);
    assertThat(page.named("iptraf_build_info"))
        .singleElement()
        .satisfies(s -> assertThat(s.labels()).containsKeys("version", "java_version"));
    assertThat(page.value("iptraf_interface_frame_size_bytes_count", "interface", "eth0"))
        .isEqualTo(capture.frames("eth0", false) + capture.frames("eth0", true));
  }

  @Test
  void withoutTopFlowsNoSeriesNamesAFlowOrPort() throws Exception {
    Exposition page = agent.samples();

    assertThat(page.samples()).noneSatisfy(s -> assertThat(s.name()).startsWith("iptraf_top_"));
    assertThat(page.named("iptraf_table_entries"))
        .noneSatisfy(s -> assertThat(s.labels()).containsEntry("table", "ports"));
  }

  @Test
  void answersOpenMetricsWhenTheScraperAsksForIt() throws Exception {
    ServedMetrics.Page om = agent.scrape(ServedMetrics.OPENMETRICS);
    ServedMetrics.Page text = agent.scrape(ServedMetrics.TEXT);

    assertThat(om.contentType()).startsWith("application/openmetrics-text");
    assertThat(om.body())
        .endsWith("# EOF\n")
        .contains("# TYPE iptraf_interface_packets counter")
        .contains("# UNIT iptraf_interface_bytes bytes")
        .contains("# TYPE iptraf_build info");
    assertThat(text.contentType()).startsWith("text/plain");
    assertThat(text.body())
        .contains("# TYPE iptraf_interface_packets_total counter")
        .doesNotContain("# EOF");
    assertThat(
            new Exposition(om.body())
                .value(
                    "iptraf_interface_packets_total",
                    "class",
                    "total",
                    "direction",
                    "in",
                    "interface",
                    "eth1"))
        .isEqualTo(capture.frames("eth1", false));
  }

  @Test
  void topFlowsServesTheBusiestConnectionsBytesByDirection(@TempDir Path own) throws Exception {
    try (ServedMetrics top =
        ServedMetrics.start(
            own, capture.writeTo(own.resolve("two.pcapng")), "prometheus.topFlows = 1")) {
      Exposition page = top.samples();

      long[] web = capture.tcpBytes.get("10.0.0.1:40000 10.0.0.2:80");
      String[] labels = {
        "a", "10.0.0.1:40000", "b", "10.0.0.2:80", "direction", "aToB", "interface", "eth0"
      };
      assertThat(page.named("iptraf_top_tcp_connection_bytes_total")).hasSize(2);
      assertThat(page.value("iptraf_top_tcp_connection_bytes_total", labels)).isEqualTo(web[0]);
      labels[5] = "bToA";
      assertThat(page.value("iptraf_top_tcp_connection_bytes_total", labels)).isEqualTo(web[1]);
      // ports 80 and 40000 carry the same bytes (the web connection's): the lower one wins
      assertThat(page.named("iptraf_top_port_bytes_total"))
          .hasSize(2)
          .allSatisfy(s -> assertThat(s.labels()).containsEntry("port", "80"));
      assertThat(
              page.value(
                  "iptraf_top_port_bytes_total",
                  "direction",
                  "in",
                  "port",
                  "80",
                  "protocol",
                  "tcp"))
          .isEqualTo(web[0]);
      assertThat(page.value("iptraf_table_entries", "table", "ports")).isPositive();
    }
  }

  @Test
  void aPortInUseExitsOneWithOneLineNamingTheSetting(@TempDir Path own) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      Path conf = ServedMetrics.config(own, port);
      try (AgentProcess a =
          AgentProcess.launch(own, capture.writeTo(own.resolve("two.pcapng")), conf)) {
        assertThat(a.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(a.process().exitValue()).isEqualTo(1);
        assertThat(a.stderr().strip().lines())
            .singleElement()
            .asString()
            .contains("Prometheus")
            .contains("127.0.0.1:" + port)
            .contains("port in use (prometheus.port)");
      }
    }
  }
}
