package org.iptraf.agent.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iptraf.agent.testutil.Frames.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.capture.LinkType;
import org.iptraf.agent.config.ConfigParser;
import org.iptraf.agent.stats.InterfaceSnapshot;
import org.iptraf.agent.stats.Tables;
import org.iptraf.agent.stats.TablesSnapshot;
import org.iptraf.agent.testutil.Require;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryLogTest {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final List<String> warnings = new ArrayList<>();

  private static List<String> lines(Path p) throws Exception {
    return Files.exists(p) ? Files.readAllLines(p, StandardCharsets.UTF_8) : List.of();
  }

  @Test
  void rotatesBySizeAndKeepsTheNewestFiles() throws Exception {
    Path log = dir.resolve("s.jsonl");
    RotatingFile f = new RotatingFile(log, 4096, 2, warnings::add);
    String line = "x".repeat(99); // 100 bytes with its newline: 40 lines per file
    for (int i = 0; i < 130; i++) {
      assertThat(f.append(String.format("%03d", i) + line.substring(3))).isTrue();
    }
    f.close();

    assertThat(Files.size(log)).isLessThanOrEqualTo(4096);
    assertThat(Files.size(dir.resolve("s.jsonl.1"))).isEqualTo(4000);
    assertThat(Files.size(dir.resolve("s.jsonl.2"))).isEqualTo(4000);
    assertThat(dir.resolve("s.jsonl.3")).doesNotExist();
    assertThat(f.rotations()).isEqualTo(3);
    // newest in the file, then .1, .2; the oldest 10 lines rotated out
    assertThat(lines(log)).hasSize(10).first().asString().startsWith("120");
    assertThat(lines(dir.resolve("s.jsonl.1"))).first().asString().startsWith("080");
    assertThat(lines(dir.resolve("s.jsonl.2"))).first().asString().startsWith("040");
    assertThat(warnings).isEmpty();
  }

  @Test
  void keepZeroStartsTheFileAfresh() throws Exception {
    Path log = dir.resolve("s.jsonl");
    RotatingFile f = new RotatingFile(log, 4096, 0, warnings::add);
    for (int i = 0; i < 50; i++) {
      f.append("y".repeat(99));
    }
    f.close();
    assertThat(lines(log)).hasSize(10);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(log);
    }
  }

  @Test
  void anExistingFileFullEnoughIsRotatedBeforeTheFirstLine() throws Exception {
    Path log = Files.writeString(dir.resolve("s.jsonl"), "z".repeat(4094) + "\n");
    RotatingFile f = new RotatingFile(log, 4096, 1, warnings::add);
    f.append("new");
    f.close();
    assertThat(lines(log)).containsExactly("new");
    assertThat(Files.size(dir.resolve("s.jsonl.1"))).isEqualTo(4095);
  }

  @Test
  void createsAMissingDirectory() throws Exception {
    Path log = dir.resolve("a/b/c/s.jsonl");
    RotatingFile f = new RotatingFile(log, 4096, 1, warnings::add);
    assertThat(f.append("{}")).isTrue();
    f.close();
    assertThat(lines(log)).containsExactly("{}");
  }

  @Test
  void aDirectoryThatCannotBeMadeIsReportedOnceAndCostsOnlyLines() throws Exception {
    Path blocker = Files.writeString(dir.resolve("blocker"), "a file where a directory should be");
    Path log = blocker.resolve("logs/s.jsonl"); // even root cannot make a directory under a file
    RotatingFile f = new RotatingFile(log, 4096, 1, warnings::add);
    for (int i = 0; i < 5; i++) {
      assertThat(f.append("{}")).isFalse();
    }
    assertThat(f.droppedLines()).isEqualTo(5);
    assertThat(warnings)
        .singleElement()
        .asString()
        .startsWith("cannot write summary log " + log)
        .contains("dropping lines");

    Files.delete(blocker); // the operator fixes it: the next line goes through, said once
    assertThat(f.append("{\"n\":6}")).isTrue();
    f.close();
    assertThat(lines(log)).containsExactly("{\"n\":6}");
    assertThat(warnings).hasSize(2);
    assertThat(warnings.get(1)).contains("writable again; 5 lines dropped");
  }

  @Test
  void aFullDiskDropsLinesAndCountsThem() {
    Path full = Path.of("/dev/full"); // every write fails with ENOSPC
    Require.that(Files.isWritable(full), "no writable /dev/full (Linux has one)");
    RotatingFile f = new RotatingFile(full, 4096, 1, warnings::add);
    for (int i = 0; i < 3; i++) {
      assertThat(f.append("{}")).isFalse();
    }
    f.close();
    assertThat(f.droppedLines()).isEqualTo(3);
    assertThat(f.writtenLines()).isZero();
    assertThat(warnings).singleElement().asString().contains("No space left on device");
  }

  @Test
  void linesAreJsonWhoseCountsAreTheSnapshots() throws Exception {
    Tables tables = new Tables(ConfigParser.defaultConfig().tables(), List.of(), System::nanoTime);
    tables.interfaceAdded(0, new InterfaceInfo("eth0", LinkType.ETHERNET, false, 0));
    for (int i = 0; i < 30; i++) {
      byte[] f =
          ethernet(
              MAC_B,
              MAC_A,
              0x0800,
              ipv4("10.0.0.1", "10.0.0." + (2 + i % 3), 6, tcp(40000 + i % 3, 80, ACK, 500, i)));
      tables.frame(
          ByteBuffer.wrap(f),
          0,
          f.length,
          f.length,
          T0 + i * 100_000_000L,
          0,
          FrameSink.DIRECTION_OUT,
          FrameSink.NO_VLAN);
    }
    byte[] udp =
        ethernet(MAC_A, MAC_B, 0x0800, ipv4("10.0.0.9", "10.0.0.1", 17, udp(53, 5353, 20)));
    tables.frame(
        ByteBuffer.wrap(udp),
        0,
        udp.length,
        udp.length,
        T0 + 3_100_000_000L,
        0,
        FrameSink.DIRECTION_IN,
        FrameSink.NO_VLAN);
    tables.finish();
    TablesSnapshot s = tables.snapshot();
    Path log = dir.resolve("logs/s.jsonl");
    Clock clock = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);
    SummaryLog summary = new SummaryLog(tables, log, 1 << 20, 2, 2, clock, warnings::add);

    assertThat(summary.write(false)).isTrue();
    summary.close(); // writes the final line

    List<String> lines = lines(log);
    assertThat(lines).hasSize(2);
    JsonNode first = JSON.readTree(lines.get(0));
    assertThat(first.path("time").asText()).isEqualTo("2024-05-01T12:00:00Z");
    assertThat(first.path("droppedLines").asLong()).isZero();
    assertThat(first.has("final")).isFalse();
    assertThat(JSON.readTree(lines.get(1)).path("final").asBoolean()).isTrue();
    assertThat(first.path("capture").path("frames").asLong())
        .isEqualTo(s.capture().frames())
        .isEqualTo(31);
    assertThat(first.path("capture").path("bytes").asLong()).isEqualTo(s.capture().bytes());
    InterfaceSnapshot eth0 = s.interfaces().get(0);
    JsonNode i = first.path("interfaces").get(0);
    assertThat(i.path("name").asText()).isEqualTo("eth0");
    assertThat(i.path("total").path("packets").asLong()).isEqualTo(eth0.total().packets());
    assertThat(i.path("total").path("bytes").asLong()).isEqualTo(eth0.total().bytes());
    assertThat(i.path("tcp").path("outPackets").asLong()).isEqualTo(30);
    assertThat(i.path("udp").path("inPackets").asLong()).isEqualTo(1);
    assertThat(first.path("tables").path("tcpConnections").path("entries").asInt())
        .isEqualTo(s.tcpConnections().size())
        .isEqualTo(3);
    assertThat(first.path("tables").path("otherFlows").path("entries").asInt())
        .isEqualTo(s.otherFlows().size());
    assertThat(first.path("tables").path("ports").path("entries").asInt())
        .isEqualTo(s.ports().size());
    assertThat(first.path("topTcpConnections")).hasSize(2); // log.top = 2
    assertThat(first.path("topPorts").get(0).path("port").asInt()).isEqualTo(80);
    long topBytes = first.path("topTcpConnections").get(0).path("bytes").asLong();
    assertThat(topBytes)
        .isEqualTo(s.tcpConnections().stream().mapToLong(c -> c.bytes()).max().orElseThrow());
    assertThat(summary.getWrittenLines()).isEqualTo(2);
    assertThat(warnings).isEmpty();
  }

  @Test
  void theNextGoodLineCarriesTheDroppedCount() throws Exception {
    Tables tables = new Tables(ConfigParser.defaultConfig().tables(), List.of(), System::nanoTime);
    tables.finish();
    Path blocker = Files.writeString(dir.resolve("blocker"), "");
    SummaryLog summary =
        new SummaryLog(
            tables, blocker.resolve("s.jsonl"), 1 << 20, 1, 10, Clock.systemUTC(), warnings::add);
    assertThat(summary.write(false)).isFalse();
    assertThat(summary.write(false)).isFalse();
    Files.delete(blocker);
    assertThat(summary.write(false)).isTrue();
    summary.close();
    JsonNode line = JSON.readTree(lines(blocker.resolve("s.jsonl")).get(0));
    assertThat(line.path("droppedLines").asLong()).isEqualTo(2);
    assertThat(summary.getDroppedLines()).isEqualTo(2);
  }
}
