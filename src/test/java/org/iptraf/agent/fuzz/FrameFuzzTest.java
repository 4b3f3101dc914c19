package org.iptraf.agent.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.capture.LinkType;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.decode.Packet;
import org.iptraf.agent.decode.PacketDecoder;
import org.iptraf.agent.stats.Tables;
import org.iptraf.agent.stats.TablesSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutated frames through one {@link Tables} for the whole run (and a bare {@link PacketDecoder}
 * beside it): no exception may escape, and the counters must stay consistent in every snapshot a
 * concurrent reader takes and at the end.
 *
 * <p>CI runs 200,000 frames. The long run: {@code -Diptraf.fuzz.frames=10000000}; another seed:
 * {@code -Diptraf.fuzz.seed=N}. A failure prints the seed, the frame number and the frame in hex.
 */
class FrameFuzzTest {

  private static final long FRAMES = Long.getLong("iptraf.fuzz.frames", 200_000);
  private static final long SEED = Long.getLong("iptraf.fuzz.seed", 20_240_607L);

  /** Every link type the decoder reads, and one it does not (LINKTYPE_USER0). */
  private static final int[] LINK_TYPES = {
    LinkType.NULL, LinkType.ETHERNET, LinkType.SLIP, LinkType.PPP, LinkType.RAW_OPENBSD,
    LinkType.RAW_BSD, LinkType.PPP_HDLC, LinkType.PPP_ETHER, LinkType.RAW, LinkType.LOOP,
    LinkType.LINUX_SLL, LinkType.IPV4, LinkType.IPV6, LinkType.LINUX_SLL2, 147
  };

  /** An Ethernet interface flagged as Linux loopback, where out copies are duplicates. */
  private static final int LOOPBACK_ID = LINK_TYPES.length;

  // small caps and timeouts, so eviction and expiry run all the time
  static final int TCP_CAP = 512;
  static final int FLOW_CAP = 512;
  static final int STATION_CAP = 256;
  private static final AgentConfig.Tables SMALL =
      new AgentConfig.Tables(TCP_CAP, 2, 1, FLOW_CAP, 2, STATION_CAP, 2, 64, 1500);

  private static final long START_NANOS = 1_700_000_000_000_000_000L;
  private static final int MAX_ALIGNMENT = 8;
  private static final int MAX_FAILURES = 10;

  @Test
  @Timeout(value = 6, unit = TimeUnit.HOURS)
  void mutatedFramesNeverThrowAndKeepTheCountersConsistent() throws Exception {
    long loadStart = System.nanoTime();
    List<Seed> seeds = FuzzSeeds.frames();
    int longest = seeds.stream().mapToInt(s -> s.bytes().length).max().orElse(0);
    long loadMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loadStart);

    Tables tables = new Tables(SMALL, List.of(), System::nanoTime);
    for (int i = 0; i < LINK_TYPES.length; i++) {
      tables.interfaceAdded(
          i, new InterfaceInfo("fuzz-" + LinkType.name(LINK_TYPES[i]), LINK_TYPES[i], false, 0));
    }
    tables.interfaceAdded(LOOPBACK_ID, new InterfaceInfo("lo", LinkType.ETHERNET, true, 0));
    int[] interfaceOf = new int[LinkType.LINUX_SLL2 + 1];
    for (int i = 0; i < LINK_TYPES.length; i++) {
      if (LINK_TYPES[i] < interfaceOf.length) {
        interfaceOf[LINK_TYPES[i]] = i;
      }
    }

    SplittableRandom random = new SplittableRandom(SEED);
    Mutator mutator = new Mutator(random.split());
    byte[] frame = new byte[longest + Mutator.slack()];
    byte[] memory = new byte[frame.length + MAX_ALIGNMENT];
    ByteBuffer bigEndian = ByteBuffer.wrap(memory);
    ByteBuffer littleEndian = ByteBuffer.wrap(memory).order(ByteOrder.LITTLE_ENDIAN);
    PacketDecoder bare = new PacketDecoder();
    Packet packet = new Packet();
    Map<String, String> failures = new LinkedHashMap<>();

