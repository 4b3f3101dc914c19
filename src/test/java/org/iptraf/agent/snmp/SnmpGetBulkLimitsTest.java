package org.iptraf.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.capture.LinkType;
import org.iptraf.agent.config.ConfigParser;
import org.iptraf.agent.stats.Tables;
import org.iptraf.agent.testutil.Frames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * GETBULK asking for everything gets a bounded answer, promptly (RFC 3416 4.2.3 lets an agent
 * return fewer repetitions). Before the bound, max-repetitions 2^31-1 over a few thousand
 * connections went unanswered (one repeater: 32,767 rows tried; many: the response stopped at 64
 * KiB and was never sent) and a thousand such datagrams silenced the agent for minutes.
 */
class SnmpGetBulkLimitsTest {

  private static final int CONNECTIONS = 3_000;

  @TempDir Path state;
  private SnmpAgent agent;

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.stop();
    }
  }

  @Test
  void oneRepeaterAskingForEverythingGetsOneHundredBindings() throws Exception {
    PDU response = getBulk(Integer.MAX_VALUE, repeat(1, "1.3.6"));

    assertThat(response.getErrorStatus()).isZero();
    assertThat(response.size()).isEqualTo(BoundedBulk.MAX_BINDINGS);
  }

  @Test
  void tenRepeatersAskingForEverythingGetTenRows() throws Exception {
    PDU response = getBulk(Integer.MAX_VALUE, repeat(10, "1.3.6.1.4"));

    assertThat(response.size()).isEqualTo(BoundedBulk.MAX_BINDINGS);
  }

  @Test
  void hundredsOfRepeatersAskingForEverythingGetOneRowInTime() throws Exception {
    PDU response = getBulk(Integer.MAX_VALUE, repeat(400, "1.3.6.1.4"));

    assertThat(response.getErrorStatus()).isZero();
    assertThat(response.size()).isEqualTo(400);
  }

  @Test
  void anOrdinaryBulkWalkStepIsAnsweredInFull() throws Exception {
    PDU response = getBulk(50, repeat(1, "1.3.6"));

    assertThat(response.size()).isEqualTo(50);
  }

  @Test
  void nonRepeatersCountAgainstTheBound() {
    PDU pdu = new PDU();
    pdu.setType(PDU.GETBULK);
    for (int i = 0; i < 4; i++) {
      pdu.add(new VariableBinding(new OID("1.3.6")));
    }
    pdu.setNonRepeaters(2);
    pdu.setMaxRepetitions(Integer.MAX_VALUE);

    BoundedBulk.bound(pdu);

    assertThat(pdu.getMaxRepetitions()).isEqualTo(49); // 2 + 49 rows of 2 = 100
  }

  private static String[] repeat(int n, String oid) {
    String[] oids = new String[n];
    java.util.Arrays.fill(oids, oid);
    return oids;
  }

  private PDU getBulk(int maxRepetitions, String... oids) throws Exception {
    agent =
        new SnmpAgent(
            new SnmpSettings(
                InetAddress.getLoopbackAddress(),
                0,
                "public",
                SourceNetwork.LOCALHOST,
                false,
                List.of(),
                state,
                SnmpSettings.DEFAULT_ROOT_OID),
            manyConnections());
    agent.start();
    InetSocketAddress a = agent.address();
    try (Snmp snmp = new Snmp(new DefaultUdpTransportMapping(new UdpAddress("127.0.0.1/0")))) {
      snmp.listen();
      CommunityTarget<UdpAddress> target =
          new CommunityTarget<>(
              new UdpAddress(a.getAddress(), a.getPort()), new OctetString("public"));
      target.setVersion(SnmpConstants.version2c);
      target.setTimeout(5000);
      PDU pdu = new PDU();
      pdu.setType(PDU.GETBULK);
      pdu.setMaxRepetitions(maxRepetitions);
      for (String oid : oids) {
        pdu.add(new VariableBinding(new OID(oid)));
      }
      var event = snmp.send(pdu, target);
      PDU response = event.getResponse();
      assertThat(response).as("an answer within 5 s (error: %s)", event.getError()).isNotNull();
      return response;
    }
  }

  /** Tables holding a few thousand connections: a tree far longer than any one response. */
  private static Tables manyConnections() {
    Tables t = new Tables(ConfigParser.defaultConfig().tables(), List.of(), System::nanoTime);
    t.interfaceAdded(0, new InterfaceInfo("eth0", LinkType.ETHERNET, false, 0));
    for (int i = 0; i < CONNECTIONS; i++) {
      byte[] f =
          Frames.ethernet(
              Frames.MAC_B,
              Frames.MAC_A,
              0x0800,
              Frames.ipv4(
                  "10.1." + (i / 250) + "." + (1 + i % 250),
                  "10.0.0.2",
                  6,
                  Frames.tcp(30_000 + i, 80, Frames.SYN, 500, 0)));
      t.frame(
          ByteBuffer.wrap(f),
          0,
          f.length,
          f.length,
          1_700_000_000_000_000_000L + i,
          0,
          FrameSink.DIRECTION_IN,
          FrameSink.NO_VLAN);
    }
    t.finish();
    return t;
  }
}
