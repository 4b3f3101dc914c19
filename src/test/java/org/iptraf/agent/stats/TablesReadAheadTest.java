package org.iptraf.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.capture.LinkType;
import org.iptraf.agent.config.ConfigParser;
import org.iptraf.agent.testutil.Frames;
import org.junit.jupiter.api.Test;

/**
 * Reading ahead ({@link Lookahead}): frames counted a group late, after the slots of their flows
 * were read, give the tables that counting each frame at once gives; a reader is served every frame
 * handed in before it asked; it reads ahead at the start, and stops where few flows are busy at a
 * time.
 *
 * <p>The capture: {@link #CONNECTIONS} TCP connections and {@link #UDP_FLOWS} UDP flows opened one
 * after another (above {@link Lookahead#FROM_FLOWS} together), then frames of flows drawn at random
 * among the first {@code busy} of them, one every {@link #GAP_NANOS}, so that the clock crosses a
 * second every 20,000 frames.
 */
class TablesReadAheadTest {

  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final long GAP_NANOS = 50_000;
  private static final int CONNECTIONS = 40_000;
  private static final int UDP_FLOWS = 5_000;
  private static final int OPENING = CONNECTIONS + UDP_FLOWS;

  private static Tables tables() {
    var c = ConfigParser.defaultConfig();
    Tables t = new Tables(c.tables(), c.filters(), System::nanoTime);
    t.interfaceAdded(0, new InterfaceInfo("eth0", LinkType.ETHERNET, false, 262144, 2));
    return t;
  }

  /** Tables that never read ahead, nor at the start: each frame counted as it comes. */
  private static Tables countingAtOnce() {
    Tables t = tables();
    t.ahead.fromFlows = Integer.MAX_VALUE;
    t.ahead.stop();
    return t;
  }

  private static String client(int i) {
    return "10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff);
  }

  /**
   * Frame {@code i} of the capture: flow {@code i} opened while {@code i < OPENING}, then one of
   * the first {@code busy} flows, either way round, with a payload of 0 to 199 bytes.
   */
  private static byte[] frame(int i, int busy) {
    int flow = i;
    boolean reply = false;
    int payload = 0;
    if (i >= OPENING) {
      SplittableRandom r = new SplittableRandom(i);
      flow = r.nextInt(busy);
      reply = r.nextBoolean();
      payload = r.nextInt(200);
    }
    String a = client(flow);
    String b = flow < CONNECTIONS ? "192.0.2.1" : "192.0.2.53";
    byte[] ip;
    if (flow < CONNECTIONS) {
      int port = 1024 + flow % 60_000;
      int flags = i < OPENING ? Frames.SYN : Frames.ACK;
      ip =
          reply
              ? Frames.ipv4(b, a, 6, Frames.tcp(80, port, flags, 1000, payload))
              : Frames.ipv4(a, b, 6, Frames.tcp(port, 80, flags, 1000, payload));
    } else {
      ip =
          reply
              ? Frames.ipv4(b, a, 17, Frames.udp(53, 5000, payload))
              : Frames.ipv4(a, b, 17, Frames.udp(5000, 53, payload));
    }
    return Frames.ethernet(Frames.MAC_B, Frames.MAC_A, 0x0800, ip);
  }

  /** Hands frames {@code from} to {@code to} to the tables; whether it was reading ahead. */
  private static boolean feed(Tables t, int from, int to, int busy) {
    boolean readAhead = false;
    for (int i = from; i < to; i++) {
      hand(t, frame(i, busy), T0 + i * GAP_NANOS);
      readAhead |= t.ahead.on;
    }
    return readAhead;
  }

  private static void hand(Tables t, byte[] f, long timestampNanos) {
    t.frame(
        ByteBuffer.wrap(f),
        0,
        f.length,
        f.length,
        timestampNanos,
        0,
        FrameSink.DIRECTION_IN,
        FrameSink.NO_VLAN);
  }

  @Test
  void readingAheadCountsWhatCountingAtOnceCounts() {
    int frames = OPENING + 100_000;
    Tables ahead = tables();
    Tables atOnce = countingAtOnce();

    boolean aheadRead = feed(ahead, 0, frames, OPENING);
    boolean atOnceRead = feed(atOnce, 0, frames, OPENING);
    ahead.finish();
    atOnce.finish();

    assertThat(aheadRead).isTrue();
    assertThat(atOnceRead).isFalse();
    TablesSnapshot a = ahead.snapshot();
    TablesSnapshot b = atOnce.snapshot();
    assertThat(a.capture().frames()).isEqualTo(frames);
    assertThat(a.interfaces().get(0).tcp().packets() + a.interfaces().get(0).udp().packets())
        .isEqualTo(frames);
    assertThat(a.capture()).isEqualTo(b.capture());
    assertThat(a.interfaces())
        .usingRecursiveFieldByFieldElementComparator()
        .isEqualTo(b.interfaces());
    assertThat(a.tcpConnections()).hasSize(CONNECTIONS).isEqualTo(b.tcpConnections());
    assertThat(a.otherFlows()).hasSize(UDP_FLOWS).isEqualTo(b.otherFlows());
    assertThat(a.ports()).isEqualTo(b.ports());
    assertThat(a.stations()).isEqualTo(b.stations());
    assertThat(a.packetSizes().buckets()).isEqualTo(b.packetSizes().buckets());
  }

