package org.iptraf.agent.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.config.ConfigParser;
import org.iptraf.agent.stats.CaptureSnapshot;
import org.iptraf.agent.stats.PacketSizes;
import org.iptraf.agent.stats.TablesSnapshot;
import org.junit.jupiter.api.Test;

class AlarmEngineTest {
  private final AtomicLong wall = new AtomicLong(1_000_000);
  private final List<AlarmStatus> changes = new ArrayList<>();

  private AlarmEngine engine(String... lines) throws Exception {
    AgentConfig cfg = ConfigParser.parse(Path.of("a.conf"), List.of(lines));
    AlarmEngine e = AlarmEngine.of(cfg, wall::get);
    e.addListener(changes::add);
    return e;
  }

  /** A snapshot whose kernel drop counter is {@code drops}. */
  private static TablesSnapshot drops(long drops) {
    CaptureSnapshot c = new CaptureSnapshot(0, 0, 0, 0, drops, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    return new TablesSnapshot(
        1,
        0,
        0,
        0,
        c,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        new PacketSizes(new long[7], List.of(), 0),
        List.of(),
        List.of());
  }

  private void feed(AlarmEngine e, long... values) {
    for (long v : values) {
      e.evaluate(drops(v));
      wall.addAndGet(1000);
    }
  }

  @Test
  void raisesAndClearsOnceEachWayWithoutHysteresis() throws Exception {
    AlarmEngine e =
        engine("alarm.d.metric = kernelDrops", "alarm.d.warning = 10", "alarm.d.critical = 20");
    feed(e, 0, 5, 11, 15, 25, 30, 12, 3, 3);
    assertThat(changes)
        .extracting(AlarmStatus::state)
        .containsExactly(Severity.WARNING, Severity.CRITICAL, Severity.WARNING, Severity.OK);
    assertThat(changes)
        .extracting(AlarmStatus::previousState)
        .containsExactly(Severity.OK, Severity.WARNING, Severity.CRITICAL, Severity.WARNING);
    AlarmStatus last = e.statuses().get(0);
    assertThat(last.value()).isEqualTo(3);
    assertThat(last.metric()).isEqualTo("kernelDrops");
    assertThat(last.critical()).isEqualTo("20");
  }

  @Test
  void hysteresisStopsFlappingAroundTheThreshold() throws Exception {
    AlarmEngine e =
        engine("alarm.d.metric = kernelDrops", "alarm.d.critical = 100", "alarm.d.hysteresis = 10");
    // oscillates around 100: alerts above 100, clears only 10 inside it (at 90 or less)
    feed(e, 99, 101, 99, 101, 95, 91, 90, 89, 101);
    assertThat(changes)
        .extracting(AlarmStatus::state)
        .containsExactly(Severity.CRITICAL, Severity.OK, Severity.CRITICAL);
    assertThat(changes.get(1).value()).isEqualTo(90);
  }

  @Test
  void holdTimeIgnoresShortSpikes() throws Exception {
    AlarmEngine e =
        engine("alarm.d.metric = kernelDrops", "alarm.d.critical = 100", "alarm.d.hold = 3");
    feed(e, 500, 500, 0, 500, 500, 500, 500, 0, 0, 0, 0);
    // the first spike lasted 2 s (< 3 s); the second lasted 4 s, raised after 3
    assertThat(changes)
        .extracting(AlarmStatus::state)
        .containsExactly(Severity.CRITICAL, Severity.OK);
  }

  @Test
  void aMissingInterfaceIsUnknown() throws Exception {
    AlarmEngine e = engine("alarm.x.metric = eth9:inBps", "alarm.x.warning = 10");
    feed(e, 0);
    assertThat(changes).extracting(AlarmStatus::state).containsExactly(Severity.UNKNOWN);
    assertThat(changes.get(0).valueText()).isEqualTo("unknown");
  }

  @Test
  void badMetricsAndRangesNameTheLine() {
    assertThatThrownBy(() -> engine("", "alarm.x.metric = nosuch", "alarm.x.warning = 1"))
        .hasMessage(
            "a.conf:2: alarm.x.metric: unknown metric 'nosuch' "
                + "(iptraf-agent check --list shows them)");
    assertThatThrownBy(() -> engine("alarm.x.metric = frames", "alarm.x.critical = 9:1"))
        .hasMessage("a.conf:2: alarm.x.critical: range '9:1': start 9 is above end 1");
    assertThatThrownBy(() -> engine("alarm.x.metric = frames"))
        .hasMessageContaining("needs alarm.x.warning or alarm.x.critical");
    assertThatThrownBy(() -> engine("alarm.x.warning = 5"))
        .hasMessageContaining("alarm 'x' has no alarm.x.metric");
    assertThatThrownBy(
            () ->
                engine("alarm.x.metric = frames", "alarm.x.warning = 5", "alarm.x.hysteresis = -2"))
        .hasMessageContaining("a.conf:3: alarm.x.hysteresis: '-2' is not a number >= 0");
  }
}
