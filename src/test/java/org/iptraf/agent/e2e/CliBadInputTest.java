package org.iptraf.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.iptraf.agent.testutil.Frames;
import org.iptraf.agent.testutil.PcapWriter;
import org.iptraf.agent.testutil.PcapngWriter;
import org.iptraf.agent.testutil.PcapngWriter.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input through the command line: unreadable input is one line on stderr and exit 2; damaged
 * but readable input gives a clean report of what could be read; never a stack trace.
 */
class CliBadInputTest {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final int ETHERTYPE_IPV4 = 0x0800;

  @TempDir Path dir;

  private static byte[] udpFrame(int payload) {
    return Frames.ethernet(
        Frames.MAC_B,
        Frames.MAC_A,
        ETHERTYPE_IPV4,
        Frames.ipv4("10.0.0.1", "10.0.0.2", 17, Frames.udp(1000, 2000, payload)));
  }

  /** Exit 2, nothing on stdout, one stderr line that names the file and says why. */
  private static void assertRejectedInOneLine(Path file, String why) {
    Cli.Result r = Cli.run("replay", file.toString(), "--format", "json").assertNoStackTrace();
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines())
        .singleElement()
        .asString()
        .startsWith("iptraf-agent: " + file + ": ")
        .contains(why);
  }

  @Test
  void directoryIsOneLineAndExit2() {
    assertRejectedInOneLine(dir, "directory");
  }

  @Test
  void missingFileIsOneLineAndExit2() {
    assertRejectedInOneLine(dir.resolve("nope.pcap"), "no such file");
  }

  @Test
  void emptyFileIsOneLineAndExit2() throws IOException {
    assertRejectedInOneLine(Files.write(dir.resolve("empty.pcap"), new byte[0]), "empty");
  }

  @Test
  void textFileIsOneLineAndExit2() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("notes.pcap"), "these are not packets\n", StandardCharsets.US_ASCII);
    assertRejectedInOneLine(file, "not a pcap or pcapng file");
  }

  @Test
  void aBadFileAmongGoodOnesStopsWithExit2BeforeAnyReport() throws IOException {
    Path good = PcapWriter.ethernet().frame(T0, udpFrame(10)).writeTo(dir.resolve("good.pcap"));
    Path text = Files.writeString(dir.resolve("bad.pcap"), "text\n", StandardCharsets.US_ASCII);

    Cli.Result r = Cli.run("replay", good.toString(), text.toString()).assertNoStackTrace();

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines()).singleElement().asString().startsWith("iptraf-agent: " + text);
  }

  @Test
  void pcapCutMidRecordReportsTheWholeFramesAndSaysSoOnce() throws IOException {
    PcapWriter w =
        PcapWriter.ethernet()
            .frame(T0, udpFrame(10))
            .frame(T0 + 1_000_000, udpFrame(20))
            .frame(T0 + 2_000_000, udpFrame(30));
    byte[] whole = w.toBytes();
    int cut = w.recordStart(2) + 16 + 20; // record header and part of the third frame
    Path file = Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(whole, cut));

    Cli.Result r = Cli.run("replay", file.toString()).assertNoStackTrace();

    assertThat(r.exit()).isZero();
    assertThat(r.errLines())
        .singleElement()
        .asString()
        .startsWith("iptraf-agent: " + file + ": ")
        .contains("2 frames");
    JsonNode report = r.json();
    assertThat(report.get("capture").get("frames").asLong()).isEqualTo(2);
    assertThat(report.get("capture").get("malformed").asLong()).isZero();
    JsonNode eth = report.get("interfaces").get(0);
    assertThat(eth.get("udp").get("packets").asLong()).isEqualTo(2);
    assertThat(eth.get("udp").get("bytes").asLong()).isEqualTo((20 + 8 + 10) + (20 + 8 + 20));
    assertThat(eth.get("total").get("bytes").asLong())
        .isEqualTo(udpFrame(10).length + udpFrame(20).length);
  }

  @Test
  void pcapngWithAnUnknownBlockSkipsItSilently() {
    Path file =
        new PcapngWriter(ByteOrder.BIG_ENDIAN)
            .interfaceBlock(1, 65535, Option.ifName("eth0"))
            .enhancedPacket(0, T0 / 1000, udpFrame(10))
            .block(0x0BAD_F00D, new byte[] {1, 2, 3, 4, 5, 6, 7})
            .block(PcapngWriter.ISB, new byte[12])
            .enhancedPacket(0, T0 / 1000 + 1, udpFrame(20))
            .writeTo(dir.resolve("unknown-block.pcapng"));

    Cli.Result r = Cli.run("replay", file.toString()).assertNoStackTrace();

    assertThat(r.exit()).isZero();
    assertThat(r.err()).isEmpty();
    JsonNode report = r.json();
    assertThat(report.get("capture").get("frames").asLong()).isEqualTo(2);
    assertThat(report.get("capture").get("malformed").asLong()).isZero();
    assertThat(report.get("interfaces").get(0).get("udp").get("packets").asLong()).isEqualTo(2);
  }

  @Test
  void ipv4TotalLengthBeyondTheFrameIsMalformedAndCountsWhatTheWireHeld() {
    byte[] frame = udpFrame(12); // IP 40 bytes
    int ip = 14;
    frame[ip + 2] = 0x03; // total length 1000 (0x03E8): more than the frame holds
    frame[ip + 3] = (byte) 0xE8;
    int sum = Frames.checksum(zeroChecksum(frame, ip), ip, 20);
    frame[ip + 10] = (byte) (sum >>> 8);
    frame[ip + 11] = (byte) sum;
    Path file = PcapWriter.ethernet().frame(T0, frame).writeTo(dir.resolve("long-ip.pcap"));

    Cli.Result r = Cli.run("replay", file.toString()).assertNoStackTrace();

    assertThat(r.exit()).isZero();
    assertThat(r.err()).isEmpty();
    JsonNode report = r.json();
    assertThat(report.get("capture").get("malformed").asLong()).isEqualTo(1);
    JsonNode eth = report.get("interfaces").get(0);
    assertThat(eth.get("total").get("packets").asLong()).isEqualTo(1);
    assertThat(eth.get("ipv4").get("packets").asLong()).isEqualTo(1);
    assertThat(eth.get("ipv4").get("bytes").asLong()).isEqualTo(40);
    assertThat(eth.get("udp").get("packets").asLong()).isEqualTo(1);
    assertThat(eth.get("badIpChecksum").asLong()).isZero();
  }

  @Test
  void ipv4CutOnlyBySnapLengthIsNotMalformedAndCountsItsTotalLength() {
    byte[] frame = udpFrame(972); // IP 1000 bytes, frame 1014
    byte[] captured = Arrays.copyOf(frame, 14 + 20 + 8);
    Path file =
        PcapWriter.ethernet()
            .frame(T0, captured, frame.length)
            .writeTo(dir.resolve("snapped.pcap"));

    Cli.Result r = Cli.run("replay", file.toString()).assertNoStackTrace();

    assertThat(r.exit()).isZero();
    JsonNode report = r.json();
    assertThat(report.get("capture").get("malformed").asLong()).isZero();
    JsonNode eth = report.get("interfaces").get(0);
    assertThat(eth.get("total").get("bytes").asLong()).isEqualTo(1014);
    assertThat(eth.get("ipv4").get("bytes").asLong()).isEqualTo(1000);
    assertThat(eth.get("udp").get("bytes").asLong()).isEqualTo(1000);
  }

  private static byte[] zeroChecksum(byte[] frame, int ip) {
    frame[ip + 10] = 0;
    frame[ip + 11] = 0;
    return frame;
  }

  @Test
  void configWithAnUnknownKeyNamesFileAndLineWithExit2() throws IOException {
    Path config =
        Files.writeString(
            dir.resolve("agent.conf"),
            "# comment\ntcp.idleTimeout = 900\nno.such.key = 1\n",
            StandardCharsets.UTF_8);
    Path pcap = PcapWriter.ethernet().frame(T0, udpFrame(10)).writeTo(dir.resolve("ok.pcap"));

    Cli.Result r = Cli.run("replay", "-c", config.toString(), pcap.toString()).assertNoStackTrace();

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines())
        .singleElement()
        .asString()
        .startsWith("iptraf-agent: " + config + ":3: ")
        .contains("no.such.key");
  }

  @Test
  void unknownOptionIsAUsageErrorWithExit2() {
    Cli.Result r = Cli.run("replay", "--bogus", "x.pcap").assertNoStackTrace();

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("--bogus");
  }
}
