package org.iptraf.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code replay --serve} says and does when SNMP cannot start: one line, exit 1. */
class SnmpStartupTest {

  @TempDir Path dir;
  private ServedAgent agent;

  @AfterEach
  void stop() throws Exception {
    if (agent != null) {
      agent.close();
    }
  }

  @Test
  void portInUseExitsOneWithOneLine() throws Exception {
    try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      Path pcap = SnmpReplayTest.writeCapture(dir.resolve("a.pcap"));
      agent =
          ServedAgent.launch(dir, pcap, ServedAgent.config(dir, port, dir.resolve("state")), port);

      assertThat(agent.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(agent.process.exitValue()).isEqualTo(1);
      assertThat(agent.errors().strip().lines())
          .singleElement()
          .asString()
          .contains("SNMP")
          .contains("127.0.0.1:" + port)
          .contains("port in use");
    }
  }

  /** 192.0.2.1 (TEST-NET-1) is no address of this host: the line names the address setting. */
  @Test
  void addressNotOfThisHostExitsOneWithOneLineNamingIt() throws Exception {
    Path pcap = SnmpReplayTest.writeCapture(dir.resolve("a.pcap"));
    int port = ServedAgent.freePort();
    agent =
        ServedAgent.launch(
            dir,
            pcap,
            ServedAgent.config(dir, port, dir.resolve("state"), "snmp.address = 192.0.2.1"),
            port);

    assertThat(agent.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(agent.process.exitValue()).isEqualTo(1);
    assertThat(agent.errors().strip().lines())
        .singleElement()
        .asString()
        .contains("SNMP")
        .contains("192.0.2.1:" + port)
        .contains("address not available (snmp.address)")
        .doesNotContain("port in use");
  }

  @Test
  void stateDirThatCannotBeCreatedExitsOneWithOneLine() throws Exception {
    Path file = Files.writeString(dir.resolve("plain-file"), "not a directory");
    Path pcap = SnmpReplayTest.writeCapture(dir.resolve("a.pcap"));
    int port = ServedAgent.freePort();
    agent =
        ServedAgent.launch(dir, pcap, ServedAgent.config(dir, port, file.resolve("state")), port);

    assertThat(agent.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(agent.process.exitValue()).isEqualTo(1);
    assertThat(agent.errors().strip().lines())
        .singleElement()
        .asString()
        .contains("cannot create SNMP state directory")
        .contains("snmp.stateDir");
  }
}
