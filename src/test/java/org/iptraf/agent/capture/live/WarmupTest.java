package org.iptraf.agent.capture.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.config.ConfigParser;
import org.iptraf.agent.stats.Counts;
import org.iptraf.agent.stats.InterfaceSnapshot;
import org.iptraf.agent.stats.Tables;
import org.iptraf.agent.stats.TablesSnapshot;
import org.iptraf.agent.stats.TcpConnection;
import org.iptraf.agent.stats.TcpState;
import org.junit.jupiter.api.Test;

class WarmupTest {

  @Test
  void feedsWellFormedFramesOfEveryShapeIntoTheTables() {
    AgentConfig cfg = ConfigParser.defaultConfig();
    Tables tables = new Tables(cfg.tables(), cfg.filters(), System::nanoTime);

    assertThat(Warmup.run(tables, 50_000)).isEqualTo(50_000);

    tables.finish();
    TablesSnapshot s = tables.snapshot();
    assertThat(s.capture().frames()).isEqualTo(50_000);
    assertThat(s.capture().malformed()).isZero();
    assertThat(s.tcpConnections()).hasSizeGreaterThan(1000);
    assertThat(s.otherFlows()).hasSizeGreaterThan(1000);
    assertThat(s.vlans()).isNotEmpty();
    // both sides of the branches real traffic takes, so the JIT leaves no trap on either
    InterfaceSnapshot i = s.interfaces().get(0);
    assertThat(packets(i.broadcast())).isPositive();
    assertThat(packets(i.multicast())).isPositive();
    assertThat(packets(i.icmpv6())).isPositive();
    assertThat(packets(i.arp())).isPositive().isLessThan(packets(i.nonIp()));
    assertThat(i.badIpChecksum()).isPositive().isLessThan(packets(i.ipv4()) / 8);
    assertThat(packets(i.total())).isEqualTo(50_000);
    assertThat(i.total().inPackets()).isPositive();
    assertThat(i.total().outPackets()).isPositive();
    assertThat(s.stations()).hasSizeGreaterThan(1000);
    assertThat(s.tcpConnections())
        .extracting(TcpConnection::state)
        .contains(TcpState.ESTABLISHED, TcpState.RESET, TcpState.CLOSED);
  }

  @Test
  void carriesOnWhereTheLastBatchStopped() {
    AgentConfig cfg = ConfigParser.defaultConfig();
    Tables tables = new Tables(cfg.tables(), cfg.filters(), System::nanoTime);
    Warmup warmup = new Warmup(tables);
    assertThat(warmup.run(30_000) + warmup.run(30_000)).isEqualTo(60_000);
    tables.finish();
    TablesSnapshot s = tables.snapshot();
    assertThat(s.capture().frames()).isEqualTo(60_000);
    // 10 us apart, the clock carried on between the batches: each batch ends with a tick one
    // gap after its last frame
    assertThat(s.nowNanos() - s.firstFrameNanos()).isEqualTo(60_000 * 10_000L);
  }

  private static long packets(Counts c) {
    return c.inPackets() + c.outPackets();
  }
}
