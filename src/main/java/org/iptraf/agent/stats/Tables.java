package org.iptraf.agent.stats;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.config.FilterRule;
import org.iptraf.agent.decode.IpProtocol;
import org.iptraf.agent.decode.Packet;
import org.iptraf.agent.decode.PacketDecoder;

/**
 * Every IPTraf facility behind one {@link FrameSink}: decodes each frame once and counts it into
 * the interface statistics, VLANs, the TCP connection table, other flows, ports, packet sizes and
 * stations.
 *
 * <p>One thread writes (the capture or replay thread calling {@link #frame}); nothing on that path
 * allocates or takes a lock. Other threads read through {@link #snapshot()}: the writer builds an
 * immutable {@link TablesSnapshot} between two frames when one is asked for, and readers never
 * touch the live arrays. Commands from other threads (reset, clear) run the same way.
 */
public final class Tables implements FrameSink, SnapshotSource {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long NO_FRAME = Long.MAX_VALUE;
  private static final int REQUEST_SNAPSHOT = 1;
  private static final int REQUEST_RESET = 2;
  private static final int REQUEST_CLEAR_CLOSED = 4;
  private static final int REQUEST_COUNTERS = 8;

  /** A reader reuses a snapshot younger than this instead of asking the writer for a new one. */
  private static final long FRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);

  /** How long a reader waits for the writer before it takes the last snapshot as it is. */
  private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private final PacketDecoder decoder = new PacketDecoder();
  private final Packet packet = new Packet();
  private final Filter filter;
  private final TcpTable tcp;
  private final OtherFlowTable others;
  private final StationTable stations;
  private final VlanTable vlans;
  private final MacPairTable macPairs;
  private final PortTable ports = new PortTable();
  private final SizeTable sizes;
  private final LongSupplier monotonicNanos;
  private InterfaceCounters[] interfaces = new InterfaceCounters[8];
  private int interfaceCount;

  // capture counters
  private long frames;
  private long bytes;
  private long malformed;
  private long unknownLinkType;
  private long filtered;
  private long loopbackDuplicates;
  private volatile LongSupplier kernelDrops = () -> 0;
  private final WindowRate kernelDropRate = new WindowRate();
  private final WindowRate connectionRate = new WindowRate();

  // the capture clock
  private long firstFrameNanos = NO_FRAME; // the smallest time the clock moved to: the first
  private long now;
  private long second = Long.MIN_VALUE;
  private long nextSecondNanos = Long.MIN_VALUE; // where the current second ends

  // hand-over to readers
  private volatile int requests;
  private volatile TablesSnapshot latest;
  private volatile long latestAt = Long.MIN_VALUE;
  private volatile TablesSnapshot latestCounters; // a full snapshot serves as one too
  private volatile long latestCountersAt = Long.MIN_VALUE;
  private volatile boolean writerDone;
  private boolean writerAttached; // set under the monitor by the writer's first call
  private long sequence;
  private long resetCount;
  private int clearedByLastRequest;

  public Tables(
      AgentConfig.Tables settings, List<FilterRule> filterRules, LongSupplier monotonicNanos) {
    this.filter = new Filter(filterRules);
    this.tcp =
        new TcpTable(
            settings.tcpMaxConnections(),
            settings.tcpIdleTimeout() * NANOS_PER_SECOND,
            settings.tcpClosedRetention() * NANOS_PER_SECOND,
            ports);
    this.others =
        new OtherFlowTable(
            settings.flowsMaxEntries(), settings.flowsIdleTimeout() * NANOS_PER_SECOND);
    this.stations =
        new StationTable(
            settings.stationsMaxEntries(), settings.stationsIdleTimeout() * NANOS_PER_SECOND);
    this.vlans = new VlanTable(settings.vlansMaxEntries());
    this.macPairs =
        new MacPairTable(
            settings.stationsMaxEntries(),
            settings.stationsIdleTimeout() * NANOS_PER_SECOND,
            stations);
    this.sizes = new SizeTable(settings.mtu());
    this.monotonicNanos = monotonicNanos;
    this.latest = build(true);
    this.latestCounters = latest;
  }

  /** Expiry looks at every record at every tick, as before the wheel (tests compare the two). */
  void lookAtEveryRecordEveryTick() {
    tcp.lookAtEveryRecordEveryTick();
    others.lookAtEveryRecordEveryTick();
    stations.lookAtEveryRecordEveryTick();
  }

  /** Where kernel drop totals come from (live capture); read only when a snapshot is built. */
  public void kernelDrops(LongSupplier source) {
    this.kernelDrops = source;
  }

  // ---------------------------------------------------------------- the writer's side

  /**
   * Synchronized: a live capture declares its interfaces from the thread that opens it, while
   * exporters may already be building snapshots themselves (no writer attached yet); rare, so the
   * monitor costs nothing that matters.
   */
  @Override
  public synchronized void interfaceAdded(int interfaceId, InterfaceInfo info) {
    if (interfaceId < 0) {
      throw new IllegalArgumentException("interface id must not be negative: " + interfaceId);
    }
    if (interfaceId >= interfaces.length) {
      interfaces = Arrays.copyOf(interfaces, Math.max(interfaceId + 1, interfaces.length * 2));
    }
    InterfaceCounters existing = interfaces[interfaceId];
    if (existing == null) {
      interfaces[interfaceId] = new InterfaceCounters(interfaceId, info);
    } else {
      existing.info = info; // an interface that came back keeps its counters
    }
    interfaceCount = Math.max(interfaceCount, interfaceId + 1);
  }

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
    if (!writerAttached) {
      attachWriter();
    }
    if (requests != 0) {
      serveRequests();
    }
    frames++;
    bytes += originalLength;
    advanceClock(timestampNanos);
    InterfaceCounters ic = counters(interfaceId);
    Packet p =
        decoder.decode(
            buffer,
            offset,
            capturedLength,
            originalLength,
            ic.info.linkType(),
            direction,
            vlanTci,
            packet);
    if (p.loopbackOutCopy || (ic.info.linuxLoopback() && p.direction == DIRECTION_OUT)) {
      loopbackDuplicates++;
      return;
    }
    if (p.malformed) {
      malformed++;
    }
    if (p.unknownLinkType) {
      unknownLinkType++;
      ic.countUndecoded(p);
      // its length is known even if its layers are not: the size breakdown counts it, as the
      // interface's RMON buckets do
      sizes.count(p.originalLength, p.direction == DIRECTION_OUT);
      return;
    }
    if (!filter.isEmpty() && !filter.accepts(p, ic.info.name())) {
      filtered++;
      return;
    }
    count(ic, p);
  }

  private void count(InterfaceCounters ic, Packet p) {
    int id = ic.id;
    ic.count(p);
    boolean out = p.direction == DIRECTION_OUT;
    sizes.count(p.originalLength, out);
    if (p.vlanId >= 0) {
      vlans.count(id, p.vlanId, p.originalLength);
    }
    if (p.hasMacs) {
      macPairs.count(p, id, now); // and through it, once a second, both stations
    } else if (p.srcMac != 0) {
      stations.countSender(p, id, now);
    }
    if (!p.isIp()) {
      others.countNonIp(p, id, now);
    } else if (p.protocol == IpProtocol.TCP && p.hasTransport) {
      tcp.count(p, id, now); // and through it, when its record goes or for a snapshot, ports
    } else {
      others.countIp(p, id, now);
      if (p.protocol == IpProtocol.UDP && p.hasTransport) {
        ports.count(PortTable.UDP, p.srcPort, p.dstPort, p.ipLength);
      }
    }
  }

  @Override
  public void tick(long timestampNanos) {
    if (!writerAttached) {
      attachWriter();
    }
    if (requests != 0) {
      serveRequests();
    }
    advanceClock(timestampNanos);
  }

  /**
   * Forgets an interface that is gone for good: its counters, and its VLANs, connections, flows,
   * stations and MAC pairs. The id may be declared again afterwards, for another interface.
   */
  @Override
  public synchronized void interfaceRemoved(int interfaceId) {
    if (interfaceId < 0 || interfaceId >= interfaceCount || interfaces[interfaceId] == null) {
      return;
    }
    interfaces[interfaceId] = null;
    tcp.removeInterface(interfaceId);
    others.removeInterface(interfaceId);
    stations.removeInterface(interfaceId);
    macPairs.removeInterface(interfaceId);
    vlans.removeInterface(interfaceId);
  }

  /**
   * From the writer's first frame or tick on, readers ask it for snapshots; before, they build them
   * themselves (nothing writes yet), so exporters can start before the capture does. Taking the
   * monitor waits out a reader that is building one.
   */
  private synchronized void attachWriter() {
    writerAttached = true;
  }

  /** The source has no more frames (end of files, capture stopped): publishes a final snapshot. */
  public void finish() {
    synchronized (this) {
      serveRequests();
      publish();
      writerDone = true;
    }
  }

  private InterfaceCounters counters(int interfaceId) {
    if (interfaceId >= 0 && interfaceId < interfaceCount && interfaces[interfaceId] != null) {
      return interfaces[interfaceId];
    }
    // a source that skipped interfaceAdded: keep counting under a name that says so
    interfaceAdded(
        interfaceId < 0 ? 0 : interfaceId,
        new InterfaceInfo("unknown-" + interfaceId, -1, false, 0));
    return interfaces[interfaceId < 0 ? 0 : interfaceId];
  }

  /** Capture time only moves forward; each second boundary closes rate samples and timeouts. */
  private void advanceClock(long timestampNanos) {
    if (timestampNanos <= now) {
      return;
    }
    // no branch: one never taken after the JIT compiled this would cost a recompilation
    firstFrameNanos = Math.min(firstFrameNanos, timestampNanos);
    now = timestampNanos;
    if (timestampNanos >= nextSecondNanos) {
      nextSecond(); // once a second: a method of its own, so that the JIT keeps it out of line
    }
  }

  /**
   * The clock crossed into a new second: closes rate samples and runs the timeouts. Kept out of
   * {@link #frame}'s compiled code: what it calls differs between the warm-up and the capture (the
   * kernel's drop counter, say), and a surprise here then recompiles this, not the frame path.
   */
  private void nextSecond() {
    long s = Math.floorDiv(now, NANOS_PER_SECOND);
    nextSecondNanos =
        s == Long.MAX_VALUE / NANOS_PER_SECOND ? Long.MAX_VALUE : (s + 1) * NANOS_PER_SECOND;
    if (second != Long.MIN_VALUE) {
      long empty = s - second - 1;
      for (int i = 0; i < interfaceCount; i++) {
        if (interfaces[i] != null) {
          interfaces[i].closeSecond(empty);
        }
      }
      kernelDropRate.closeSecond(kernelDrops.getAsLong(), empty);
      connectionRate.closeSecond(tcp.opened(), empty);
      macPairs.expire(now); // first: it hands the stations their last second
    }
    // also in the first second: it starts the tables' expiry wheels, whose entries then grow
    // with the tables instead of all at once at the second tick
    tcp.expire(now);
    others.expire(now);
    stations.expire(now);
    second = s;
  }

  /** Runs what readers asked for, on the writer's thread (or any thread once it is done). */
  private synchronized void serveRequests() {
    int r = requests;
    if (r == 0) {
      return;
    }
    requests = 0;
    if ((r & REQUEST_RESET) != 0) {
      resetCounters0();
    }
    if ((r & REQUEST_CLEAR_CLOSED) != 0) {
      clearedByLastRequest = tcp.clearClosed();
    }
    if ((r & (REQUEST_SNAPSHOT | REQUEST_RESET | REQUEST_CLEAR_CLOSED)) != 0) {
      publish();
    } else if ((r & REQUEST_COUNTERS) != 0) {
      latestCounters = build(false);
      latestCountersAt = monotonicNanos.getAsLong();
      notifyAll();
    }
  }

  private void resetCounters0() {
    frames = bytes = malformed = unknownLinkType = filtered = loopbackDuplicates = 0;
    for (int i = 0; i < interfaceCount; i++) {
      if (interfaces[i] != null) {
        interfaces[i].reset();
      }
    }
    tcp.clear();
    others.clear();
    stations.clear();
    macPairs.clear();
    vlans.clear();
    ports.clear();
    sizes.clear();
    kernelDropRate.reset();
    connectionRate.reset();
    resetCount++;
  }

  private void publish() {
    TablesSnapshot s = build(true);
    long at = monotonicNanos.getAsLong();
    latest = s;
    latestAt = at;
    latestCounters = s;
    latestCountersAt = at;
    notifyAll();
  }

  /**
   * @param rows whether the row lists can be read; without, they say only how many rows there are
   *     (no copy of the records is made: see {@link #counters()})
   */
  private TablesSnapshot build(boolean rows) {
    macPairs.fold(now);
    String[] names = new String[interfaceCount];
    List<InterfaceSnapshot> ifs = new ArrayList<>(interfaceCount);
    long[] rmon = new long[PacketSizes.RMON_NAMES.length];
    for (int i = 0; i < interfaceCount; i++) {
      InterfaceCounters ic = interfaces[i];
      if (ic != null) {
        names[i] = ic.info.name();
        ifs.add(ic.snapshot());
        for (int b = 0; b < rmon.length; b++) {
          rmon[b] += ic.rmon(b);
        }
      }
    }
    java.util.function.IntFunction<String> name =
        id -> id >= 0 && id < names.length && names[id] != null ? names[id] : "unknown-" + id;
    FrozenRecords connections = rows ? tcp.freeze() : null;
    long n = ++sequence;
    tcp.snapshotBuilt(n); // records that end from now on are not in this snapshot
    others.snapshotBuilt(n);
    CaptureSnapshot capture =
        new CaptureSnapshot(
            frames,
            bytes,
            malformed,
            unknownLinkType,
            kernelDrops.getAsLong(),
            filtered,
            loopbackDuplicates,
            tcp.evictions(),
            others.evictions(),
            stations.evictions(),
            tcp.opened(),
            kernelDropRate.perSecond(),
            connectionRate.perSecond(),
            vlans.evictions(),
            macPairs.evictions());
    return new TablesSnapshot(
        n,
        firstFrameNanos == NO_FRAME ? 0 : firstFrameNanos,
        now,
        resetCount,
        capture,
        List.copyOf(ifs),
        // the rows of these lists are made when first read
        rows ? vlans.snapshot(name) : LazyRows.notTaken(vlans.size()),
        rows ? TcpTable.snapshot(connections, name) : LazyRows.notTaken(tcp.size()),
        rows ? others.snapshot(name) : LazyRows.notTaken(others.size()),
        rows ? tcp.portsSnapshot(connections) : LazyRows.notTaken(LazyRows.UNKNOWN_SIZE),
        new PacketSizes(rmon, List.copyOf(sizes.snapshot()), sizes.largest()),
        rows ? stations.snapshot(name) : LazyRows.notTaken(stations.size()),
        rows ? macPairs.snapshot(name) : LazyRows.notTaken(macPairs.size()));
  }

  // ---------------------------------------------------------------- the readers' side

  /**
   * A snapshot at most about a second old. Asks the writer for a new one if the last is older and
   * waits for it briefly; a writer too busy to answer in time gets its last snapshot returned.
   */
  @Override
  public TablesSnapshot snapshot() {
    // the initial snapshot (latestAt still MIN_VALUE) is never fresh: now - MIN_VALUE would wrap
    long at = latestAt;
    if (at != Long.MIN_VALUE && monotonicNanos.getAsLong() - at < FRESH_NANOS) {
      return latest;
    }
    return request(REQUEST_SNAPSHOT);
  }

  /**
   * A snapshot at most about a second old whose row lists may only tell their size (reading a row
   * throws, and so does the size of the port rows): for readers that want counters, rates and table
   * sizes once a second. Its making copies no records, so at a hundred thousand flows it costs the
   * writer microseconds instead of milliseconds and tens of MB of garbage.
   */
  @Override
  public TablesSnapshot counters() {
    long at = latestCountersAt;
    if (at != Long.MIN_VALUE && monotonicNanos.getAsLong() - at < FRESH_NANOS) {
      return latestCounters;
    }
    return request(REQUEST_COUNTERS);
  }

  /**
   * A snapshot built after this call began (or, if the writer does not answer in time, the last
   * one): for a reader that must not see one older than what it already read, such as a flow
   * exporter pairing snapshots with {@link #takeEndedFlows}. It costs the writer a copy of the
   * records each call, so it is for readers that call it seldom.
   */
  public TablesSnapshot freshSnapshot() {
    return request(REQUEST_SNAPSHOT);
  }

  /** As {@link #freshSnapshot()}, without rows ({@link #counters()}): cheap at any table size. */
  public TablesSnapshot freshCounters() {
    return request(REQUEST_COUNTERS);
  }

  /** Zeroes every counter and empties the flow tables, as of the writer's next frame. */
  public TablesSnapshot resetCounters() {
    return request(REQUEST_RESET);
  }

  /**
   * Frees closed, reset and timed-out connections now instead of after their retention.
   *
   * @return how many were freed, or -1 if the writer did not answer in time
   */
  public int clearClosedConnections() {
    TablesSnapshot before = latest;
    TablesSnapshot after = request(REQUEST_CLEAR_CLOSED);
    synchronized (this) {
      return after == before ? -1 : clearedByLastRequest;
    }
  }

  private TablesSnapshot request(int what) {
    boolean counters = what == REQUEST_COUNTERS;
    TablesSnapshot before = latest(counters);
    synchronized (this) {
      requests |= what;
      if (writerDone || !writerAttached) {
        serveRequests();
        return latest(counters);
      }
      long deadline = System.nanoTime() + WAIT_NANOS;
      try {
        while (latest(counters) == before && !writerDone) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            break;
          }
          TimeUnit.NANOSECONDS.timedWait(this, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (writerDone && latest(counters) == before) {
        serveRequests();
      }
      return latest(counters);
    }
  }

  private TablesSnapshot latest(boolean counters) {
    return counters ? latestCounters : latest;
  }

  /**
   * From now on, keeps the TCP connections and other flows that leave the tables (up to {@code
   * capacity} of each not yet taken; more are counted as dropped) for {@link #takeEndedFlows}. Call
   * before the first frame: the writer reads the buffers without a lock.
   */
  public synchronized void keepEndedFlows(int capacity) {
    if (writerAttached) {
      throw new IllegalStateException("keepEndedFlows must be called before the first frame");
    }
    tcp.keepEnded(capacity);
    others.keepEnded(capacity);
  }

  /**
   * The connections and flows that left the tables before the snapshot numbered {@code
   * beforeSequence} was built ({@link TablesSnapshot#sequence()}; {@code Long.MAX_VALUE}: all),
   * oldest first, each taken once. A reader that applies snapshot N and then takes what ended
   * before N sees every row exactly once at its end: those are not in N, nor in any later snapshot.
   * One reader only.
   */
  public EndedFlows takeEndedFlows(long beforeSequence) {
    java.util.function.IntFunction<String> name = interfaceNames(latest);
    return new EndedFlows(
        tcp.takeEnded(beforeSequence, name),
        others.takeEnded(beforeSequence, name),
        tcp.endedDropped() + others.endedDropped());
  }

  private static java.util.function.IntFunction<String> interfaceNames(TablesSnapshot s) {
    java.util.Map<Integer, String> names = new java.util.HashMap<>();
    for (InterfaceSnapshot i : s.interfaces()) {
      names.put(i.id(), i.name());
    }
    return id -> names.getOrDefault(id, "unknown-" + id);
  }
}
