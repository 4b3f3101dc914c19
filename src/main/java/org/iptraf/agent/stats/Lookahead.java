package org.iptraf.agent.stats;

import java.nio.ByteBuffer;
import org.iptraf.agent.decode.IpProtocol;
import org.iptraf.agent.decode.Packet;
import org.iptraf.agent.decode.PacketDecoder;

/**
 * Frames decoded but not yet counted, while the flow tables are larger than the cache and the
 * traffic goes from one flow to another: {@link Tables} decodes frames a {@link #GROUP} ahead and
 * reads the table slots of a group's flows one after another before counting its frames. A lookup
 * in a table of 10^5 flows is a cache miss that costs more than the rest of a frame's work; one
 * frame at a time the misses come one after another, read together they overlap
 * (docs/BENCHMARKS.md, "Many flows"). Frames are counted in the order they came, and none is left
 * waiting when a reader is served, at a tick or at the end.
 *
 * <p>Where the flows that are busy at one time are few (records seen again within {@link #NEAR}
 * lookups), their records stay in the cache anyway and reading ahead only costs time (a sixth per
 * frame): it is then off. The tables count their lookups of records far apart whether it is on or
 * off, so it is back the second after they are many again.
 */
final class Lookahead {
  /** Frames read ahead; the misses of a group overlap. */
  static final int GROUP = 16;

  /**
   * From this many TCP connections and other flows on, frames may be read ahead (about 3 MB of
   * records); below, the tables stay in the cache.
   */
  static final int FROM_FLOWS = 30_000;

  /** Two groups: one being decoded while the one before is counted. */
  static final int RING = 2 * GROUP;

  /** A record seen again within this many lookups of its table is taken to be in the cache. */
  static final long NEAR = 8_192;

  /**
   * Lookups before {@link #decide} judges whether their records were far apart; fewer, and it
   * leaves things as they are, and counts on. Judged on the lookups of any second, an idle second
   * (none) stopped reading ahead: a live capture of 10^5 flows that paused a second between two
   * bursts counted the second burst one frame at a time, at 1.7 times the CPU (docs/BENCHMARKS.md).
   */
  static final long JUDGED_FROM = 64 * GROUP;

  /**
   * Frames read ahead at the start, whatever the flows, before {@link #decide} may stop it: the JIT
   * then compiles the frame path having seen both ways through it. Off at first, C2 compiled a
   * replay's frame path without the way ahead, and threw it all away when the flows passed {@link
   * #FROM_FLOWS}: a replay of 10^5 flows took 0.07-0.1 s longer (docs/BENCHMARKS.md).
   */
  static final long FIRST_FRAMES = 8_192;

  /** Frames are read ahead; set once a second ({@link #decide}). */
  boolean on = true;

  /** To be turned off: the writer counts the frames waiting first ({@link #stop}). */
  boolean leaving;

  /** {@link #FROM_FLOWS}; tests set it out of reach to compare with counting at once. */
  int fromFlows = FROM_FLOWS;

  private long judgedLookups; // the tables' lookups, and those of records far apart, when judged
  private long judgedFar;

  final Packet[] packets = new Packet[RING];
  final InterfaceCounters[] interfaces = new InterfaceCounters[RING];
  final long[] times = new long[RING];
  final int[] lengths = new int[RING];
  private final int[] tcpSlots = new int[GROUP]; // readSlots: where the group's records are
  private final int[] otherSlots = new int[GROUP];
  // the port counters a group's frames will write: protocol << 32 | source << 16 | destination
  private final long[] portPairs = new long[GROUP];

  /** The sum of the slots and port counters read ahead: kept so that the reads are not left out. */
  long read;

  /** Where the next frame is decoded. */
  int head;

  /** Frames decoded and not yet counted (the ones before {@link #head}). */
  int pending;

  private final PacketDecoder decoder;
  private final TcpTable tcp;
  private final OtherFlowTable others;
  private final PortTable ports;
  private final RecordTable tcpRecords;
  private final RecordTable otherRecords;

  /** Decoding with the tables' decoder, reading the slots of these tables. */
  Lookahead(PacketDecoder decoder, TcpTable tcp, OtherFlowTable others, PortTable ports) {
    this.decoder = decoder;
    this.tcp = tcp;
    this.others = others;
    this.ports = ports;
    this.tcpRecords = tcp.records();
    this.otherRecords = others.records();
    for (int i = 0; i < RING; i++) {
      packets[i] = new Packet();
    }
  }

