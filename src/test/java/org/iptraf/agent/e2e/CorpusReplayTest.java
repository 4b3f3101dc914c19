package org.iptraf.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.iptraf.agent.testutil.Require;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every capture of the shared tcpdump test corpus through the real {@code replay} command: real
 * files from many writers and link types, some damaged on purpose. Each one finishes, exits 0 (or 2
 * in one line when it is no capture file at all), never shows a stack trace, and gives a report
 * whose counters agree with each other.
 */
class CorpusReplayTest {

  static Path corpus() {
    return Require.shared("corpus", "tcpdump-tests");
  }

  static List<Path> corpusFiles() throws IOException {
    Path corpus = corpus();
    try (Stream<Path> list = Files.list(corpus)) {
      return list.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  @Timeout(value = 600, unit = TimeUnit.SECONDS)
  void replaysEveryCorpusFileWithConsistentCounters() throws IOException {
    List<Path> files = corpusFiles();
    SoftAssertions soft = new SoftAssertions();
    Map<String, Integer> byLinkType = new TreeMap<>();
    List<String> rejected = new ArrayList<>();
    List<String> unknownLink = new ArrayList<>();
    List<String> cut = new ArrayList<>();
    int withMalformed = 0;
    long frames = 0;
    String slowest = "";
    long slowestNanos = 0;
    for (Path file : files) {
      long start = System.nanoTime();
      Cli.Result r = Cli.run("replay", file.toString());
      long took = System.nanoTime() - start;
      if (took > slowestNanos) {
        slowestNanos = took;
        slowest = file.getFileName().toString();
      }
      String name = file.getFileName().toString();
      soft.assertThat(r.err())
          .as(name)
          .doesNotContain("\tat ")
          .doesNotContain("Exception")
          .doesNotContain("internal error");
      soft.assertThat(r.errLines())
          .as(name + " stderr")
          .hasSizeLessThanOrEqualTo(1)
          .allSatisfy(l -> assertThat(l).startsWith("iptraf-agent: " + file + ": "));
      if (r.exit() == 2) {
        // not a capture file (or one whose header is unreadable): one line, no report
        soft.assertThat(r.out()).as(name).isEmpty();
        soft.assertThat(r.errLines()).as(name).hasSize(1);
        rejected.add(name + ": " + r.err().strip());
        continue;
      }
      soft.assertThat(r.exit()).as(name + " " + r.err()).isZero();
      if (r.exit() != 0) {
        continue;
      }
      if (!r.err().isEmpty()) {
        cut.add(name);
      }
      JsonNode report = r.json();
      JsonNode capture = report.get("capture");
      frames += capture.get("frames").asLong();
      if (capture.get("malformed").asLong() > 0) {
        withMalformed++;
      }
      if (capture.get("unknownLinkType").asLong() > 0) {
        unknownLink.add(name);
      }
      checkConsistent(soft, name, report);
      StringBuilder linkTypes = new StringBuilder();
      for (JsonNode i : report.get("interfaces")) {
        String lt = i.get("linkType").asText();
        if (linkTypes.indexOf(lt) < 0) {
          linkTypes.append(linkTypes.length() == 0 ? "" : "+").append(lt);
        }
      }
      byLinkType.merge(linkTypes.length() == 0 ? "none" : linkTypes.toString(), 1, Integer::sum);
    }
    System.out.printf(
        "corpus replay: %d files, %d frames; rejected %d %s; cut short %d %s;"
            + " with malformed frames %d; unknown link type in %d (e.g. %s); files by link type %s;"
            + " slowest %s %.0f ms%n",
        files.size(),
        frames,
        rejected.size(),
        rejected,
        cut.size(),
        cut,
        withMalformed,
        unknownLink.size(),
        unknownLink.subList(0, Math.min(5, unknownLink.size())),
        byLinkType,
        slowest,
        slowestNanos / 1e6);
    soft.assertThat(unknownLink)
        .as("a corpus file of a link type the decoder does not know")
        .isNotEmpty();
    soft.assertAll();
  }

  @Test
  void aFileOfAnUnsupportedLinkTypeCountsEveryFrameAsUnknown() {
    Path file = Require.shared("corpus", "tcpdump-tests", "unsupported-link-type-dbus.pcap");

    Cli.Result r = Cli.run("replay", file.toString()).assertNoStackTrace();

    assertThat(r.exit()).isZero();
    JsonNode capture = r.json().get("capture");
    assertThat(capture.get("frames").asLong()).isPositive();
    assertThat(capture.get("unknownLinkType").asLong()).isEqualTo(capture.get("frames").asLong());
    JsonNode iface = r.json().get("interfaces").get(0);
    assertThat(iface.get("linkType").asText()).isEqualTo("linktype-231"); // LINKTYPE_DBUS
    assertThat(iface.get("total").get("packets").asLong())
        .isEqualTo(capture.get("frames").asLong());
    assertThat(iface.get("nonIp").get("packets").asLong()).isZero();
  }

  /** The report's counters against each other, for any capture. */
  static void checkConsistent(SoftAssertions soft, String name, JsonNode report) {
    JsonNode capture = report.get("capture");
    for (Map.Entry<String, JsonNode> f : capture.properties()) {
      soft.assertThat(f.getValue().asLong())
          .as(name + " capture." + f.getKey())
          .isGreaterThanOrEqualTo(0);
    }
    long totals = 0;
    long unknown = 0;
    for (JsonNode i : report.get("interfaces")) {
      String where = name + " " + i.get("name").asText() + ".";
      for (String cls : ExpectedReport.CLASSES) {
        JsonNode c = i.get(cls);
        for (Map.Entry<String, JsonNode> f : c.properties()) {
          soft.assertThat(f.getValue().asLong())
              .as(where + cls + "." + f.getKey())
              .isGreaterThanOrEqualTo(0);
        }
        soft.assertThat(c.get("inPackets").asLong() + c.get("outPackets").asLong())
            .as(where + cls + " in+out packets")
            .isEqualTo(c.get("packets").asLong());
        soft.assertThat(c.get("inBytes").asLong() + c.get("outBytes").asLong())
            .as(where + cls + " in+out bytes")
            .isEqualTo(c.get("bytes").asLong());
        soft.assertThat(c.get("packets").asLong())
            .as(where + cls + " <= total")
            .isLessThanOrEqualTo(packets(i, "total"));
      }
      long total = packets(i, "total");
      totals += total;
      boolean undecodable = i.get("linkType").asText().startsWith("linktype-");
      if (undecodable) {
        unknown += total;
      }
      soft.assertThat(packets(i, "ipv4") + packets(i, "ipv6") + packets(i, "nonIp"))
          .as(where + "ipv4+ipv6+nonIp")
          .isEqualTo(undecodable ? 0 : total);
      soft.assertThat(
              packets(i, "tcp")
                  + packets(i, "udp")
                  + packets(i, "icmp")
                  + packets(i, "icmpv6")
                  + packets(i, "otherIp"))
          .as(where + "tcp+udp+icmp+icmpv6+otherIp")
          .isEqualTo(packets(i, "ipv4") + packets(i, "ipv6"));
      soft.assertThat(
              bytes(i, "tcp")
                  + bytes(i, "udp")
                  + bytes(i, "icmp")
                  + bytes(i, "icmpv6")
                  + bytes(i, "otherIp"))
          .as(where + "IP class bytes")
          .isEqualTo(bytes(i, "ipv4") + bytes(i, "ipv6"));
      soft.assertThat(packets(i, "arp"))
          .as(where + "arp <= nonIp")
          .isLessThanOrEqualTo(packets(i, "nonIp"));
      soft.assertThat(i.get("badIpChecksum").asLong())
          .as(where + "badIpChecksum")
          .isBetween(0L, packets(i, "ipv4"));
      soft.assertThat(i.get("ipFragments").asLong())
          .as(where + "ipFragments")
          .isBetween(0L, packets(i, "ipv4") + packets(i, "ipv6"));
    }
    soft.assertThat(capture.get("frames").asLong())
        .as(name + " capture.frames")
        .isEqualTo(
            totals + capture.get("loopbackDuplicates").asLong() + capture.get("filtered").asLong());
    soft.assertThat(capture.get("unknownLinkType").asLong())
        .as(name + " unknownLinkType")
        .isEqualTo(unknown);
    long rmon = 0;
    for (JsonNode v : report.get("packetSizes").get("rmon")) {
      rmon += v.asLong();
    }
    long buckets = 0;
    for (JsonNode b : report.get("packetSizes").get("buckets")) {
      buckets += b.get("packets").asLong();
    }
    soft.assertThat(rmon).as(name + " rmon sum").isEqualTo(totals);
    soft.assertThat(buckets).as(name + " size bucket sum").isEqualTo(totals);
  }

  private static long packets(JsonNode iface, String cls) {
    return iface.get(cls).get("packets").asLong();
  }

  private static long bytes(JsonNode iface, String cls) {
    return iface.get(cls).get("bytes").asLong();
  }
}
