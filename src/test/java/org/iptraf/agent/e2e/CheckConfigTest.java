package org.iptraf.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --check-config} and {@code replay --check-config}: a good file prints {@code config
 * OK: FILE} and exits 0; a bad one exits 2 with one line naming the file, the line, the key and
 * what is allowed, for checks made by the parser and for those made after it (addresses, trap
 * targets, alarms, files).
 */
class CheckConfigTest {
  @TempDir Path dir;

  private Path conf(String... lines) throws IOException {
    return Files.write(dir.resolve("agent.conf"), java.util.List.of(lines));
  }

  /** Exit 2, nothing on stdout, one line starting with the file, line and key. */
  private static void assertRejected(Path file, int line, String key, String allowed) {
    for (String command : new String[] {"run", "replay"}) {
      Cli.Result r = Cli.run(command, "--check-config", "-c", file.toString()).assertNoStackTrace();
      assertThat(r.exit()).as(command + ": " + r.err()).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.errLines())
          .singleElement()
          .asString()
          .startsWith("iptraf-agent: " + file + ":" + line + ": " + key + ": ")
          .contains(allowed);
    }
  }

  @Test
  void aGoodFileIsOkAndNothingRuns() throws IOException {
    Path file =
        conf(
            "tcp.maxConnections = 1000",
            "snmp.allowedSources = 10.0.0.0/8, ::1",
            "snmp.trapTargets = 127.0.0.1:162",
            "alarm.drops.metric = kernelDropRate",
            "alarm.drops.critical = 0",
            "log.file = " + dir.resolve("logs/summary.jsonl"));
    for (String command : new String[] {"run", "replay"}) {
      Cli.Result r = Cli.run(command, "--check-config", "-c", file.toString());
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out()).isEqualTo("config OK: " + file + System.lineSeparator());
      assertThat(r.err()).isEmpty();
    }
    assertThat(dir.resolve("logs")).doesNotExist();
  }

  @Test
  void withoutAFileTheDefaultsAreOk() {
    Cli.Result r = Cli.run("run", "--check-config");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("config OK: (defaults)");
  }

  @Test
  void theShippedFileIsOk() {
    Cli.Result r = Cli.run("run", "--check-config", "-c", "etc/iptraf-agent.conf");
    assertThat(r.exit()).as(r.err()).isZero();
  }

  @Test
  void parserErrorsNameFileLineKeyAndWhatIsAllowed() throws IOException {
    assertRejected(
        conf("", "tcp.maxConection = 5"),
        2,
        "tcp.maxConection",
        "did you mean tcp.maxConnections?");
    assertRejected(conf("log.interval = 0"), 1, "log.interval", "allowed 1..86400");
    assertRejected(conf("log.keep = lots"), 1, "log.keep", "allowed 0..100");
    assertRejected(conf("log.maxBytes = 10"), 1, "log.maxBytes", "allowed 4096..1073741824");
    assertRejected(conf("names.reverseDns = maybe"), 1, "names.reverseDns", "true or false");
    assertRejected(conf("names.dnsTimeoutMs = 0"), 1, "names.dnsTimeoutMs", "allowed 10..60000");
    assertRejected(conf("names.dnsCacheSize = 1"), 1, "names.dnsCacheSize", "allowed 16..1048576");
    assertRejected(conf("prometheus.port = 99999"), 1, "prometheus.port", "allowed 0..65535");
    assertRejected(conf("prometheus.topFlows = -1"), 1, "prometheus.topFlows", "allowed 0..1000");
  }

  @Test
  void checksAfterTheParserNameFileLineKeyAndWhatIsAllowed() throws IOException {
    assertRejected(
        conf("#", "snmp.address = localhost"), 2, "snmp.address", "numeric IPv4 or IPv6 address");
    assertRejected(
        conf("prometheus.address = prometheus.example"),
        1,
        "prometheus.address",
        "numeric IPv4 or IPv6 address");
    assertRejected(
        conf("snmp.allowedSources = 10.0.0.0/8, intranet"), 1, "snmp.allowedSources", "'intranet'");
    assertRejected(conf("snmp.trapTargets = nms.example"), 1, "snmp.trapTargets", "host:port");
    assertRejected(
        conf("capture.interfaces = eth0, a/b"), 1, "capture.interfaces", "1 to 15 characters");
    assertRejected(
        conf("jmx.port = 9010", "jmx.passwordFile = " + dir.resolve("none")),
        2,
        "jmx.passwordFile",
        "does not exist");
    assertRejected(conf("log.file = " + dir), 1, "log.file", "is a directory");
    assertRejected(
        conf("alarm.x.metric = noSuchMetric", "alarm.x.critical = 1"),
        1,
        "alarm.x.metric",
        "unknown metric");
    assertRejected(
        conf("alarm.x.metric = kernelDropRate", "alarm.x.warning = 5:1"),
        2,
        "alarm.x.warning",
        "range '5:1': start 5 is above end 1");
  }

  @Test
  void anUnreadableFileIsOneLineAndExit2() throws IOException {
    Path missing = dir.resolve("missing.conf");
    Path binary = Files.write(dir.resolve("binary.conf"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});
    for (Object[] c :
        new Object[][] {
          {missing, "cannot read: no such file"},
          {dir, "is a directory, not a configuration file"},
          {binary, "cannot read: not UTF-8 text"}
        }) {
      Cli.Result r = Cli.run("run", "--check-config", "-c", c[0].toString()).assertNoStackTrace();
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.errLines())
          .singleElement()
          .asString()
          .isEqualTo("iptraf-agent: " + c[0] + ": " + c[1]);
    }
  }

  @Test
  void replayStillNeedsAFileWithoutCheckConfig() {
    Cli.Result r = Cli.run("replay");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Missing required parameter: 'FILE'");
  }
}
