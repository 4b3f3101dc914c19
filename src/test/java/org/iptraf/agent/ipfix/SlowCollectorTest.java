package org.iptraf.agent.ipfix;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.config.ConfigParser;
import org.iptraf.agent.stats.ExportCounters;
import org.iptraf.agent.stats.Tables;
import org.iptraf.agent.testutil.Frames;
import org.junit.jupiter.api.Test;

/**
 * A TCP collector that accepts and then never reads: once the socket's buffers are full the sender
 * blocks, its queue of 8 messages fills, and every further message is dropped and counted; the
 * exporter's rounds still finish, every frame is counted, and nothing else waits.
 */
class SlowCollectorTest {
  private static final int FLOWS = 200_000;

  @Test
  void aCollectorThatStopsReadingCostsDroppedRecordsNotFramesOrMemory() throws Exception {
    Tables tables =
        new Tables(
            ConfigParser.parse(Path.of("t.conf"), List.of()).tables(), List.of(), System::nanoTime);
    tables.keepEndedFlows(1024);
    tables.interfaceAdded(0, new InterfaceInfo("eth0", 1, false, 0));
    ExportCounters counters = new ExportCounters("slow");
    try (ServerSocket collector = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      IpfixExporter exporter =
          IpfixExporter.manual(
              new IpfixExporter.Settings(
                  new InetSocketAddress(InetAddress.getLoopbackAddress(), collector.getLocalPort()),
                  true,
                  1,
                  60,
                  60,
                  8,
                  1400),
              tables,
              counters);
      long t = Traffic.T0;
      for (int f = 0; f < FLOWS; f++) {
        String src = "10." + (f >>> 16 & 0xFF) + "." + (f >>> 8 & 0xFF) + "." + (f & 0xFF);
        byte[] frame =
            Frames.ethernet(
                Frames.MAC_B,
                Frames.MAC_A,
                0x0800,
                Frames.ipv4(src, "192.0.2.1", 17, Frames.udp(1024 + f % 1000, 53, 20)));
        tables.frame(
            ByteBuffer.wrap(frame),
            0,
            frame.length,
            frame.length,
            t += 1000,
            0,
            FrameSink.DIRECTION_IN,
            FrameSink.NO_VLAN);
      }
      tables.finish();
      try (LazyCollector lazy = new LazyCollector(collector)) {
        exporter.close(); // the last round exports every flow; the sender gets 5 s, then stops
        long made = exporter.made();
        assertThat(made).as("one record per flow").isEqualTo(FLOWS);
        assertThat(tables.snapshot().capture().frames()).isEqualTo(FLOWS);
        assertThat(lazy.connected()).as("the collector took the connection").isTrue();
        assertThat(counters.connects()).isEqualTo(1);
        assertThat(counters.droppedRecords()).as("dropped").isPositive();
        assertThat(counters.records() + counters.droppedRecords())
            .as("every record sent or counted as dropped")
            .isEqualTo(made);
      }
    }
  }

  /** Accepts the exporter's connection on a thread of its own, and never reads from it. */
  private static final class LazyCollector implements AutoCloseable {
    private final java.util.concurrent.atomic.AtomicReference<Socket> accepted =
        new java.util.concurrent.atomic.AtomicReference<>();

    LazyCollector(ServerSocket server) {
      Thread t =
          new Thread(
              () -> {
                try {
                  accepted.set(server.accept());
                } catch (java.io.IOException e) {
                  // closed
                }
              },
              "lazy-collector");
      t.setDaemon(true);
      t.start();
    }

    boolean connected() {
      return accepted.get() != null;
    }

    @Override
    public void close() throws java.io.IOException {
      Socket s = accepted.get();
      if (s != null) {
        s.close();
      }
    }
  }
}
