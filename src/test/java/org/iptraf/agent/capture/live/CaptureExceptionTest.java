package org.iptraf.agent.capture.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaptureExceptionTest {

  @Test
  void tellsWhichCapabilityIsMissingAndHowToGrantIt() {
    CaptureException e = CaptureException.of("socket(AF_PACKET, SOCK_RAW)", "eth0", 1);

    assertThat(e.isPermissionDenied()).isTrue();
    assertThat(e.getMessage())
        .startsWith("socket(AF_PACKET, SOCK_RAW) on eth0: need CAP_NET_RAW")
        .contains("setcap cap_net_raw,cap_net_admin+eip");
  }

  @Test
  void namesOtherErrorsInWords() {
    assertThat(CaptureException.of("bind", "eth9", 19).getMessage())
        .isEqualTo("bind on eth9: no such interface");
    assertThat(CaptureException.of("setsockopt(PACKET_RX_RING)", "eth0", 12).getMessage())
        .contains("lower capture.ringBlockCount");
    assertThat(CaptureException.of("poll", null, 9).getMessage())
        .isEqualTo("poll: Bad file descriptor (errno 9)");
  }

  @Test
  void rejectsSettingsNamingTheKey() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> LiveCaptureSettings.defaults(java.util.List.of()).withRing(5000, 4, 100))
        .hasMessageContaining("capture.ringBlockSize 5000");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> LiveCaptureSettings.defaults(java.util.List.of("a-very-long-interface-name")))
        .hasMessageContaining("a-very-long-interface-name");
  }
}
