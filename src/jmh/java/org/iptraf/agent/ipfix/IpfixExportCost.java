package org.iptraf.agent.ipfix;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.config.ConfigParser;
import org.iptraf.agent.stats.ExportCounters;
import org.iptraf.agent.stats.Tables;
import org.iptraf.agent.testkit.WriterThread;

/**
 * What IPFIX export costs at a given rate of new flows, on the capture's clock as live: each
 * simulated second, {@code flowsPerMinute / 60} new UDP flows (a request and a reply each) go into
 * the tables on a writer thread that stands for the capture thread; flows end after 60 s idle
 * ({@code flows.idleTimeout = 60}), so the tables hold about a minute of flows; after each second
 * the exporter runs one round, as its thread does once a second, sending to a UDP socket here.
 * Prints the CPU time, per simulated minute, of the exporter (rounds and sender) and of the writer,
 * with export on and off, after a warm-up.
 *
 * <p>{@code java -cp target/benchmarks.jar org.iptraf.agent.ipfix.IpfixExportCost [FLOWS_PER_MIN]
 * [MINUTES] [WARMUP_MINUTES]}
 */
public final class IpfixExportCost {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final long SECOND = 1_000_000_000L;
  private static final int FRAME = 60;

  private IpfixExportCost() {}

  public static void main(String[] args) throws Exception {
    int perMinute = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    for (boolean export : new boolean[] {false, true, false, true}) {
      run(perMinute, minutes, warmup, export);
    }
  }

  private static void run(int perMinute, int minutes, int warmup, boolean export) throws Exception {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    Tables tables =
        new Tables(
            ConfigParser.parse(Path.of("bench.conf"), List.of("flows.idleTimeout = 60")).tables(),
            List.of(),
            System::nanoTime);
    if (export) {
      tables.keepEndedFlows(32768);
    }
    tables.interfaceAdded(0, new InterfaceInfo("bench0", 1, false, 0));
    int perSecond = perMinute / 60;
    ByteBuffer frame = ByteBuffer.allocate(FRAME);
    try (DatagramSocket sink = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        WriterThread writer = new WriterThread(tables, "bench-writer", 60)) {
      Thread drain = drain(sink);
      ExportCounters counters = new ExportCounters("bench");
      IpfixExporter exporter =
          export
              ? IpfixExporter.manual(
                  new IpfixExporter.Settings(
                      new InetSocketAddress(InetAddress.getLoopbackAddress(), sink.getLocalPort()),
                      false,
                      1,
                      60,
                      60,
                      65536,
                      1400),
                  tables,
                  counters)
              : null;
      long self = Thread.currentThread().getId();
      long exporterCpu = 0;
      long writerCpu = 0;
      long senderCpu0 = 0;
      long flow = 0;
      for (int s = 0; s < (warmup + minutes) * 60; s++) {
        if (s == warmup * 60) {
          exporterCpu = -cpu.getThreadCpuTime(self);
          writerCpu = -cpu.getThreadCpuTime(writer.thread().getId());
          senderCpu0 = senderCpu(cpu);
        }
        long second = T0 + s * SECOND;
        long first = flow;
        flow += perSecond;
        writer.run(
            () -> {
              for (long f = first; f < first + perSecond; f++) {
                long t = second + (f - first) * (SECOND / perSecond);
                udp(frame, f, false);
                tables.frame(frame, 0, FRAME, FRAME, t, 0, FrameSink.DIRECTION_IN, -1);
                udp(frame, f, true);
                tables.frame(frame, 0, FRAME, FRAME, t + 1000, 0, FrameSink.DIRECTION_IN, -1);
              }
              tables.tick(second + SECOND - 1);
            });
        if (exporter != null) {
          exporter.round(false);
        }
      }
      exporterCpu += cpu.getThreadCpuTime(self);
      writerCpu += cpu.getThreadCpuTime(writer.thread().getId());
      long senderCpu = senderCpu(cpu) - senderCpu0;
      System.out.printf(
          "export=%s flows/min=%d minutes=%d: writer %.1f ms/min, exporter rounds %.1f ms/min,"
              + " sender %.1f ms/min, exporter total %.3f%% of a core; records %d, messages %d,"
              + " dropped %d, ended lost %d, table %d flows%n",
          export,
          perMinute,
          minutes,
          writerCpu / 1e6 / minutes,
          exporterCpu / 1e6 / minutes,
          senderCpu / 1e6 / minutes,
          (exporterCpu + senderCpu) / 1e9 / (minutes * 60.0) * 100,
          counters.records(),
          counters.messages(),
          counters.droppedRecords(),
          counters.droppedEnded(),
          tables.counters().otherFlows().size());
      if (exporter != null) {
        exporter.close();
      }
      drain.interrupt();
    }
  }

  /** CPU time of the sender thread, found by name (0 when there is none). */
  private static long senderCpu(ThreadMXBean cpu) {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("iptraf-ipfix-sender")) {
        return cpu.getThreadCpuTime(t.getId());
      }
    }
    return 0;
  }

  /** Ethernet, IPv4, UDP: 198.18.x.y:port to 198.19.0.1:53 for flow f, or the reply. */
  private static void udp(ByteBuffer b, long f, boolean reply) {
    int client = 0xC6120000 | (int) (f & 0xFFFF);
    int clientPort = 1024 + (int) ((f >>> 16) & 0x7FFF);
    int server = 0xC6130001;
    b.clear();
    b.putLong(0x0200000000010200L).putInt(0x00000002).putShort((short) 0x0800); // MACs, type
    b.put((byte) 0x45).put((byte) 0).putShort((short) 46).putInt(0).put((byte) 64).put((byte) 17);
    b.putShort((short) 0);
    b.putInt(reply ? server : client).putInt(reply ? client : server);
    b.putShort((short) (reply ? 53 : clientPort)).putShort((short) (reply ? clientPort : 53));
    b.putShort((short) 26).putShort((short) 0);
    while (b.position() < FRAME) {
      b.put((byte) 0);
    }
  }

  private static Thread drain(DatagramSocket sink) {
    Thread t =
        new Thread(
            () -> {
              DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
              try {
                while (true) {
                  sink.receive(p);
                }
              } catch (java.io.IOException e) {
                // closed
              }
            },
            "bench-collector");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
