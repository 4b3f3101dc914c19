package org.iptraf.agent.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.capture.LinkType;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.config.ConfigParser;
import org.iptraf.agent.decode.Packet;
import org.iptraf.agent.decode.PacketDecoder;
import org.iptraf.agent.stats.Tables;
import org.iptraf.agent.stats.TablesSnapshot;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decode plus every table, one frame per operation, over {@link TrafficMix#count} frames in memory
 * with the default configuration. Each invocation is one pass over the buffer; passes follow each
 * other in capture time (1 us per frame by default), so second boundaries, rate samples, TCP state
 * changes, the closed-entry retention and idle expiry all run during the measurement, exactly as
 * {@link Tables#frame} does them for a live capture.
 *
 * <p>The machine is shared, so besides JMH's wall-clock score each benchmark reports the CPU time
 * of the benchmark thread and the frames it handled ({@link CpuTime}): frames per CPU-second is
 * what "on one core" means when other processes take turns on that core.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar DecodeTablesBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class DecodeTablesBenchmark {

  /** Frames in the buffer: one invocation walks all of them. Keep in step with FRAMES. */
  static final int FRAMES = 1 << 20;

  @Param({"1000"})
  public long nanosPerFrame;

  @Param({"false"})
  public boolean direct;

  private TrafficMix mix;
  private Tables tables;
  private final PacketDecoder decoder = new PacketDecoder();
  private final Packet packet = new Packet();
  private long pass;

  /**
   * CPU time of the benchmark thread and the frames it handled. JMH adds {@code EVENTS} counters up
   * over the measured iterations, so the two are reported as totals ({@code cpuMillis}, {@code
   * frames}) and frames per CPU-second is their ratio, {@code frames * 1000 / cpuMillis}; a ratio
   * reported directly would be summed over the iterations too.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class CpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private long frames;
    private long cpuNanos;
    private long started;

    @Setup(Level.Iteration)
    public void reset() {
      frames = 0;
      cpuNanos = 0;
    }

    void start() {
      started = THREADS.getCurrentThreadCpuTime();
    }

    void stop(long framesDone) {
      cpuNanos += THREADS.getCurrentThreadCpuTime() - started;
      frames += framesDone;
    }

    public double cpuMillis() {
      return cpuNanos / 1e6;
    }

    public long frames() {
      return frames;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    mix = new TrafficMix(FRAMES, nanosPerFrame, 42, direct);
    describe(mix);
    tables = newTables();
  }

  private static Tables newTables() {
    AgentConfig config = ConfigParser.defaultConfig();
    Tables t = new Tables(config.tables(), config.filters(), System::nanoTime);
    t.interfaceAdded(0, new InterfaceInfo("eth0", LinkType.ETHERNET, false, 262144, 2));
    return t;
  }

  /** What one pass puts in the tables, counted on a scratch instance before measuring. */
  private static void describe(TrafficMix m) {
    Tables t = newTables();
    for (int i = 0; i < m.count; i++) {
      t.frame(
          m.buffer,
          m.offset[i],
          m.capturedLength[i],
          m.originalLength[i],
          m.timestampNanos[i] + 1,
          0,
          FrameSink.DIRECTION_IN,
          FrameSink.NO_VLAN);
    }
    t.finish();
    TablesSnapshot s = t.snapshot();
    var ifc = s.interfaces().get(0);
    System.out.printf(
        "%n[mix] %d frames, %d conversations; one pass gives %d TCP connections,"
            + " %d other flows, %d stations, %d VLANs, %d ports; frames: tcp %d udp %d icmp %d"
            + " icmpv6 %d otherIp %d ipv6 %d nonIp %d arp %d, malformed %d%n",
        m.count,
        m.conversations,
        s.tcpConnections().size(),
        s.otherFlows().size(),
        s.stations().size(),
        s.vlans().size(),
        s.ports().size(),
        ifc.tcp().packets(),
        ifc.udp().packets(),
        ifc.icmp().packets(),
        ifc.icmpv6().packets(),
        ifc.otherIp().packets(),
        ifc.ipv6().packets(),
        ifc.nonIp().packets(),
        ifc.arp().packets(),
        s.capture().malformed());
  }

  /** Decoder, filters and every table: what {@link Tables#frame} costs per frame. */
  @Benchmark
  @OperationsPerInvocation(FRAMES)
  public void decodeAndTables(CpuTime cpu) {
    cpu.start();
    TrafficMix m = mix;
    long base = (1_000_000_000L + pass * FRAMES) * nanosPerFrame; // capture time moves on
    pass++;
    Tables t = tables;
    for (int i = 0; i < FRAMES; i++) {
      t.frame(
          m.buffer,
          m.offset[i],
          m.capturedLength[i],
          m.originalLength[i],
          base + m.timestampNanos[i],
          0,
          FrameSink.DIRECTION_IN,
          FrameSink.NO_VLAN);
    }
    cpu.stop(FRAMES);
  }

  /** The decoder alone, for splitting the cost: what is left of decodeAndTables is the tables. */
  @Benchmark
  @OperationsPerInvocation(FRAMES)
  public void decodeOnly(Blackhole bh, CpuTime cpu) {
    cpu.start();
    TrafficMix m = mix;
    for (int i = 0; i < FRAMES; i++) {
      Packet p =
          decoder.decode(
              m.buffer,
              m.offset[i],
              m.capturedLength[i],
              m.originalLength[i],
              LinkType.ETHERNET,
              FrameSink.DIRECTION_IN,
              FrameSink.NO_VLAN,
              packet);
      bh.consume(p.srcPort ^ p.protocol);
    }
    cpu.stop(FRAMES);
  }
}