  /**
   * Decodes a frame into the ring, and reads the slots of a group once it is complete.
   *
   * @return the ring index of the frame to count now (the one a group back), or -1 for none yet
   */
  int add(
      ByteBuffer buffer,
      int offset,
      int capturedLength,
      int originalLength,
      long timestampNanos,
      InterfaceCounters ic,
      int direction,
      int vlanTci) {
    int h = head;
    int link = ic.info.linkType();
    decoder.decode(
        buffer, offset, capturedLength, originalLength, link, direction, vlanTci, packets[h]);
    interfaces[h] = ic;
    times[h] = timestampNanos;
    lengths[h] = originalLength;
    head = (h + 1) & (RING - 1);
    if ((h & (GROUP - 1)) == GROUP - 1) {
      readSlots(h + 1 - GROUP, GROUP);
    }
    if (++pending <= GROUP) {
      return -1;
    }
    pending--;
    return (h - GROUP) & (RING - 1);
  }

  /** Takes the oldest frame waiting out of the ring: its index, or -1 if none waits. */
  int takeOldest() {
    if (pending == 0) {
      return -1;
    }
    return (head - pending--) & (RING - 1);
  }

  /**
   * Once a second, with the {@code frames} counted: reads ahead from the next frame on if the TCP
   * connections and other flows are many ({@link #fromFlows}) and most lookups since it last judged
   * (at least {@link #JUDGED_FROM}, over as many seconds as that takes) found records last seen
   * more than {@link #NEAR} lookups before, or made new ones; never stops before {@link
   * #FIRST_FRAMES}.
   */
  void decide(long frames) {
    long lookups = tcpRecords.clock() + otherRecords.clock();
    long far = tcpRecords.farLookups() + otherRecords.farLookups();
    long n = lookups - judgedLookups;
    long farSince = far - judgedFar;
    boolean large = tcp.size() + others.size() >= fromFlows;
    if (large && n >= 0 && n < JUDGED_FROM && frames >= FIRST_FRAMES) {
      return; // a quiet second says nothing of the flows: the lookups add up to the next
    }
    judgedLookups = lookups;
    judgedFar = far;
    if (frames < FIRST_FRAMES || n < 0) { // n < 0: a table renumbered its stamps
      return;
    }
    boolean wanted = large && farSince * 2 > n;
    if (on) {
      leaving = !wanted;
    } else {
      on = wanted;
    }
  }

  /** Off until {@link #decide} says otherwise; call with no frame waiting. */
  void stop() {
    on = false;
    leaving = false;
  }

  /**
   * Reads the table slots of the flows of {@code n} frames from {@code from} (never writes): first
   * where each is, then all of them in a short loop, so that the reads of the whole group can be
   * under way at once. With each key's hashing between its reads, the processor's window held the
   * reads of a few frames only: {@code ManyFlowsBenchmark} at 10^5 flows took 215 ns a frame, 178
   * in two passes (docs/BENCHMARKS.md). A UDP frame's two port counters are read with them (a live
   * profile at 10^5 flows found 18% of the capture thread waiting on them), and a SYN's: a
   * connection's counts go to its ports when a SYN reopens its four-tuple.
   */
  private void readSlots(int from, int n) {
    int tcpCount = 0;
    int otherCount = 0;
    int portCount = 0;
    for (int k = 0; k < n; k++) {
      int i = (from + k) & (RING - 1);
      Packet p = packets[i];
      if (p.isIp()) {
        int id = interfaces[i].id;
        if (p.protocol == IpProtocol.TCP && p.hasTransport) {
          tcpSlots[tcpCount++] = tcp.slotOf(p, id);
          if ((p.tcpFlags & TcpTable.SYN) != 0) {
            portPairs[portCount++] = portPair(PortTable.TCP, p);
          }
        } else {
          otherSlots[otherCount++] = others.slotOf(p, id);
          if (p.protocol == IpProtocol.UDP && p.hasTransport) {
            portPairs[portCount++] = portPair(PortTable.UDP, p);
          }
        }
      }
    }
    long lines = 0;
    for (int k = 0; k < tcpCount; k++) {
      lines += tcpRecords.readAt(tcpSlots[k]);
    }
    for (int k = 0; k < otherCount; k++) {
      lines += otherRecords.readAt(otherSlots[k]);
    }
    for (int k = 0; k < portCount; k++) {
      long pair = portPairs[k];
      lines += ports.peek((int) (pair >>> 32), (int) pair >>> 16, (int) pair & 0xFFFF);
    }
    read += lines;
  }

  private static long portPair(int protocol, Packet p) {
    return (long) protocol << 32 | (long) p.srcPort << 16 | p.dstPort;
  }
}
