package org.iptraf.agent.capture.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InterfaceIdsTest {
  private static final long S = 1_000_000_000L;

  @Test
  void aNameKeepsItsIdUntilItHasBeenGoneLongEnoughThenTheIdIsReused() {
    InterfaceIds ids = new InterfaceIds();
    assertThat(ids.idOf("eth0")).isZero();
    assertThat(ids.idOf("eth1")).isEqualTo(1);
    assertThat(ids.idOf("eth0")).as("asked again").isZero();

    ids.gone("eth0", 100 * S);
    assertThat(ids.forget(159 * S, 60 * S)).as("gone 59 s of 60").isEmpty();
    assertThat(ids.idOf("eth0")).as("back before forgetAfter: same id").isZero();

    ids.back("eth0");
    assertThat(ids.forget(1000 * S, 60 * S)).as("back, so never forgotten").isEmpty();

    ids.gone("eth1", 200 * S);
    assertThat(ids.forget(260 * S, 60 * S)).containsExactly(Map.entry("eth1", 1));
    assertThat(ids.idOf("wlan0")).as("the freed id").isEqualTo(1);
    assertThat(ids.idOf("eth1")).as("a forgotten name is new").isEqualTo(2);
  }
}