    AtomicLong snapshots = new AtomicLong();
    AtomicReference<Throwable> readerFailure = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                while (!Thread.currentThread().isInterrupted()) {
                  TablesInvariants.check(tables.snapshot(), -1, TCP_CAP, FLOW_CAP, STATION_CAP);
                  snapshots.incrementAndGet();
                  Thread.sleep(20);
                }
              } catch (InterruptedException e) {
                // done
              } catch (Throwable t) {
                readerFailure.set(t);
              }
            },
            "fuzz-snapshot-reader");
    reader.start();

    long now = START_NANOS;
    long fed = 0;
    long start = System.nanoTime();
    for (long n = 0; n < FRAMES; n++) {
      Seed seed = seeds.get(random.nextInt(seeds.size()));
      int length = mutator.mutate(seed, frame);
      int interfaceId = chooseInterface(random, seed, interfaceOf);
      int offset = random.nextInt(MAX_ALIGNMENT);
      System.arraycopy(frame, 0, memory, offset, length);
      ByteBuffer buffer = random.nextBoolean() ? bigEndian : littleEndian;
      // limit at the captured end: a read past it throws instead of reading stale bytes
      buffer.limit(offset + length);
      int original = random.nextInt(10) == 0 ? length + random.nextInt(1500) : length;
      now = advance(random, now);
      int direction = random.nextInt(3) == 0 ? FrameSink.DIRECTION_OUT : FrameSink.DIRECTION_IN;
      int vlanTci = random.nextInt(20) == 0 ? random.nextInt(0x10000) : FrameSink.NO_VLAN;
      int linkType = interfaceId == LOOPBACK_ID ? LinkType.ETHERNET : LINK_TYPES[interfaceId];
      try {
        // the bare decoder also gets an original length shorter than the captured one
        int bareOriginal = random.nextInt(50) == 0 ? random.nextInt(length + 1) : original;
        checkPacket(
            bare.decode(buffer, offset, length, bareOriginal, linkType, direction, vlanTci, packet),
            offset,
            length,
            bareOriginal);
        fed++;
        tables.frame(buffer, offset, length, original, now, interfaceId, direction, vlanTci);
      } catch (Throwable t) {
        record(failures, t, n, linkType, frame, length, original);
      }
    }
    long wallNanos = System.nanoTime() - start;
    reader.interrupt();
    reader.join();
    tables.finish();

    assertThat(failures).as("exceptions out of decode or tables (seed " + SEED + ")").isEmpty();
    if (readerFailure.get() != null) {
      throw new AssertionError("a concurrent snapshot broke an invariant", readerFailure.get());
    }
    TablesSnapshot last = tables.snapshot();
    TablesInvariants.check(last, fed, TCP_CAP, FLOW_CAP, STATION_CAP);
    System.out.printf(
        "frame fuzz: %,d mutated frames from %,d seeds, seed %d, %.1f s (%,.0f frames/s; seeds"
            + " loaded in %d ms), %,d concurrent snapshots; malformed %,d, unknown link type %,d,"
            + " loopback duplicates %,d, tcp evictions %,d, flow evictions %,d%n",
        fed,
        seeds.size(),
        SEED,
        wallNanos / 1e9,
        fed * 1e9 / wallNanos,
        loadMillis,
        snapshots.get(),
        last.capture().malformed(),
        last.capture().unknownLinkType(),
        last.capture().loopbackDuplicates(),
        last.capture().tcpEvictions(),
        last.capture().flowEvictions());
  }

  /** Mostly the seed's own link type; one frame in five goes to any interface. */
  private static int chooseInterface(SplittableRandom random, Seed seed, int[] interfaceOf) {
    int r = random.nextInt(10);
    if (r == 0) {
      return LOOPBACK_ID;
    }
    if (r == 1
        || r == 2
        || seed.linkType() >= interfaceOf.length
        || LINK_TYPES[interfaceOf[seed.linkType()]] != seed.linkType()) {
      return random.nextInt(LINK_TYPES.length);
    }
    return interfaceOf[seed.linkType()];
  }

  /** Capture time: small steps, now and then a step back (ignored) or a jump past the timeouts. */
  private static long advance(SplittableRandom random, long now) {
    int r = random.nextInt(10_000);
    if (r == 0) {
      return now + TimeUnit.SECONDS.toNanos(1 + random.nextInt(3600));
    }
    if (r < 10) {
      return now - random.nextLong(TimeUnit.SECONDS.toNanos(10)); // tables keep their clock
    }
    return now + random.nextInt(100_000);
  }

  /** What a decoded packet may hold whatever its bytes. */
  private static void checkPacket(Packet p, int offset, int length, int original) {
    int wire = Math.max(length, original);
    if (p.ipLength < 0 || p.ipLength > wire) {
      throw new AssertionError("ipLength " + p.ipLength + " outside 0.." + wire);
    }
    if (p.vlanId < -1 || p.vlanId > 0x0FFF) {
      throw new AssertionError("vlanId " + p.vlanId);
    }
    if (p.srcPort < 0 || p.srcPort > 0xFFFF || p.dstPort < 0 || p.dstPort > 0xFFFF) {
      throw new AssertionError("ports " + p.srcPort + " " + p.dstPort);
    }
    if (p.network != Packet.NET_NONE
        && (p.networkOffset < offset || p.networkOffset > offset + wire)) {
      throw new AssertionError("networkOffset " + p.networkOffset + " outside the frame");
    }
    if (p.tcpFlags < 0 || p.tcpFlags > 0xFF || p.tcpWindow < 0 || p.tcpWindow > 0xFFFF) {
      throw new AssertionError("tcp flags " + p.tcpFlags + " window " + p.tcpWindow);
    }
  }

  /** Keeps the first reproducer of each distinct failure site. */
  private static void record(
      Map<String, String> failures,
      Throwable t,
      long n,
      int linkType,
      byte[] frame,
      int length,
      int original) {
    StackTraceElement top = t.getStackTrace().length > 0 ? t.getStackTrace()[0] : null;
    String site = t.getClass().getName() + " at " + top;
    if (failures.size() < MAX_FAILURES && !failures.containsKey(site)) {
      List<String> lines = new ArrayList<>();
      lines.add(
          "frame #"
              + n
              + " of seed "
              + SEED
              + ", link type "
              + linkType
              + ", captured "
              + length
              + ", original "
              + original
              + ": "
              + t);
      lines.add(HexFormat.of().formatHex(frame, 0, length));
      failures.put(site, String.join("\n", lines));
      t.printStackTrace();
    }
  }
}
