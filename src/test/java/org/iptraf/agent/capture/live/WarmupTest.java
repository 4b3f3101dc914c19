package org.iptraf.agent.capture.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.iptraf.agent.config.ConfigParser;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.stats.Tables;
import org.iptraf.agent.stats.TablesSnapshot;
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
  }
}
