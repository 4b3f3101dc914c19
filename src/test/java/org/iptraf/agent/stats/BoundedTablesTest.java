package org.iptraf.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iptraf.agent.testutil.Frames.*;

import java.nio.ByteBuffer;
import java.util.List;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.capture.LinkType;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.config.ConfigParser;
import org.junit.jupiter.api.Test;

/**
 * Every keyed table stops at the cap its config gives it and counts what it evicted: TCP
 * connections, other flows, stations, VLANs and MAC pairs (which share the stations' cap). Ports
 * and packet sizes are fixed arrays and need no cap.
 */
class BoundedTablesTest {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final int CAP = 4;
  private static final int KEYS = 20;

  private final Tables tables;

  BoundedTablesTest() {
    AgentConfig.Tables d = ConfigParser.defaultConfig().tables();
    tables =
        new Tables(
            new AgentConfig.Tables(
                CAP,
                d.tcpIdleTimeout(),
                d.tcpClosedRetention(),
                CAP,
                d.flowsIdleTimeout(),
                CAP,
                d.stationsIdleTimeout(),
                CAP,
                d.mtu()),
            List.of(),
            System::nanoTime);
    tables.interfaceAdded(0, new InterfaceInfo("eth0", LinkType.ETHERNET, false, 0));
  }

  private void send(int i, byte[] frame) {
    tables.frame(
        ByteBuffer.wrap(frame),
        0,
        frame.length,
        frame.length,
        T0 + i * 1000L,
        0,
        FrameSink.DIRECTION_IN,
        FrameSink.NO_VLAN);
  }

  private TablesSnapshot done() {
    tables.finish();
    return tables.snapshot();
  }

  @Test
  void tcpConnectionsStopAtTcpMaxConnections() {
    for (int i = 0; i < KEYS; i++) {
      send(
          i,
          ethernet(
              MAC_B,
              MAC_A,
              0x0800,
              ipv4("10.0.0.1", "10.0.0.2", 6, tcp(10000 + i, 80, SYN, 500, 0))));
    }
    TablesSnapshot s = done();
    assertThat(s.tcpConnections()).hasSize(CAP);
    assertThat(s.capture().tcpEvictions()).isEqualTo(KEYS - CAP);
  }

  @Test
  void otherFlowsStopAtFlowsMaxEntries() {
    for (int i = 0; i < KEYS; i++) {
      send(
          i,
          ethernet(MAC_B, MAC_A, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 17, udp(10000 + i, 53, 10))));
    }
    TablesSnapshot s = done();
    assertThat(s.otherFlows()).hasSize(CAP);
    assertThat(s.capture().flowEvictions()).isEqualTo(KEYS - CAP);
  }

  @Test
  void stationsAndMacPairsStopAtStationsMaxEntries() {
    for (int i = 0; i < KEYS; i++) {
      byte[] src = mac(String.format("02:00:00:00:01:%02x", i));
      send(i, ethernet(MAC_B, src, 0x88B5, zeros(46)));
    }
    TablesSnapshot s = done();
    assertThat(s.stations()).hasSize(CAP);
    // KEYS senders plus MAC_B, the receiver every frame keeps fresh
    assertThat(s.capture().stationEvictions()).isEqualTo(KEYS + 1 - CAP);
    assertThat(s.macPairs()).hasSize(CAP);
    assertThat(s.capture().macPairEvictions()).isEqualTo(KEYS - CAP);
  }

  @Test
  void vlansStopAtVlansMaxEntries() {
    for (int i = 0; i < KEYS; i++) {
      send(i, tagged(MAC_B, MAC_A, new int[] {0x8100}, new int[] {100 + i}, 0x88B5, zeros(46)));
    }
    TablesSnapshot s = done();
    assertThat(s.vlans()).hasSize(CAP);
    assertThat(s.capture().vlanEvictions()).isEqualTo(KEYS - CAP);
  }
}
