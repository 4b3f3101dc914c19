package org.iptraf.agent.stats;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.config.FilterRule;
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
 * touch the live arrays. Commands from other threads (reset, clear) run the same way; the hand-over
 * itself is {@link SnapshotExchange}'s job, with this object's monitor as its lock.
 */
public final class Tables implements FrameSink, SnapshotSource {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long NO_FRAME = Long.MAX_VALUE;

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
  private final InterfaceSet interfaces = new InterfaceSet();
  final Lookahead ahead; // package-private: tests look at it
  private final PacketCounter counter;

  private final CaptureCounters counts = new CaptureCounters();

  // the capture clock
  private long firstFrameNanos = NO_FRAME; // the smallest time the clock moved to: the first
  private long now;
  private long second = Long.MIN_VALUE;
  private long nextSecondNanos = Long.MIN_VALUE; // where the current second ends

  private long sequence;
  private long resetCount;
  private final SnapshotExchange exchange;

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
    this.ahead = new Lookahead(decoder, tcp, others, ports);
    this.counter =
        new PacketCounter(filter, counts, tcp, others, stations, vlans, macPairs, ports, sizes);
    this.exchange = new SnapshotExchange(this, new Writer(), monotonicNanos, build(true));
  }

  /** Expiry looks at every record at every tick, as before the wheel (tests compare the two). */
  void lookAtEveryRecordEveryTick() {
    tcp.lookAtEveryRecordEveryTick();
    others.lookAtEveryRecordEveryTick();
    stations.lookAtEveryRecordEveryTick();
  }

  /** Where kernel drop totals come from (live capture); read only when a snapshot is built. */
  public void kernelDrops(LongSupplier source) {
    counts.kernelDrops(source);
  }

  // ---------------------------------------------------------------- the writer's side

  /**
   * Synchronized: a live capture declares its interfaces from the thread that opens it, while
   * exporters may already be building snapshots themselves (no writer attached yet); rare, so the
   * monitor costs nothing that matters.
   */
  @Override
  public synchronized void interfaceAdded(int interfaceId, InterfaceInfo info) {
    interfaces.add(interfaceId, info);
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
    if (ahead.on
        && readAhead(
            buffer,
            offset,
            capturedLength,
            originalLength,
            timestampNanos,
            interfaceId,
            direction,
            vlanTci)) {
      return;
    }
    // tables that fit in the cache: each frame counted as it comes
    exchange.writerTurn();
    counts.frames++;
    counts.bytes += originalLength;
    advanceClock(timestampNanos);
    InterfaceCounters ic = counters(interfaceId);
    int link = ic.info.linkType();
    Packet p =
        decoder.decode(
            buffer, offset, capturedLength, originalLength, link, direction, vlanTci, packet);
    counter.count(ic, p, now);
  }

  /** As {@link #frame}, reading ahead; false: count it at once, after those waiting. */
  private boolean readAhead(
      ByteBuffer buffer,
      int offset,
      int capturedLength,
      int originalLength,
      long timestampNanos,
      int interfaceId,
      int direction,
      int vlanTci) {
    if (exchange.turnWanted()) {
      countAhead(); // what a reader is served counts every frame handed in before
      exchange.writerTurn();
    }
    InterfaceCounters ic = interfaces.get(interfaceId);
    if (ic == null || ahead.leaving) { // to stop, or a source skipped interfaceAdded (counters)
      countAhead();
      ahead.stop();
      return false;
    }
    int k =
        ahead.add(
            buffer, offset, capturedLength, originalLength, timestampNanos, ic, direction, vlanTci);
    if (k >= 0) {
      countAt(k);
    }
    return true;
  }

  /** Counts the frames read ahead and still waiting, in order. */
  private void countAhead() {
    for (int k = ahead.takeOldest(); k >= 0; k = ahead.takeOldest()) {
      countAt(k);
    }
  }

  private void countAt(int k) {
    Lookahead a = ahead;
    counts.frames++;
    counts.bytes += a.lengths[k];
    advanceClock(a.times[k]);
    counter.count(a.interfaces[k], a.packets[k], now);
  }

  @Override
  public void tick(long timestampNanos) {
    countAhead();
    exchange.writerTurn();
    advanceClock(timestampNanos);
  }

  /**
   * Forgets an interface that is gone for good: its counters, and its VLANs, connections, flows,
   * stations and MAC pairs. The id may be declared again afterwards, for another interface.
   */
  @Override
  public synchronized void interfaceRemoved(int interfaceId) {
    countAhead(); // called by the writer, as frames are
    if (!interfaces.remove(interfaceId)) {
      return;
    }
    tcp.removeInterface(interfaceId);
    others.removeInterface(interfaceId);
    stations.removeInterface(interfaceId);
    macPairs.removeInterface(interfaceId);
    vlans.removeInterface(interfaceId);
  }

  /** The source has no more frames (end of files, capture stopped): publishes a final snapshot. */
  public void finish() {
    countAhead();
    exchange.finish();
  }

  private InterfaceCounters counters(int interfaceId) {
    InterfaceCounters ic = interfaces.get(interfaceId);
    if (ic != null) {
      return ic;
    }
    // a source that skipped interfaceAdded: keep counting under a name that says so
    interfaceAdded(
        interfaceId < 0 ? 0 : interfaceId,
        new InterfaceInfo("unknown-" + interfaceId, -1, false, 0));
    return interfaces.get(interfaceId < 0 ? 0 : interfaceId);
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
      interfaces.closeSecond(empty);
      counts.closeSecond(tcp.opened(), empty);
      macPairs.expire(now); // first: it hands the stations their last second
    }
    // also in the first second: it starts the tables' expiry wheels, whose entries then grow
    // with the tables instead of all at once at the second tick
    tcp.expire(now);
    others.expire(now);
    stations.expire(now);
    second = s;
    ahead.decide(counts.frames);
  }

  /** What the exchange has the writer do for readers, on its thread and under the lock. */
  private final class Writer implements SnapshotExchange.Writer {
    @Override
    public void reset() {
      counts.reset();
      interfaces.reset();
      tcp.clear();
      others.clear();
      stations.clear();
      macPairs.clear();
      vlans.clear();
      ports.clear();
      sizes.clear();
      resetCount++;
    }

    @Override
    public int clearClosed() {
      return tcp.clearClosed();
    }

    @Override
    public TablesSnapshot build(boolean rows) {
      return Tables.this.build(rows);
    }
  }

  /**
   * @param rows whether the row lists can be read; without, they say only how many rows there are
   *     (no copy of the records is made: see {@link #counters()})
   */
  private TablesSnapshot build(boolean rows) {
    macPairs.fold(now);
    IntFunction<String> name = interfaces.names();
    FrozenRecords connections = rows ? tcp.freeze() : null;
    long n = ++sequence;
    tcp.snapshotBuilt(n); // records that end from now on are not in this snapshot
    others.snapshotBuilt(n);
    return new TablesSnapshot(
        n,
        firstFrameNanos == NO_FRAME ? 0 : firstFrameNanos,
        now,
        resetCount,
        counts.snapshot(tcp, others, stations, vlans, macPairs),
        interfaces.snapshots(),
        // the rows of these lists are made when first read
        rows ? vlans.snapshot(name) : LazyRows.notTaken(vlans.size()),
        rows ? TcpTable.snapshot(connections, name) : LazyRows.notTaken(tcp.size()),
        rows ? others.snapshot(name) : LazyRows.notTaken(others.size()),
        rows ? tcp.portsSnapshot(connections) : LazyRows.notTaken(LazyRows.UNKNOWN_SIZE),
        new PacketSizes(interfaces.rmonTotals(), List.copyOf(sizes.snapshot()), sizes.largest()),
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
    return exchange.snapshot();
  }

  /**
   * A snapshot at most about a second old whose row lists may only tell their size (reading a row
   * throws, and so does the size of the port rows): for readers that want counters, rates and table
   * sizes once a second. Its making copies no records, so at a hundred thousand flows it costs the
   * writer microseconds instead of milliseconds and tens of MB of garbage.
   */
  @Override
  public TablesSnapshot counters() {
    return exchange.counters();
  }

  /**
   * A snapshot built after this call began (or, if the writer does not answer in time, the last
   * one): for a reader that must not see one older than what it already read, such as a flow
   * exporter pairing snapshots with {@link #takeEndedFlows}. It costs the writer a copy of the
   * records each call, so it is for readers that call it seldom.
   */
  public TablesSnapshot freshSnapshot() {
    return exchange.request(SnapshotExchange.REQUEST_SNAPSHOT);
  }

  /** As {@link #freshSnapshot()}, without rows ({@link #counters()}): cheap at any table size. */
  public TablesSnapshot freshCounters() {
    return exchange.request(SnapshotExchange.REQUEST_COUNTERS);
  }

  /** Zeroes every counter and empties the flow tables, as of the writer's next frame. */
  public TablesSnapshot resetCounters() {
    return exchange.request(SnapshotExchange.REQUEST_RESET);
  }

  /**
   * Frees closed, reset and timed-out connections now instead of after their retention.
   *
   * @return how many were freed, or -1 if the writer did not answer in time
   */
  public int clearClosedConnections() {
    return exchange.clearClosed();
  }

  /**
   * From now on, keeps the TCP connections and other flows that leave the tables (up to {@code
   * capacity} of each not yet taken; more are counted as dropped) for {@link #takeEndedFlows}. Call
   * before the first frame: the writer reads the buffers without a lock.
   */
  public synchronized void keepEndedFlows(int capacity) {
    if (exchange.writerAttached()) {
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
    IntFunction<String> name = InterfaceSet.namesIn(exchange.latest());
    return new EndedFlows(
        tcp.takeEnded(beforeSequence, name),
        others.takeEnded(beforeSequence, name),
        tcp.endedDropped() + others.endedDropped());
  }
}
