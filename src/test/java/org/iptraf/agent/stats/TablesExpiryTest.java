package org.iptraf.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iptraf.agent.testutil.Frames.ACK;
import static org.iptraf.agent.testutil.Frames.FIN;
import static org.iptraf.agent.testutil.Frames.MAC_A;
import static org.iptraf.agent.testutil.Frames.MAC_B;
import static org.iptraf.agent.testutil.Frames.PSH;
import static org.iptraf.agent.testutil.Frames.RST;
import static org.iptraf.agent.testutil.Frames.SYN;
import static org.iptraf.agent.testutil.Frames.ethernet;
import static org.iptraf.agent.testutil.Frames.ipv4;
import static org.iptraf.agent.testutil.Frames.tcp;
import static org.iptraf.agent.testutil.Frames.udp;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.capture.LinkType;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.config.ConfigParser;
import org.junit.jupiter.api.Test;

/**
 * The tables' expiry through the wheel against the rule it replaced, every record looked at every
 * tick ({@link Tables#lookAtEveryRecordEveryTick}): the same random TCP and UDP traffic, with
 * handshakes, closes, resets, reused four-tuples, timeouts and gaps of every length, gives the same
 * connections, states, flows, stations and ports in both.
 */
class TablesExpiryTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long T0 = 1_700_000_000L * SECOND;
  private static final int[] FLAGS = {SYN, SYN | ACK, ACK, ACK | PSH, FIN | ACK, RST, RST | ACK};

  @Test
  void theWheelAgreesWithLookingAtEveryRecordEveryTick() {
    for (long seed = 1; seed <= 150; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      int idle = 2 + random.nextInt(40);
      int retention = 1 + random.nextInt(40); // sometimes longer than idle
      int flowIdle = 2 + random.nextInt(60);
      int stationIdle = 2 + random.nextInt(100);
      Tables wheel = tables(idle, retention, flowIdle, stationIdle);
      Tables everyTick = tables(idle, retention, flowIdle, stationIdle);
      everyTick.lookAtEveryRecordEveryTick();
      long now = T0 + random.nextLong(SECOND);
      int frames = 200 + random.nextInt(3000);
      for (int i = 0; i < frames; i++) {
        int gap = random.nextInt(1000);
        now +=
            gap < 900
                ? random.nextLong(SECOND / 4)
                : gap < 995
                    ? random.nextLong(60 * SECOND)
                    : random.nextLong(3L * ExpiryWheel.WHEEL * SECOND);
        byte[] frame = frame(random);
        for (Tables t : List.of(wheel, everyTick)) {
          t.frame(
              ByteBuffer.wrap(frame),
              0,
              frame.length,
              frame.length,
              now,
              0,
              FrameSink.DIRECTION_IN,
              FrameSink.NO_VLAN);
        }
      }
      long end = now + random.nextLong(120 * SECOND);
      wheel.tick(end);
      everyTick.tick(end);
      wheel.finish();
      everyTick.finish();
      TablesSnapshot a = wheel.snapshot();
      TablesSnapshot b = everyTick.snapshot();
      String where = "seed " + seed + " (idle " + idle + ", retention " + retention + ")";
      assertThat(a.tcpConnections()).as(where).isEqualTo(b.tcpConnections());
      assertThat(a.otherFlows()).as(where).isEqualTo(b.otherFlows());
      assertThat(a.stations()).as(where).isEqualTo(b.stations());
      assertThat(a.ports()).as(where).isEqualTo(b.ports());
      assertThat(a.capture()).as(where).isEqualTo(b.capture());
    }
  }

  /** A few hosts and ports, so that four-tuples recur, in both directions. */
  private static byte[] frame(SplittableRandom random) {
    String client = "10.0.0." + (1 + random.nextInt(6));
    String server = "10.0.1." + (1 + random.nextInt(3));
    int clientPort = 40000 + random.nextInt(8);
    boolean fromClient = random.nextBoolean();
    String src = fromClient ? client : server;
    String dst = fromClient ? server : client;
    int sport = fromClient ? clientPort : 80;
    int dport = fromClient ? 80 : clientPort;
    byte[] transport;
    int protocol;
    if (random.nextInt(5) == 0) {
      transport = udp(sport, dport, random.nextInt(100));
      protocol = 17;
    } else {
      transport = tcp(sport, dport, FLAGS[random.nextInt(FLAGS.length)], 1000, random.nextInt(100));
      protocol = 6;
    }
    byte[] ip = ipv4(src, dst, protocol, transport);
    return fromClient ? ethernet(MAC_B, MAC_A, 0x0800, ip) : ethernet(MAC_A, MAC_B, 0x0800, ip);
  }

  private static Tables tables(int idle, int retention, int flowIdle, int stationIdle) {
    AgentConfig.Tables d = ConfigParser.defaultConfig().tables();
    AgentConfig.Tables settings =
        new AgentConfig.Tables(
            d.tcpMaxConnections(),
            idle,
            retention,
            d.flowsMaxEntries(),
            flowIdle,
            d.stationsMaxEntries(),
            stationIdle,
            d.vlansMaxEntries(),
            d.mtu());
    Tables t = new Tables(settings, List.of(), System::nanoTime);
    t.interfaceAdded(0, new InterfaceInfo("eth0", LinkType.ETHERNET, false, 0));
    return t;
  }
}
