package org.iptraf.agent.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.iptraf.agent.testutil.Require;
import org.iptraf.agent.testutil.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server (its own config, storage and port) scraping the agent every second; its
 * query API must return the capture's per-interface packet totals and TCP connection count, as
 * counted while the capture was built.
 */
class PrometheusServerTest {
  private static final long DEADLINE_SECONDS = 90;

  @TempDir Path dir;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void prometheusStoresTheInterfaceTotalsAndTheTcpConnectionCount() throws Exception {
    String prometheus = Require.tool("prometheus");
    TwoInterfaceCapture capture = TwoInterfaceCapture.build();
    Map<String, Double> expected = new TreeMap<>();
    for (String iface : TwoInterfaceCapture.INTERFACES) {
      expected.put(iface + " in", (double) capture.frames(iface, false));
      expected.put(iface + " out", (double) capture.frames(iface, true));
    }
    expected.put("tcpConnections", (double) capture.tcpConnections());

    try (ServedMetrics agent =
        ServedMetrics.start(dir, capture.writeTo(dir.resolve("two.pcapng")))) {
      int web = Tools.freeTcpPort();
      Process server = startServer(prometheus, agent.port, web);
      try {
        assertThat(awaitQueries(server, web, expected)).isEqualTo(expected);
      } finally {
        Tools.stop(server);
      }
    }
  }

  private Process startServer(String prometheus, int agentPort, int web) throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("prometheus.yml"),
            String.join(
                "\n",
                "global:",
                "  scrape_interval: 1s",
                "  scrape_timeout: 1s",
                "scrape_configs:",
                "  - job_name: iptraf-agent",
                "    static_configs:",
                "      - targets: ['127.0.0.1:" + agentPort + "']",
                ""));
    return new ProcessBuilder(
            prometheus,
            "--config.file=" + config,
            "--storage.tsdb.path=" + Files.createDirectory(dir.resolve("tsdb")),
            "--web.listen-address=127.0.0.1:" + web)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("prometheus.log").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
  }

  /**
   * Asks the query API until it returns {@code expected}, or the deadline passes (then returns what
   * it last saw, for the failure message); fails at once if the server exits.
   */
  private Map<String, Double> awaitQueries(Process server, int web, Map<String, Double> expected)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
    Map<String, Double> seen = Map.of();
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new AssertionError("prometheus exited " + server.exitValue() + ": " + log());
      }
      try {
        seen = query(web);
        if (seen.equals(expected)) {
          return seen;
        }
      } catch (java.io.IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    System.err.println("prometheus log:\n" + log());
    return seen;
  }

  private Map<String, Double> query(int web) throws Exception {
    Map<String, Double> seen = new TreeMap<>();
    for (JsonNode r : query(web, "iptraf_interface_packets_total{class=\"total\"}")) {
      JsonNode m = r.get("metric");
      seen.put(
          m.get("interface").asText() + " " + m.get("direction").asText(),
          r.get("value").get(1).asDouble());
    }
    for (JsonNode r : query(web, "iptraf_table_entries{table=\"tcpConnections\"}")) {
      seen.put("tcpConnections", r.get("value").get(1).asDouble());
    }
    return seen;
  }

  /** The result vector of an instant query. */
  private List<JsonNode> query(int web, String promql) throws Exception {
    URI uri =
        URI.create(
            "http://127.0.0.1:"
                + web
                + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      return List.of(); // still starting (503)
    }
    JsonNode result = new ObjectMapper().readTree(r.body()).path("data").path("result");
    List<JsonNode> rows = new java.util.ArrayList<>();
    result.forEach(rows::add);
    return rows;
  }

  private String log() throws java.io.IOException {
    Path log = dir.resolve("prometheus.log");
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
  }
}
