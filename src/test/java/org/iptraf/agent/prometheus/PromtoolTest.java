package org.iptraf.agent.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.iptraf.agent.testutil.Require;
import org.iptraf.agent.testutil.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus's own linter over what we serve and ship: {@code promtool check metrics} on a scraped
 * page with every family present (top flows, an alarm), and {@code check config} / {@code check
 * rules} on {@code etc/prometheus}.
 */
class PromtoolTest {

  private static final Path ETC = Path.of(System.getProperty("basedir", "."), "etc", "prometheus");

  @TempDir Path dir;

  @Test
  void theScrapedPageHasNoLintProblems() throws Exception {
    String promtool = Require.tool("promtool");
    Path capture = TwoInterfaceCapture.build().writeTo(dir.resolve("two.pcapng"));
    String page;
    try (ServedMetrics agent =
        ServedMetrics.start(
            dir,
            capture,
            "prometheus.topFlows = 5",
            "alarm.busy.metric = frames",
            "alarm.busy.warning = 10")) {
      page = agent.scrape(ServedMetrics.TEXT).body();
    }
    assertThat(page)
        .contains("iptraf_top_tcp_connection_bytes_total")
        .contains("iptraf_alarm_active")
        .contains("iptraf_interface_frame_size_bytes_bucket");
    Path file = Files.writeString(dir.resolve("metrics.txt"), page);

    // promtool reads the page on standard input; problems go to stderr with exit 3
    Process p =
        new ProcessBuilder(promtool, "check", "metrics")
            .redirectInput(file.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("promtool.out").toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String said = Files.readString(dir.resolve("promtool.out"), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(said).isZero();
    assertThat(said).isEmpty();
  }

  @Test
  void theShippedScrapeConfigAndItsRulesAreValid() throws Exception {
    Tools.Result r =
        Tools.run(List.of("promtool", "check", "config", ETC.resolve("prometheus.yml").toString()));

    assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
    assertThat(r.stdout()).contains("SUCCESS: 1 rule files found");
  }

  @Test
  void theShippedAlertingRulesAreValid() throws Exception {
    Tools.Result r =
        Tools.run(
            List.of(
                "promtool", "check", "rules", ETC.resolve("iptraf-agent.rules.yml").toString()));

    assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
    assertThat(r.stdout() + r.stderr()).doesNotContainIgnoringCase("warn");
  }
}
