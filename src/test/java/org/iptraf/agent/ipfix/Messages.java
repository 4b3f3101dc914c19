package org.iptraf.agent.ipfix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.iptraf.agent.testutil.Frames;
import org.iptraf.agent.testutil.PcapWriter;
import org.iptraf.agent.testutil.Tools;

/** IPFIX messages as the collector got them: their headers checked, and read by tshark. */
final class Messages {
  private Messages() {}

  /** tshark decodes every data set with a known template, with no expert info of any level. */
  static void tsharkReadsEveryMessage(Path dir, List<byte[]> datagrams, int records)
      throws Exception {
    int port = 4739;
    PcapWriter w = PcapWriter.ethernet();
    long t = Traffic.T0;
    long sequence = 0;
    int dataRecords = 0;
    for (byte[] d : datagrams) {
      byte[] udp = Frames.concat(u16(40000), u16(port), u16(8 + d.length), u16(0), d);
      w.frame(
          t += 1000,
          Frames.ethernet(
              Frames.MAC_B, Frames.MAC_A, 0x0800, Frames.ipv4("127.0.0.1", "127.0.0.1", 17, udp)));
      ByteBuffer b = ByteBuffer.wrap(d);
      assertThat(b.getShort(0)).as("version").isEqualTo((short) 10);
      assertThat(b.getShort(2) & 0xFFFF).as("message length").isEqualTo(d.length);
      assertThat(b.getInt(8) & 0xFFFF_FFFFL).as("sequence number").isEqualTo(sequence);
      assertThat(b.getInt(12)).as("observation domain").isEqualTo(1);
      int n = dataRecordsIn(b);
      sequence += n;
      dataRecords += n;
    }
    assertThat(dataRecords).as("data records sent").isEqualTo(records);
    Path file = w.writeTo(dir.resolve("ipfix.pcap"));
    Tools.Result r =
        Tools.run(
            List.of("tshark", "-r", file.toString(), "-d", "udp.port==" + port + ",cflow", "-V"));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    String text = r.stdout();
    assertThat(text)
        .doesNotContain("Expert Info")
        .doesNotContain("Malformed")
        .doesNotContain("not found")
        .contains("Template (Id = 256")
        .contains("Template (Id = 260");
    int decoded = 0;
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("Set \\d+ \\[id=(\\d+)\\] \\((\\d+) flows?\\)")
            .matcher(text);
    while (m.find()) {
      decoded += Integer.parseInt(m.group(2));
    }
    assertThat(decoded).as("data records tshark decoded").isEqualTo(records);
    Tools.Result expert =
        Tools.run(
            List.of(
                "tshark",
                "-r",
                file.toString(),
                "-d",
                "udp.port==" + port + ",cflow",
                "-T",
                "fields",
                "-e",
                "_ws.expert"));
    assertThat(expert.stdout().strip()).as("expert infos").isEmpty();
  }

  /** Data records in a message, from its sets' lengths and the templates' record lengths. */
  static int dataRecordsIn(ByteBuffer b) {
    Map<Integer, Integer> lengths = new HashMap<>();
    for (Template t : Template.values()) {
      lengths.put(t.id, t.recordLength);
    }
    int n = 0;
    for (int at = 16; at < b.limit(); ) {
      int id = b.getShort(at) & 0xFFFF;
      int length = b.getShort(at + 2) & 0xFFFF;
      assertThat(length).as("set length").isGreaterThanOrEqualTo(4);
      if (id >= 256) {
        assertThat((length - 4) % lengths.get(id)).as("set %d holds whole records", id).isZero();
        n += (length - 4) / lengths.get(id);
      }
      at += length;
    }
    return n;
  }

  private static byte[] u16(int v) {
    return new byte[] {(byte) (v >>> 8), (byte) v};
  }
}
