package org.iptraf.agent.capture.live;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.capture.LinkType;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.config.ConfigParser;
import org.iptraf.agent.stats.Tables;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ring reader over one synthetic 1 MiB block of {@value #FRAMES} Ethernet/IPv4 frames (TCP and
 * UDP over 64 flows, 60 to 1514 B on the wire, cut at a 128 B snap length), as the kernel fills it.
 * Each operation is one frame: {@code readerOnly} hands frames to a sink that only sums two fields;
 * {@code readerIntoTables} runs the decoder and every table. Run with {@code -prof gc}: the
 * normalised allocation rate is the per-frame garbage and must be 0.
 *
 * <p>After each block the status word is handed back to "user" so the same block is read again;
 * that store is the only thing here the kernel would otherwise do.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RingReaderBenchmark {

  static final int FRAMES = 2048;
  private static final int BLOCK = 1 << 20;
  private static final int SNAP = 128;
  private static final VarHandle INT =
      MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

  private ByteBuffer ring;
  private RingReader reader;
  private SummingSink summing;
  private Tables tables;

  /** Sums what a minimal consumer would read, so nothing is optimised away. */
  static final class SummingSink implements FrameSink {
    long sum;

    @Override
    public void interfaceAdded(int interfaceId, InterfaceInfo info) {}

    @Override
    public void frame(
        ByteBuffer buffer,
        int offset,
        int capturedLength,
        int originalLength,
        long timestampNanos,
        int interfaceId,
        int direction,
        int vlanTci) {
      sum += originalLength + buffer.get(offset + 12) + direction + (timestampNanos & 1);
    }
  }

  @Setup
  public void setUp() {
    ring = ByteBuffer.allocateDirect(BLOCK);
    BlockWriter w = new BlockWriter(ring, BLOCK, 0);
    for (int i = 0; i < FRAMES; i++) {
      boolean tcp = i % 3 != 0;
      int wire = i % 5 == 0 ? 1514 : 60 + (i * 37) % 500;
      byte[] frame = frame(i % 64, tcp, wire);
      w.add(frame, wire, 1_700_000_000_000_000_000L + i * 1000L, i % 4 == 0 ? 4 : 0, -1);
    }
    w.publish();
    reader = new RingReader(ring, BLOCK, 1, 0);
    summing = new SummingSink();
    AgentConfig config = ConfigParser.defaultConfig();
    tables = new Tables(config.tables(), config.filters(), System::nanoTime);
    tables.interfaceAdded(0, new InterfaceInfo("bench0", LinkType.ETHERNET, false, SNAP, 1));
  }

  /** Ethernet + IPv4 + TCP/UDP headers of flow {@code flow}, cut at the snap length. */
  private static byte[] frame(int flow, boolean tcp, int wire) {
    ByteBuffer b = ByteBuffer.allocate(Math.min(wire, SNAP));
    b.put(new byte[] {2, 0x1b, 0, 0, 0, 2, 2, 0x1b, 0, 0, 0, 1}).putShort((short) 0x0800);
    b.put((byte) 0x45).put((byte) 0).putShort((short) (wire - 14)).putInt(0);
    b.put((byte) 64).put((byte) (tcp ? 6 : 17)).putShort((short) 0);
    b.putInt(0xc6120001).putInt(0xc6120100 + flow);
    b.putShort((short) (40000 + flow)).putShort((short) (tcp ? 80 : 53));
    if (tcp) {
      b.putInt(flow * 1000).putInt(0).putShort((short) 0x5010).putShort((short) 1024).putInt(0);
    } else {
      b.putShort((short) (wire - 14 - 20)).putShort((short) 0);
    }
    return b.array();
  }

  private void republish() {
    INT.setRelease(ring, IfPacket.BlockDesc.BLOCK_STATUS, IfPacket.TP_STATUS_USER);
  }

  @Benchmark
  @OperationsPerInvocation(FRAMES)
  public long readerOnly() {
    reader.readNextBlock(summing);
    republish();
    return summing.sum;
  }

  @Benchmark
  @OperationsPerInvocation(FRAMES)
  public int readerIntoTables() {
    int n = reader.readNextBlock(tables);
    republish();
    return n;
  }
}
