package org.iptraf.agent.ipfix;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.iptraf.agent.stats.Ended;
import org.iptraf.agent.stats.EndedFlows;
import org.iptraf.agent.stats.ExportCounters;
import org.iptraf.agent.stats.FlowEnd;
import org.iptraf.agent.stats.InterfaceSnapshot;
import org.iptraf.agent.stats.OtherFlow;
import org.iptraf.agent.stats.Tables;
import org.iptraf.agent.stats.TablesSnapshot;
import org.iptraf.agent.stats.TcpConnection;
import org.iptraf.agent.stats.TcpState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports the TCP connection and other-flow tables as IPFIX, once a second of wall time, on a
 * thread of its own; never on the capture thread.
 *
 * <p>Each export of a row carries what it counted since its previous export (delta counters), so
 * the exports of a row add up to its totals. A row is exported when it leaves its table (idle, end
 * of connection, eviction: taken from {@link Tables#takeEndedFlows}, with its last values), when it
 * has been running for the active timeout since its last export (read from a full snapshot, taken
 * every quarter of the active timeout of capture time), and at shutdown. What was exported of each
 * live row is remembered here, bounded by the tables' caps: a row that vanishes without an end
 * record (a reset, a lost end record) is forgotten at the next full snapshot.
 */
public final class IpfixExporter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IpfixExporter.class);
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long ROUND_MILLIS = 1000;

  /**
   * A round that took this many ended rows runs again at once: flows end faster than one round a
   * second takes them (a replay runs faster than the capture's clock), before their buffer fills.
   */
  private static final int BUSY_ROUND = 1024;

  /**
   * @param activeTimeoutSeconds a live row is exported again after this long (capture time)
   * @param templateRefreshSeconds over UDP, the templates are sent again after this long (wall
   *     time)
   * @param queueMessages messages waiting for the sender at most
   * @param maxMessageBytes bytes of one message at most
   */
  public record Settings(
      InetSocketAddress collector,
      boolean tcp,
      int observationDomain,
      int activeTimeoutSeconds,
      int templateRefreshSeconds,
      int queueMessages,
      int maxMessageBytes) {}

  /** Exported so far of one live row. */
  private static final class Exported {
    long packets;
    long bytes;
    long reversePackets;
    long reverseBytes;
    long atNanos;
    long fullRound;
  }

  private final Settings settings;
  private final Tables tables;
  private final ExportCounters counters;
  private final LongSupplier wallMillis;
  private final Sender sender;
  private final MessageBuilder messages;
  private final FlowFields fields = new FlowFields();
  private final Map<FlowKey, Exported> exported = new HashMap<>();
  private final Map<Integer, Long> ingress = new HashMap<>();
  private final long activeNanos;
  private final long fullEveryNanos;
  private final Thread thread;

  private long takenBefore; // ended rows taken are those before this snapshot number
  private long lastFullNanos = Long.MIN_VALUE;
  private long fullRounds;
  private long resetCount;
  private long templatesSentAtMillis = Long.MIN_VALUE;
  private volatile boolean closing;

  private IpfixExporter(
      Settings settings,
      Tables tables,
      ExportCounters counters,
      LongSupplier wallMillis,
      boolean ownThread) {
    this.settings = settings;
    this.tables = tables;
    this.counters = counters;
    this.wallMillis = wallMillis;
    this.activeNanos = settings.activeTimeoutSeconds() * NANOS_PER_SECOND;
    this.fullEveryNanos = Math.max(NANOS_PER_SECOND, activeNanos / 4);
    this.sender =
        new Sender(
            settings.collector(),
            settings.tcp(),
            settings.observationDomain(),
            settings.queueMessages(),
            counters,
            wallMillis);
    this.messages =
        new MessageBuilder(
            settings.observationDomain(), settings.maxMessageBytes(), wallMillis, sender::offer);
    this.thread = ownThread ? new Thread(this::run, "iptraf-ipfix") : null;
  }

  /**
   * Starts exporting from {@code tables}, which must keep ended flows ({@link
   * Tables#keepEndedFlows}).
   */
  public static IpfixExporter start(Settings settings, Tables tables, ExportCounters counters) {
    IpfixExporter e =
        new IpfixExporter(settings, tables, counters, System::currentTimeMillis, true);
    e.thread.setDaemon(true);
    e.thread.start();
    return e;
  }

  /** Without a thread of its own: the caller calls {@link #round} (tests). */
  static IpfixExporter manual(Settings settings, Tables tables, ExportCounters counters) {
    return new IpfixExporter(settings, tables, counters, System::currentTimeMillis, false);
  }

  private void run() {
    try {
      while (!closing) {
        int ended = round(false);
        synchronized (this) {
          if (!closing && ended < BUSY_ROUND) {
            wait(ROUND_MILLIS);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // an exporter never takes the agent down: say why and stop exporting
      log.error("IPFIX export stopped: {}", e.toString(), e);
    }
  }

  /**
   * One round: templates when due, the rows that ended, and with a full snapshot (every quarter of
   * the active timeout, and the last round) the rows past their active timeout. The last round
   * exports every row still in the tables.
   */
  int round(boolean last) {
    templatesIfDue(last);
    TablesSnapshot c = tables.freshCounters(); // the capture's clock as of now
    boolean full =
        last || lastFullNanos == Long.MIN_VALUE || c.nowNanos() - lastFullNanos >= fullEveryNanos;
    TablesSnapshot s = full ? tables.freshSnapshot() : c;
    learnInterfaces(s);
    if (s.resetCount() != resetCount) { // every counter restarted at 0
      resetCount = s.resetCount();
      exported.clear();
    }
    // a full snapshot older than ended rows already taken may still hold them: wait for a newer
    // one (at the last round the writer is done, and nothing ends any more)
    int ended;
    if (full && (last || s.sequence() >= takenBefore)) {
      applyFull(s, last);
      ended = takeEnded(last ? Long.MAX_VALUE : s.sequence());
      forgetVanished();
      lastFullNanos = s.nowNanos();
    } else {
      ended = takeEnded(Math.max(takenBefore, s.sequence()));
    }
    messages.flush();
    return ended;
  }

  /**
   * Over UDP (RFC 7011 section 8.4): at the start, every templateRefresh seconds, and before the
   * last round's records, so that a collector that came up since the last refresh can read them.
   */
  private void templatesIfDue(boolean last) {
    if (settings.tcp()) {
      return; // sent by the sender at the start of each connection
    }
    long now = wallMillis.getAsLong();
    if (last
        || templatesSentAtMillis == Long.MIN_VALUE
        || now - templatesSentAtMillis >= settings.templateRefreshSeconds() * 1000L) {
      messages.templates();
      templatesSentAtMillis = now;
    }
  }

  private void learnInterfaces(TablesSnapshot s) {
    for (InterfaceSnapshot i : s.interfaces()) {
      // ingressInterface: the kernel's ifIndex when live; a file's interfaces by our row number
      ingress.put(i.id(), i.systemIndex() > 0 ? (long) i.systemIndex() : i.id() + 1L);
    }
  }

  private long ingressOf(int interfaceId) {
    return ingress.getOrDefault(interfaceId, interfaceId + 1L);
  }

  private void applyFull(TablesSnapshot s, boolean last) {
    fullRounds++;
    long now = s.nowNanos();
    for (TcpConnection row : s.tcpConnections()) {
      Exported e = exportedOf(FlowKey.of(row), row.firstSeenNanos());
      e.fullRound = fullRounds;
      if (row.state().isFinal()) {
        // ended (FIN both ways, RST) or timed out, kept in the table for tcp.closedRetention:
        // exported now with its reason; its record's end later finds nothing new
        export(row, e, endReason(row), now);
      } else if (last || now - e.atNanos >= activeNanos) {
        export(row, e, last ? FlowFields.FORCED_END : FlowFields.ACTIVE_TIMEOUT, now);
      }
    }
    for (OtherFlow row : s.otherFlows()) {
      Exported e = exportedOf(FlowKey.of(row), row.firstSeenNanos());
      e.fullRound = fullRounds;
      if (last || now - e.atNanos >= activeNanos) {
        export(row, e, last ? FlowFields.FORCED_END : FlowFields.ACTIVE_TIMEOUT, now);
      }
    }
  }

  /** How a connection in a final state ended. */
  private static int endReason(TcpConnection c) {
    return c.state() == TcpState.TIMED_OUT ? FlowFields.IDLE_TIMEOUT : FlowFields.END_OF_FLOW;
  }

  private Exported exportedOf(FlowKey k, long firstSeenNanos) {
    return exported.computeIfAbsent(
        k,
        key -> {
          Exported e = new Exported();
          e.atNanos = firstSeenNanos;
          return e;
        });
  }

  /** Exports the rows that ended before snapshot {@code before}; returns how many there were. */
  private int takeEnded(long before) {
    EndedFlows ended = tables.takeEndedFlows(before);
    takenBefore = Math.max(takenBefore, before);
    counters.droppedEnded(ended.dropped());
    for (Ended<TcpConnection> e : ended.connections()) {
      Exported x = exported.remove(FlowKey.of(e.row()));
      export(e.row(), x != null ? x : new Exported(), reason(e.how()), 0);
    }
    for (Ended<OtherFlow> e : ended.flows()) {
      Exported x = exported.remove(FlowKey.of(e.row()));
      export(e.row(), x != null ? x : new Exported(), reason(e.how()), 0);
    }
    return ended.connections().size() + ended.flows().size();
  }

  private static int reason(FlowEnd how) {
    return switch (how) {
      case IDLE -> FlowFields.IDLE_TIMEOUT;
      case END -> FlowFields.END_OF_FLOW;
      case EVICTED -> FlowFields.LACK_OF_RESOURCES;
      case REMOVED -> FlowFields.FORCED_END;
    };
  }

  /** Rows not in the last full snapshot that left no end record: nothing more can be said. */
  private void forgetVanished() {
    Iterator<Exported> i = exported.values().iterator();
    while (i.hasNext()) {
      if (i.next().fullRound != fullRounds) {
        i.remove();
      }
    }
  }

  private void export(TcpConnection row, Exported e, int reason, long nowNanos) {
    long p = row.aToB().packets() - e.packets;
    long b = row.aToB().bytes() - e.bytes;
    long rp = row.bToA().packets() - e.reversePackets;
    long rb = row.bToA().bytes() - e.reverseBytes;
    e.atNanos = nowNanos;
    if (p == 0 && rp == 0) {
      return; // nothing new since the last export
    }
    e.packets = row.aToB().packets();
    e.bytes = row.aToB().bytes();
    e.reversePackets = row.bToA().packets();
    e.reverseBytes = row.bToA().bytes();
    Template t = Rows.tcp(row, ingressOf(row.interfaceId()), fields);
    fields.packets = p;
    fields.octets = b;
    fields.reversePackets = rp;
    fields.reverseOctets = rb;
    fields.endReason = reason;
    messages.record(t, fields);
  }

  private void export(OtherFlow row, Exported e, int reason, long nowNanos) {
    long p = row.packets() - e.packets;
    long b = row.bytes() - e.bytes;
    e.atNanos = nowNanos;
    if (p == 0) {
      return;
    }
    e.packets = row.packets();
    e.bytes = row.bytes();
    Template t = Rows.other(row, ingressOf(row.interfaceId()), fields);
    fields.packets = p;
    fields.octets = b;
    fields.endReason = reason;
    messages.record(t, fields);
  }

  /** Data records made so far, sent or not. */
  long made() {
    return messages.sequence();
  }

  /**
   * Stops: a last round exports every row still in the tables (call after the source finished, so
   * that nothing is left out), then the sender gets a few seconds to send what is queued.
   */
  @Override
  public void close() {
    closing = true;
    if (thread != null) {
      synchronized (this) {
        notifyAll();
      }
      try {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      round(true);
    } catch (RuntimeException e) {
      log.error("IPFIX: last export failed: {}", e.toString(), e);
    }
    sender.close();
    log.info(
        "IPFIX export to {} ended: records={} dropped={} sendErrors={} endedLost={}",
        counters.collector(),
        counters.records(),
        counters.droppedRecords(),
        counters.sendErrors(),
        counters.droppedEnded());
  }

  /** For a log line: where the records go. */
  @Override
  public String toString() {
    return "IPFIX to " + settings.collector() + (settings.tcp() ? "/tcp" : "/udp");
  }
}
