package org.iptraf.agent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iptraf.agent.testutil.Frames.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.capture.LinkType;
import org.iptraf.agent.config.ConfigParser;
import org.iptraf.agent.names.Ethers;
import org.iptraf.agent.names.Names;
import org.iptraf.agent.names.ReverseDns;
import org.iptraf.agent.names.Services;
import org.iptraf.agent.stats.Tables;
import org.iptraf.agent.stats.TablesSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names are extra fields where known; without names the report is exactly as before. */
class JsonReportNamesTest {
  private static final long T0 = 1_700_000_000_000_000_000L;
  @TempDir Path dir;

  private static TablesSnapshot traffic() {
    Tables t = new Tables(ConfigParser.defaultConfig().tables(), List.of(), System::nanoTime);
    t.interfaceAdded(0, new InterfaceInfo("eth0", LinkType.ETHERNET, false, 0));
    byte[] f =
        ethernet(
            MAC_B, MAC_A, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, tcp(40000, 443, SYN, 500, 0)));
    t.frame(
        ByteBuffer.wrap(f),
        0,
        f.length,
        f.length,
        T0,
        0,
        FrameSink.DIRECTION_OUT,
        FrameSink.NO_VLAN);
    t.finish();
    return t.snapshot();
  }

  private static JsonNode report(TablesSnapshot s, Names names) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonReport.write(s, new ReportSource("pcap", List.of("x")), names, out);
    return new ObjectMapper().readTree(out.toByteArray());
  }

  @Test
  void addsServiceMacAndDnsNamesAsExtraFields() throws Exception {
    Services services = Services.read(Files.writeString(dir.resolve("s"), "https 443/tcp\n"));
    Ethers ethers = Ethers.read(Files.writeString(dir.resolve("e"), "02:00:00:00:00:0a a-box\n"));
    ReverseDns dns =
        new ReverseDns(
            a -> a.getHostAddress().equals("10.0.0.1") ? "client.example" : null, 16, 1_000);
    Names names = Names.of(services, ethers, dns);
    TablesSnapshot s = traffic();
    names.prefetch(s);

    JsonNode r = report(s, names);
    JsonNode plain = report(s, Names.NONE);

    JsonNode conn = r.path("tcpConnections").get(0);
    assertThat(conn.path("aName").asText()).isEqualTo("client.example");
    assertThat(conn.has("bName")).isFalse(); // no name: no field
    assertThat(r.path("ports").findValuesAsText("service")).containsExactly("https");
    assertThat(r.path("stations").findValuesAsText("name")).containsExactly("a-box");
    // every field of the plain report is there, unchanged
    assertThat(plain.toString()).doesNotContain("aName", "service", "\"name\":\"a-box\"");
    ((com.fasterxml.jackson.databind.node.ObjectNode) conn).remove("aName");
    for (JsonNode p : r.path("ports")) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) p).remove("service");
    }
    for (JsonNode st : r.path("stations")) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) st).remove("name");
    }
    assertThat(r).isEqualTo(plain);
    names.close();
  }
}