  /**
   * A tick between two frames counts those waiting at once, before their group's slots were read:
   * the tables come out as counting each frame at once makes them. Ticks every 5 frames, so that
   * groups of 16 are cut at every phase.
   */
  @Test
  void ticksThatCutGroupsCountWhatCountingAtOnceCounts() {
    int frames = OPENING + 50_000;
    Tables ahead = tables();
    Tables atOnce = countingAtOnce();
    for (Tables t : new Tables[] {ahead, atOnce}) {
      for (int i = 0; i < frames; i++) {
        long time = T0 + i * GAP_NANOS;
        hand(t, frame(i, OPENING), time);
        if (i % 5 == 4) {
          t.tick(time);
        }
      }
      t.finish();
    }

    assertThat(ahead.ahead.on).isTrue();
    TablesSnapshot a = ahead.snapshot();
    TablesSnapshot b = atOnce.snapshot();
    assertThat(a.capture().frames()).isEqualTo(frames);
    assertThat(a.tcpConnections()).hasSize(CONNECTIONS).isEqualTo(b.tcpConnections());
    assertThat(a.otherFlows()).hasSize(UDP_FLOWS).isEqualTo(b.otherFlows());
    assertThat(a.ports()).isEqualTo(b.ports());
  }

  /**
   * From the first frame it reads ahead, whatever the flows, for {@link Lookahead#FIRST_FRAMES}
   * frames at least; then, with a hundred flows busy, it stops at the next second. Here the clock
   * crosses a second every 1,000 frames.
   */
  @Test
  void itReadsAheadFromTheFirstFrameThenStopsWhereFewFlowsAreBusy() {
    Tables t = tables();
    long gap = 1_000_000;
    int first = (int) Lookahead.FIRST_FRAMES;
    int off = -1;
    for (int i = 0; i < first + 2_000; i++) {
      hand(t, frame(OPENING + i, 100), T0 + i * gap);
      if (i < first) {
        assertThat(t.ahead.on).as("reading ahead at frame %d", i).isTrue();
      } else if (off < 0 && !t.ahead.on) {
        off = i;
      }
    }
    assertThat(off).as("the frame it stopped at").isBetween(first, first + 1_000);
    t.finish();
    assertThat(t.snapshot().capture().frames()).isEqualTo(first + 2_000);
  }

  /**
   * Reading ahead, frames wait a group before they are counted; a reader's request is served
   * between two frames, and what it gets must count every frame handed in before, waiting or not.
   * While the reader waits, the writer hands in a frame of a new UDP flow every 20 ms: the flows in
   * what the reader got say how many of those came before it was served.
   */
  @Test
  void aReaderIsServedEveryFrameHandedInBeforeItAsked() throws Exception {
    Tables t = tables();
    int handed = OPENING + 50_000;
    feed(t, 0, handed, OPENING);
    assertThat(t.ahead.on).as("reading ahead").isTrue();
    AtomicReference<TablesSnapshot> served = new AtomicReference<>();
    Thread reader = new Thread(() -> served.set(t.freshSnapshot()));
    reader.start();
    int more = 0;
    while (reader.isAlive() && more < 500) {
      Thread.sleep(20);
      byte[] f =
          Frames.ethernet(
              Frames.MAC_B,
              Frames.MAC_A,
              0x0800,
              Frames.ipv4(
                  "10.200." + (more >> 8) + "." + (more & 0xff),
                  "192.0.2.53",
                  17,
                  Frames.udp(5000, 53, 10)));
      t.frame(
          ByteBuffer.wrap(f),
          0,
          f.length,
          f.length,
          T0 + (handed + more) * GAP_NANOS,
          0,
          FrameSink.DIRECTION_IN,
          FrameSink.NO_VLAN);
      more++;
    }
    reader.join();

    TablesSnapshot s = served.get();
    int newFlows = s.otherFlows().size() - UDP_FLOWS;
    assertThat(newFlows).isBetween(0, more);
    assertThat(s.capture().frames()).isEqualTo(handed + newFlows);
  }

  @Test
  void whereFewFlowsAreBusyItStopsAndStartsAgainWhenTheyAreMany() {
    Tables t = tables();
    int frames = OPENING + 20_000;
    assertThat(feed(t, 0, frames, OPENING)).isTrue();

    feed(t, frames, frames + 3 * 20_000, 100); // three seconds among 100 flows
    assertThat(t.ahead.on).isFalse();

    frames += 3 * 20_000; // then two seconds among all: on again at the second's end
    assertThat(feed(t, frames, frames + 2 * 20_000, OPENING)).isTrue();
  }

  /**
   * Seconds without a frame say nothing of the flows: among many flows it goes on reading ahead
   * after a pause, where it once stopped at the first idle second.
   */
  @Test
  void aPauseDoesNotStopIt() {
    Tables t = tables();
    int frames = OPENING + 20_000;
    assertThat(feed(t, 0, frames, OPENING)).isTrue();

    long end = T0 + frames * GAP_NANOS;
    for (int s = 1; s <= 3; s++) {
      t.tick(end + s * 1_000_000_000L);
    }
    for (int i = frames; i < frames + 2 * 20_000; i++) {
      hand(t, frame(i, OPENING), end + 3_000_000_000L + (i - frames) * GAP_NANOS);
      assertThat(t.ahead.on).as("reading ahead at frame %d after the pause", i).isTrue();
    }
  }
}
