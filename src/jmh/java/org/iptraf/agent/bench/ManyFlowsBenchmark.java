package org.iptraf.agent.bench;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.capture.LinkType;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.config.ConfigParser;
import org.iptraf.agent.stats.Tables;
import org.iptraf.agent.stats.TablesSnapshot;
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

/**
 * Decode plus every table at 100 k and 1 M concurrent flows: the IP traffic monitor where its
 * records no longer fit in any cache.
 *
 * <p>{@code flows} flows (80% TCP connections, 20% UDP flows; a tenth of each over IPv6), all in
 * the tables before measuring. Each invocation is {@link #FRAMES} frames laid out one after another
 * in one buffer, as a ring block holds them, covering {@link #PASS_SECONDS} of capture time;
 * invocations follow each other in time, so rates, the once-a-second work and idle expiry run as in
 * a capture. Which flow a frame belongs to is drawn uniformly or from a Zipf law ({@code s = 1}: a
 * few flows carry most frames, as on real links); half the frames go each way. Churn: before each
 * invocation a 64th of the flows are replaced by new ones (new client ports), so that connections
 * are made every second and the old ones time out and go, 300 to 900 s of capture time later.
 *
 * <p>Reports JMH's frames per second and, like {@link DecodeTablesBenchmark}, the benchmark
 * thread's CPU time and frames (frames per CPU-second is {@code frames * 1000 / cpuMillis}). Run:
 * {@code mvn -B -q -Pbenchmarks package -DskipTests && java -jar target/benchmarks.jar
 * ManyFlowsBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class ManyFlowsBenchmark {

  /** Frames per invocation. */
  static final int FRAMES = 1 << 21;

  /** Capture time one invocation covers. */
  static final long PASS_SECONDS = 10;

  private static final int CHURN_SHARE = 64;

  @Param({"100000", "1000000"})
  public int flows;

  @Param({"uniform", "zipf"})
  public String distribution;

  private ByteBuffer buffer;
  private int[] offset;
  private int[] length;
  private int[] flowOf;
  private boolean[] reply;
  private int[] generation;
  private Tables tables;
  private long pass;
  private int churned;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    int[] picks = picks(random);
    buffer = ByteBuffer.allocate(FRAMES * ManyFlowFrames.MAX_FRAME);
    offset = new int[FRAMES];
    length = new int[FRAMES];
    flowOf = picks;
    reply = new boolean[FRAMES];
    generation = new int[flows];
    for (int i = 0; i < FRAMES; i++) {
      offset[i] = buffer.position();
      reply[i] = random.nextBoolean();
      ManyFlowFrames.write(buffer, picks[i], 0, reply[i]);
      length[i] = buffer.position() - offset[i];
    }
    tables = newTables(flows);
    // every flow into the tables first: a pass over each flow once, then one of the buffer
    byte[] scratch = new byte[ManyFlowFrames.MAX_FRAME];
    ByteBuffer one = ByteBuffer.wrap(scratch);
    long t = start();
    for (int f = 0; f < flows; f++) {
      one.clear();
      ManyFlowFrames.write(one, f, 0, false);
      tables.frame(
          one, 0, one.position(), one.position(), t, 0, FrameSink.DIRECTION_IN, FrameSink.NO_VLAN);
    }
    run();
    describe();
  }

  /** Replaces the next 64th of the flows by new ones, outside the measured time. */
  @Setup(Level.Invocation)
  public void churn() {
    int from = churned;
    int to = Math.min(flows, from + flows / CHURN_SHARE);
    for (int f = from; f < to; f++) {
      generation[f]++;
    }
    churned = to == flows ? 0 : to;
    for (int i = 0; i < FRAMES; i++) {
      int f = flowOf[i];
      if (f >= from && f < to) {
        ManyFlowFrames.setGeneration(buffer, offset[i], f, reply[i], generation[f]);
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(FRAMES)
  public void decodeAndTables(DecodeTablesBenchmark.CpuTime cpu) {
    cpu.start();
    run();
    cpu.stop(FRAMES);
  }

  private void run() {
    long base = start() + (1 + pass++) * PASS_SECONDS * 1_000_000_000L;
    long step = PASS_SECONDS * 1_000_000_000L / FRAMES;
    Tables t = tables;
    ByteBuffer b = buffer;
    for (int i = 0; i < FRAMES; i++) {
      t.frame(
          b,
          offset[i],
          length[i],
          length[i],
          base + i * step,
          0,
          FrameSink.DIRECTION_IN,
          FrameSink.NO_VLAN);
    }
  }

  private static long start() {
    return 1_700_000_000L * 1_000_000_000L;
  }

  /** Which flow each frame belongs to. */
  private int[] picks(SplittableRandom random) {
    int[] picks = new int[FRAMES];
    if (distribution.equals("uniform")) {
      for (int i = 0; i < FRAMES; i++) {
        picks[i] = random.nextInt(flows);
      }
      return picks;
    }
    // Zipf, s = 1: flow k (from 1) drawn with weight 1/k; ranks shuffled over the flows
    double[] cdf = new double[flows];
    double sum = 0;
    for (int k = 0; k < flows; k++) {
      sum += 1.0 / (k + 1);
      cdf[k] = sum;
    }
    int[] flowOfRank = new int[flows];
    for (int k = 0; k < flows; k++) {
      flowOfRank[k] = k;
    }
    for (int k = flows - 1; k > 0; k--) {
      int j = random.nextInt(k + 1);
      int x = flowOfRank[k];
      flowOfRank[k] = flowOfRank[j];
      flowOfRank[j] = x;
    }
    for (int i = 0; i < FRAMES; i++) {
      int k = Arrays.binarySearch(cdf, random.nextDouble() * sum);
      picks[i] = flowOfRank[Math.min(flows - 1, k < 0 ? -k - 1 : k)];
    }
    return picks;
  }

  private static Tables newTables(int flows) {
    AgentConfig.Tables d = ConfigParser.defaultConfig().tables();
    // caps above the flows, so that all of them are in the tables and none is evicted
    int cap = Integer.highestOneBit(flows) * 2;
    AgentConfig.Tables settings =
        new AgentConfig.Tables(
            cap,
            d.tcpIdleTimeout(),
            d.tcpClosedRetention(),
            cap,
            d.flowsIdleTimeout(),
            d.stationsMaxEntries(),
            d.stationsIdleTimeout(),
            d.vlansMaxEntries(),
            d.mtu());
    Tables t = new Tables(settings, ConfigParser.defaultConfig().filters(), System::nanoTime);
    t.interfaceAdded(0, new InterfaceInfo("eth0", LinkType.ETHERNET, false, 262144, 2));
    return t;
  }

  /** The table sizes after the fill, from a scratch instance given the same frames. */
  private void describe() {
    Tables t = newTables(flows);
    byte[] scratch = new byte[ManyFlowFrames.MAX_FRAME];
    ByteBuffer one = ByteBuffer.wrap(scratch);
    for (int f = 0; f < flows; f++) {
      one.clear();
      ManyFlowFrames.write(one, f, 0, false);
      t.frame(
          one,
          0,
          one.position(),
          one.position(),
          start(),
          0,
          FrameSink.DIRECTION_IN,
          FrameSink.NO_VLAN);
    }
    t.finish();
    TablesSnapshot s = t.snapshot();
    System.out.printf(
        "%n[many flows] %d flows (%s): %d TCP connections, %d other flows, %d frames"
            + " of %d B on average per invocation, %d s of capture time each%n",
        flows,
        distribution,
        s.tcpConnections().size(),
        s.otherFlows().size(),
        FRAMES,
        buffer.position() / FRAMES,
        PASS_SECONDS);
  }
}
