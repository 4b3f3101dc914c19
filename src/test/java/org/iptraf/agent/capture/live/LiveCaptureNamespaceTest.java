package org.iptraf.agent.capture.live;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.iptraf.agent.capture.live.Netns.exec;
import static org.iptraf.agent.testutil.Shell.sh;
import static org.iptraf.agent.testutil.Shell.shQuiet;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.LinkType;
import org.iptraf.agent.testutil.Require;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Captures in a network namespace of its own, fed from a second one over a veth pair, and checks
 * exact counts. Traffic goes only to addresses inside these namespaces (198.18.0.0/15, RFC 2544).
 *
 * <pre>
 * gen ns: iplg* 198.18.77.1  &lt;-- veth --&gt;  cap ns: iplc* 198.18.77.2
 * gen ns: iplq*                                       &lt;-- veth --&gt;  cap ns: iplp* in bridge iplb*
 * gen ns: ipls*                                       &lt;-- veth --&gt;  cap ns: iplr* (deleted, re-created)
 * </pre>
 */
class LiveCaptureNamespaceTest {

  private static final String SUFFIX =
      Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36, 36 * 36 * 36 * 36), 36);
  private static final String CAP = "iptl-cap-" + SUFFIX;
  private static final String GEN = "iptl-gen-" + SUFFIX;
  private static final String CAP_IF = "iplc" + SUFFIX;
  private static final String GEN_IF = "iplg" + SUFFIX;
  private static final String BRIDGE = "iplb" + SUFFIX;
  private static final String PORT_IF = "iplp" + SUFFIX;
  private static final String PEER_IF = "iplq" + SUFFIX;
  private static final String RE_IF = "iplr" + SUFFIX;
  private static final String RE_PEER = "ipls" + SUFFIX;
  private static final String CAP_MAC = "02:1b:00:00:77:02";
  private static final String GEN_MAC = "02:1b:00:00:77:01";
  private static final String FOREIGN_MAC = "02:1b:00:ff:ff:01";
  private static final String BROADCAST = "ff:ff:ff:ff:ff:ff";

  private static boolean created;

  @BeforeAll
  static void createNamespaces() {
    Require.root("create network namespaces");
    Require.tools("ip", "python3", "sysctl");
    created = true;
    Netns.silentPair(CAP, GEN, CAP_IF, GEN_IF, CAP_MAC, GEN_MAC, "198.18.77");
    // a bridge filters unicast by MAC the way a NIC does (a veth does not), unless promiscuous
    sh(
        "ip", "link", "add", PORT_IF, "netns", CAP, "type", "veth", "peer", "name", PEER_IF,
        "netns", GEN);
    sh("ip", "-n", CAP, "link", "add", BRIDGE, "type", "bridge");
    sh("ip", "-n", CAP, "link", "set", PORT_IF, "master", BRIDGE, "up");
    sh("ip", "-n", CAP, "link", "set", BRIDGE, "up");
    sh("ip", "-n", GEN, "link", "set", PEER_IF, "up");
  }

  @AfterAll
  static void deleteNamespaces() {
    if (created) {
      shQuiet("ip", "netns", "del", CAP);
      shQuiet("ip", "netns", "del", GEN);
    }
  }

  /** A capture running on its own thread inside the capture namespace. */
  private static final class CaptureRun implements AutoCloseable {
    final RecordingSink sink = new RecordingSink();
    final LiveCapture capture;
    final Thread thread;

    /** What the capture thread threw after it started: the test fails with it at close. */
    volatile Throwable failed;

    CaptureRun(LiveCaptureSettings settings) throws Exception {
      CompletableFuture<LiveCapture> started = new CompletableFuture<>();
      thread =
          new Thread(
              () -> {
                try {
                  Netns.enter(CAP);
                  LiveCapture c = new LiveCapture(settings, sink);
                  started.complete(c);
                  c.run();
                } catch (Throwable t) {
                  failed = t;
                  started.completeExceptionally(t);
                }
              },
              "capture-" + CAP);
      thread.start();
      capture = started.get(10, SECONDS);
    }

    /** Waits until {@code n} frames arrived, then a little longer to catch any extra. */
    List<RecordingSink.Frame> awaitFrames(int n) throws InterruptedException {
      await(() -> sink.snapshot().size() >= n || failed != null, "frames: " + n);
      if (failed != null) {
        throw new AssertionError("the capture thread failed", failed);
      }
      Thread.sleep(300);
      return sink.snapshot();
    }

    @Override
    public void close() {
      capture.close();
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (thread.isAlive()) {
        throw new AssertionError("the capture thread did not end within 5 s of close()");
      }
      if (failed != null) {
        throw new AssertionError("the capture thread failed", failed);
      }
    }
  }

  private static LiveCaptureSettings settings(String... interfaces) {
    return LiveCaptureSettings.defaults(List.of(interfaces)).withRing(1 << 16, 8, 20);
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  private static void sendUdp(String to, int count) {
    exec(
        GEN,
        "python3",
        "-c",
        "import socket\n"
            + "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
            + "for i in range("
            + count
            + "): s.sendto(bytes(20 + i), ('"
            + to
            + "', 9))");
  }

  /** "in udp", "out icmp", "in eth-88b5"... by the bytes as captured. */
  private static String kind(RecordingSink.Frame f) {
    byte[] b = f.bytes();
    int ethertype = ((b[12] & 0xff) << 8) | (b[13] & 0xff);
    String what;
    if (ethertype == 0x0800) {
      what =
          switch (b[23]) {
            case 1 -> "icmp";
            case 6 -> "tcp";
            case 17 -> "udp";
            default -> "ip-" + b[23];
          };
    } else {
      what = "eth-" + Integer.toHexString(ethertype);
    }
    return (f.direction() == FrameSink.DIRECTION_OUT ? "out " : "in ") + what;
  }

  /**
   * The frames our generator sent (ethertype 0x88b5). A bridge may send IGMP of its own when it
   * comes up, which is not what the promiscuous test is about.
   */
  private static List<RecordingSink.Frame> ours(List<RecordingSink.Frame> frames) {
    return frames.stream().filter(f -> kind(f).endsWith("eth-88b5")).toList();
  }

  private static Map<String, Long> countByKind(List<RecordingSink.Frame> frames) {
    Map<String, Long> counts = new TreeMap<>();
    for (RecordingSink.Frame f : frames) {
      counts.merge(kind(f), 1L, Long::sum);
    }
    return counts;
  }

  @Test
  void countsEveryFrameExactlyByProtocolAndDirection() throws Exception {
    countsEveryFrameExactly(settings(CAP_IF), "ring 8 x 65536 B");
  }

  @Test
  void theRecvmmsgFallbackCountsEveryFrameExactlyByProtocolAndDirection() throws Exception {
    countsEveryFrameExactly(settings(CAP_IF).withMode(CaptureMode.RECVMMSG), "recvmmsg");
  }

  @Test
  void fallsBackToRecvmmsgWhereTheKernelRefusesTheRing() throws Exception {
    PacketSocket.refuseRingForTest = CaptureException.ENOMEM;
    try {
      countsEveryFrameExactly(settings(CAP_IF), "recvmmsg");
    } finally {
      PacketSocket.refuseRingForTest = 0;
    }
  }

  @Test
  void withCaptureModeRingARefusedRingIsAnError() {
    PacketSocket.refuseRingForTest = CaptureException.EINVAL;
    try {
      assertThatThrownBy(() -> new CaptureRun(settings(CAP_IF).withMode(CaptureMode.RING)))
          .hasRootCauseInstanceOf(CaptureException.class)
          .rootCause()
          .hasMessageContaining("PACKET_RX_RING");
    } finally {
      PacketSocket.refuseRingForTest = 0;
    }
  }

  private static void countsEveryFrameExactly(LiveCaptureSettings settings, String mode)
      throws Exception {
    long before = System.currentTimeMillis() * 1_000_000L;
    try (CaptureRun run = new CaptureRun(settings)) {
      assertThat(run.capture.description(CAP_IF)).startsWith(mode);
      sendUdp("198.18.77.3", 50);
      exec(GEN, "ping", "-q", "-c", "5", "-i", "0.05", "-W", "2", "198.18.77.2");

      List<RecordingSink.Frame> frames = run.awaitFrames(60);
      long after = System.currentTimeMillis() * 1_000_000L;

      assertThat(countByKind(frames))
          .containsExactlyInAnyOrderEntriesOf(Map.of("in udp", 50L, "in icmp", 5L, "out icmp", 5L));
      assertThat(run.sink.interfaces.get(0).linkType()).isEqualTo(LinkType.ETHERNET);
      assertThat(run.sink.interfaces.get(0).linuxLoopback()).isFalse();
      // UDP payloads 20..69 B: frame = 14 + 20 + 8 + payload, captured whole under the snap length
      assertThat(
              frames.stream()
                  .filter(f -> kind(f).equals("in udp"))
                  .mapToLong(f -> f.originalLength())
                  .sum())
          .isEqualTo(50L * 42 + (20 + 69) * 50 / 2);
      assertThat(frames)
          .allSatisfy(f -> assertThat(f.bytes().length).isEqualTo(f.originalLength()));
      // the kernel's receive time stamps, in order
      assertThat(frames)
          .allSatisfy(
              f -> assertThat(f.timestampNanos()).isBetween(before - 1_000_000_000L, after));
      for (int i = 1; i < frames.size(); i++) {
        assertThat(frames.get(i).timestampNanos())
            .isGreaterThanOrEqualTo(frames.get(i - 1).timestampNanos());
      }
      assertThat(run.capture.captured()).isEqualTo(60);
    }
  }

  @Test
  void cutsFramesToTheSnapLengthButKeepsTheirLength() throws Exception {
    cutsFramesToTheSnapLength(settings(CAP_IF).withSnapLength(100));
  }

  @Test
  void theRecvmmsgFallbackCutsFramesToTheSnapLengthButKeepsTheirLength() throws Exception {
    cutsFramesToTheSnapLength(settings(CAP_IF).withSnapLength(100).withMode(CaptureMode.RECVMMSG));
  }

  private static void cutsFramesToTheSnapLength(LiveCaptureSettings settings) throws Exception {
    try (CaptureRun run = new CaptureRun(settings)) {
      exec(
          GEN,
          "python3",
          "-c",
          "import socket\n"
              + "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
              + "for i in range(10): s.sendto(bytes(1000), ('198.18.77.3', 9))");

      List<RecordingSink.Frame> frames = run.awaitFrames(10);

      assertThat(frames).hasSize(10);
      assertThat(frames)
          .allSatisfy(
              f -> {
                assertThat(f.bytes()).hasSize(100);
                assertThat(f.originalLength()).isEqualTo(14 + 20 + 8 + 1000);
              });
    }
  }

  /**
   * The receive path strips an 802.1Q tag into the skb before any packet socket sees the frame
   * (skb_vlan_untag in __netif_receive_skb_core), whether or not a VLAN device exists; this kernel
   * may lack 8021q, so the tagged frames are written raw rather than through a VLAN device.
   */
  @Test
  void returnsTheVlanTagTheKernelStripped() throws Exception {
    returnsTheVlanTag(settings(CAP_IF));
  }

  @Test
  void theRecvmmsgFallbackReturnsTheVlanTagTheKernelStripped() throws Exception {
    returnsTheVlanTag(settings(CAP_IF).withMode(CaptureMode.RECVMMSG));
  }

  private static void returnsTheVlanTag(LiveCaptureSettings settings) throws Exception {
    String tagged =
        String.join(
            "\n",
            "import socket",
            "s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)",
            "s.bind(('" + GEN_IF + "', 0))",
            "eth = bytes.fromhex('"
                + (CAP_MAC + GEN_MAC).replace(":", "")
                + "8100' + '2064' + '0800')",
            "ip = bytes.fromhex('4500001c0000000040110000c6124e01c6124e03')",
            "udp = bytes.fromhex('0009000900080000')",
            "for i in range(7): s.send(eth + ip + udp)");
    try (CaptureRun run = new CaptureRun(settings)) {
      exec(GEN, "python3", "-c", tagged);

      List<RecordingSink.Frame> frames = run.awaitFrames(7);

      assertThat(countByKind(frames)).containsExactlyEntriesOf(Map.of("in udp", 7L));
      assertThat(frames)
          .allSatisfy(
              f -> {
                assertThat(f.vlanTci()).isEqualTo(0x2064); // priority 1, VLAN 100
                assertThat(f.originalLength()).isEqualTo(14 + 28);
              });
    }
  }

  @Test
  void seesFramesForAForeignMacOnlyWhenPromiscuous() throws Exception {
    String send = Netns.rawFramesScript(PEER_IF, FOREIGN_MAC, GEN_MAC, 20);
    String sendBroadcast = Netns.rawFramesScript(PEER_IF, BROADCAST, GEN_MAC, 3);

    try (CaptureRun run = new CaptureRun(settings(BRIDGE))) {
      exec(GEN, "python3", "-c", send);
      exec(GEN, "python3", "-c", sendBroadcast);
      assertThat(countByKind(ours(run.awaitFrames(3))))
          .containsExactlyEntriesOf(Map.of("in eth-88b5", 3L));
    }
    assertThat(Netns.promiscuity(CAP, BRIDGE)).isZero();

    try (CaptureRun run = new CaptureRun(settings(BRIDGE).withPromiscuous(true))) {
      assertThat(Netns.promiscuity(CAP, BRIDGE)).isEqualTo(1);
      exec(GEN, "python3", "-c", send);
      exec(GEN, "python3", "-c", sendBroadcast);
      assertThat(countByKind(ours(run.awaitFrames(23))))
          .containsExactlyEntriesOf(Map.of("in eth-88b5", 23L));
    }
    assertThat(Netns.promiscuity(CAP, BRIDGE)).isZero();
  }

  @Test
  void promiscuityGoesBackAfterTheCapturingProcessIsKilled() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                CAP,
                java,
                "-cp",
                System.getProperty("java.class.path"),
                PromiscuousHolder.class.getName(),
                BRIDGE)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      var out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("READY");
      assertThat(Netns.promiscuity(CAP, BRIDGE)).isEqualTo(1);
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
      child.waitFor(10, SECONDS);
    }
    await(() -> Netns.promiscuity(CAP, BRIDGE) == 0, "promiscuity back to 0");
  }

  @Test
  void promiscuityFollowsARecreatedInterfaceAndStillGoesBackAfterKill9() throws Exception {
    createReattachPair();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                CAP,
                java,
                "-cp",
                System.getProperty("java.class.path"),
                PromiscuousHolder.class.getName(),
                RE_IF)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      var out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("READY");
      await(() -> Netns.promiscuity(CAP, RE_IF) == 1, "promiscuous on the first " + RE_IF);

      sh("ip", "-n", CAP, "link", "del", RE_IF);
      createReattachPair();
      await(() -> Netns.promiscuity(CAP, RE_IF) == 1, "promiscuous on the re-created " + RE_IF);
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
      child.waitFor(10, SECONDS);
    }
    await(() -> Netns.promiscuity(CAP, RE_IF) == 0, "promiscuity back to 0");
  }

  @Test
  void showsLoopbackTrafficTwiceAndSaysSo() throws Exception {
    try (CaptureRun run = new CaptureRun(settings("lo"))) {
      exec(CAP, "ping", "-q", "-c", "3", "-i", "0.05", "127.0.0.1");

      List<RecordingSink.Frame> frames = run.awaitFrames(12);

      assertThat(run.sink.interfaces.get(0).linuxLoopback()).isTrue();
      assertThat(countByKind(frames))
          .containsExactlyInAnyOrderEntriesOf(Map.of("in icmp", 6L, "out icmp", 6L));
    }
  }

  @Test
  void followsAnInterfaceDeletedAndRecreated() throws Exception {
    createReattachPair();
    String send = Netns.rawFramesScript(RE_PEER, BROADCAST, GEN_MAC, 10);
    try (CaptureRun run = new CaptureRun(settings(RE_IF))) {
      exec(GEN, "python3", "-c", send);
      run.awaitFrames(10);

      sh("ip", "-n", CAP, "link", "del", RE_IF);
      await(() -> run.capture.attachedInterfaces().isEmpty(), "detach");
      createReattachPair();
      await(() -> run.capture.attachedInterfaces().contains(RE_IF), "re-attach");
      exec(GEN, "python3", "-c", send);

      List<RecordingSink.Frame> frames = run.awaitFrames(20);
      assertThat(frames).hasSize(20);
      assertThat(frames).allSatisfy(f -> assertThat(f.interfaceId()).isZero());
      assertThat(run.sink.interfaces).containsOnlyKeys(0);
      assertThat(run.capture.kernelDrops()).isZero();
    }
  }

  @Test
  void picksUpEveryUpInterfaceAndOnesThatAppear() throws Exception {
    shQuiet("ip", "-n", CAP, "link", "del", RE_IF);
    try (CaptureRun run = new CaptureRun(settings())) {
      assertThat(run.capture.attachedInterfaces()).contains("lo", CAP_IF, BRIDGE, PORT_IF);
      createReattachPair();
      await(() -> run.capture.attachedInterfaces().contains(RE_IF), "new interface attached");
    }
  }

  /**
   * Capturing every interface with capture.forgetAfter = 1: a deleted interface is forgotten about
   * a second later (the sink is told its id), and the id goes to the next new interface.
   */
  @Test
  void forgetsAnInterfaceDeletedForLongerThanForgetAfterAndReusesItsId() throws Exception {
    createReattachPair();
    try (CaptureRun run = new CaptureRun(settings().withForgetAfter(1))) {
      await(() -> run.capture.attachedInterfaces().contains(RE_IF), RE_IF + " attached");
      int id =
          run.sink.interfaces.entrySet().stream()
              .filter(e -> e.getValue().name().equals(RE_IF))
              .findFirst()
              .orElseThrow()
              .getKey();
      assertThat(run.sink.removed).isEmpty();

      sh("ip", "-n", CAP, "link", "del", RE_IF);
      await(() -> run.sink.removed.contains(id), RE_IF + " forgotten");
      assertThat(run.sink.interfaces).doesNotContainKey(id);

      createReattachPair();
      await(() -> run.capture.attachedInterfaces().contains(RE_IF), RE_IF + " attached again");
      assertThat(run.sink.interfaces.get(id).name()).isEqualTo(RE_IF);
      assertThat(run.sink.removed).containsExactly(id); // nothing else was forgotten
    }
  }

  /** Named interfaces are waited for, never forgotten. */
  @Test
  void neverForgetsANamedInterface() throws Exception {
    createReattachPair();
    try (CaptureRun run = new CaptureRun(settings(RE_IF).withForgetAfter(1))) {
      await(() -> run.capture.attachedInterfaces().contains(RE_IF), RE_IF + " attached");
      sh("ip", "-n", CAP, "link", "del", RE_IF);
      await(() -> run.capture.attachedInterfaces().isEmpty(), "detach");
      Thread.sleep(3_000); // three housekeeping rounds past forgetAfter
      assertThat(run.sink.removed).isEmpty();
      assertThat(run.sink.interfaces).containsKey(0);
    }
  }

  private static void createReattachPair() {
    shQuiet("ip", "-n", CAP, "link", "del", RE_IF); // tests run in any order
    sh(
        "ip", "link", "add", RE_IF, "netns", CAP, "type", "veth", "peer", "name", RE_PEER, "netns",
        GEN);
    sh("ip", "-n", CAP, "link", "set", RE_IF, "up");
    sh("ip", "-n", GEN, "link", "set", RE_PEER, "up");
  }
}
