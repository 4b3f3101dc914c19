package org.iptraf.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iptraf.agent.testutil.Frames.*;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.config.ConfigParser;
import org.junit.jupiter.api.Test;

/** Readers see the writer's progress while it runs, not only after finish(). */
class TablesSnapshotWhileWritingTest {

  @Test
  void theFirstSnapshotRequestWhileWritingIsServedByTheWriter() throws Exception {
    Tables tables = new Tables(ConfigParser.defaultConfig().tables(), List.of(), System::nanoTime);
    tables.interfaceAdded(0, new InterfaceInfo("eth0", 1, false, 0));
    byte[] frame =
        ethernet(MAC_B, MAC_A, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 17, udp(1000, 2000, 10)));
    ByteBuffer buffer = ByteBuffer.wrap(frame);
    AtomicBoolean stop = new AtomicBoolean();
    Thread writer =
        new Thread(
            () -> {
              long t = 1_700_000_000_000_000_000L;
              while (!stop.get()) {
                tables.frame(buffer, 0, frame.length, frame.length, t += 1000, 0, 0, -1);
              }
            });
    writer.start();
    try {
      Thread.sleep(50);
      assertThat(tables.snapshot().capture().frames()).isPositive();
    } finally {
      stop.set(true);
      writer.join();
    }
  }

  /**
   * Exporters start before the capture: until a writer's first frame or tick, a reader builds its
   * snapshot itself and sees the interfaces declared so far (waiting for a writer that does not run
   * yet would hand it the stale first snapshot, without them, after its timeout).
   */
  @Test
  void beforeTheWriterStartsAReaderBuildsItsOwnCurrentSnapshot() {
    long[] clock = {0};
    Tables tables = new Tables(ConfigParser.defaultConfig().tables(), List.of(), () -> clock[0]);
    TablesSnapshot first = tables.snapshot();
    tables.interfaceAdded(3, new InterfaceInfo("eth3", 1, false, 0));
    clock[0] += 2_000_000_000L; // older than a reader reuses

    TablesSnapshot s = tables.snapshot();

    assertThat(s.sequence()).isGreaterThan(first.sequence());
    assertThat(s.interfaces()).extracting(InterfaceSnapshot::name).containsExactly("eth3");
  }
}
