package org.iptraf.agent.prometheus;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.iptraf.agent.testutil.AgentProcess;
import org.iptraf.agent.testutil.Tools;

/**
 * The agent replaying a capture with {@code --serve}, SNMP off and Prometheus on a free port of
 * 127.0.0.1; started once its report is out (the tables are final) and it answers HTTP.
 */
final class ServedMetrics implements AutoCloseable {
  /** What Prometheus 2.x sends: OpenMetrics preferred, the text format as a fallback. */
  static final String OPENMETRICS =
      "application/openmetrics-text;version=1.0.0," + "text/plain;version=0.0.4;q=0.5";

  static final String TEXT = "text/plain;version=0.0.4";

  /** A response: its content type and body. */
  record Page(String contentType, String body) {}

  final int port;
  final AgentProcess agent;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ServedMetrics(int port, AgentProcess agent) {
    this.port = port;
    this.agent = agent;
  }

  /** The config file: SNMP off, Prometheus on {@code port}, then {@code extra} lines. */
  static Path config(Path dir, int port, String... extra) throws IOException {
    List<String> lines =
        new ArrayList<>(List.of("snmp.enabled = false", "prometheus.port = " + port));
    lines.addAll(List.of(extra));
    return Files.write(dir.resolve("agent-" + port + ".conf"), lines);
  }

  static ServedMetrics start(Path dir, Path capture, String... extraConfig) throws Exception {
    int port = Tools.freeTcpPort();
    AgentProcess agent = AgentProcess.launch(dir, capture, config(dir, port, extraConfig));
    ServedMetrics served = new ServedMetrics(port, agent);
    try {
      agent.awaitReport(60);
      served.awaitHttp(30);
    } catch (Exception | AssertionError e) {
      served.close();
      throw e;
    }
    return served;
  }

  private void awaitHttp(long seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      try {
        scrape(TEXT);
        return;
      } catch (IOException e) {
        if (!agent.process().isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError(
              "no answer on port " + port + ": " + e + "; agent: " + agent.stderr(), e);
        }
        Thread.sleep(50);
      }
    }
  }

  String url() {
    return "http://127.0.0.1:" + port + "/metrics";
  }

  /** GET /metrics with this Accept header; fails the test on another status than 200. */
  Page scrape(String accept) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url()))
                .header("Accept", accept)
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + url() + ": " + r.statusCode() + " " + r.body());
    }
    return new Page(r.headers().firstValue("Content-Type").orElse(""), r.body());
  }

  /** The text-format page, parsed. */
  Exposition samples() throws IOException, InterruptedException {
    return new Exposition(scrape(TEXT).body());
  }

  @Override
  public void close() {
    agent.close();
  }
}
