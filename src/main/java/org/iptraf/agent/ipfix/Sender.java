package org.iptraf.agent.ipfix;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.iptraf.agent.stats.ExportCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends messages to the collector from a thread of its own, out of a bounded queue: a collector
 * that is down, refuses or reads slowly fills the queue, and what does not fit is dropped and
 * counted, so the exporter never waits and memory never grows.
 *
 * <p>UDP: a connected datagram socket, so that a port nobody listens on shows as send errors (the
 * kernel reports the ICMP port unreachable of one datagram on a later write; the datagram itself is
 * lost in the network, as UDP loses it, and the collector sees the gap in the sequence numbers).
 * TCP (RFC 7011 section 10.4): connects on demand, waits a growing pause (0.5 s doubling to 30 s)
 * after a failure, during which the queue fills and what does not fit is dropped, and sends the
 * templates first on every new connection, since each is a new transport session.
 */
final class Sender implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Sender.class);

  private static final int CONNECT_TIMEOUT_MILLIS = 2000;
  private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
  private static final long LONGEST_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final InetSocketAddress collector;
  private final boolean tcp;
  private final int observationDomain;
  private final ExportCounters counters;
  private final LongSupplier wallMillis;
  private final BlockingQueue<MessageBuilder.Message> queue;
  private final Thread thread;

  private volatile boolean closing;
  private DatagramChannel udp;
  private volatile Socket socket;
  private long pauseNanos = FIRST_PAUSE_NANOS;
  private long retryAt = System.nanoTime(); // System.nanoTime() values compare by difference only
  private boolean loggedFailure;

  Sender(
      InetSocketAddress collector,
      boolean tcp,
      int observationDomain,
      int queueMessages,
      ExportCounters counters,
      LongSupplier wallMillis) {
    this.collector = collector;
    this.tcp = tcp;
    this.observationDomain = observationDomain;
    this.counters = counters;
    this.wallMillis = wallMillis;
    this.queue = new ArrayBlockingQueue<>(queueMessages);
    this.thread = new Thread(this::run, "iptraf-ipfix-sender");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues a message, or drops and counts it when the queue is full. Never blocks. */
  void offer(MessageBuilder.Message m) {
    if (!queue.offer(m)) {
      counters.dropped(m.dataRecords());
    }
  }

  private void run() {
    try {
      while (!closing || !queue.isEmpty()) {
        MessageBuilder.Message m = queue.poll(100, TimeUnit.MILLISECONDS);
        if (m != null) {
          send(m);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeSockets();
    }
  }

  private void send(MessageBuilder.Message m) {
    try {
      if (tcp) {
        sendTcp(m);
      } else {
        sendUdp(m);
      }
      counters.sent(m.dataRecords(), m.templateRecords(), m.bytes().length);
      pauseNanos = FIRST_PAUSE_NANOS;
      if (loggedFailure) {
        log.info("IPFIX: sending to {} again", collector);
        loggedFailure = false;
      }
    } catch (IOException | RuntimeException e) {
      counters.dropped(m.dataRecords());
      failed(e);
    }
  }

  private void sendUdp(MessageBuilder.Message m) throws IOException {
    if (udp == null) {
      udp = DatagramChannel.open();
      udp.connect(collector);
    }
    try {
      udp.write(ByteBuffer.wrap(m.bytes()));
    } catch (PortUnreachableException e) {
      // the ICMP error of an earlier datagram, reported on this write: that one is lost (and
      // counted as an error); this one is sent once more, so that a collector that has just
      // come up gets it
      counters.sendError();
      udp.write(ByteBuffer.wrap(m.bytes()));
    }
  }

  private void sendTcp(MessageBuilder.Message m) throws IOException {
    Socket s = socket;
    if (s == null) {
      // after a failure, wait before trying again; meanwhile the queue fills, and what does not
      // fit in it is dropped as it comes (close() cuts the wait short)
      long wait = retryAt - System.nanoTime();
      if (wait > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("stopped while waiting to connect again", e);
        }
      }
      s = new Socket();
      try {
        s.connect(collector, CONNECT_TIMEOUT_MILLIS);
      } catch (IOException e) {
        s.close();
        throw e;
      }
      socket = s;
      counters.connected();
      // a new transport session: the collector knows no template yet
      MessageBuilder.Message t =
          MessageBuilder.templateMessage(
              observationDomain, MessageBuilder.sequenceOf(m.bytes()), wallMillis.getAsLong());
      s.getOutputStream().write(t.bytes());
      counters.sent(0, t.templateRecords(), t.bytes().length);
    }
    OutputStream o = s.getOutputStream();
    o.write(m.bytes());
    o.flush();
  }

  private void failed(Exception e) {
    counters.sendError();
    if (tcp) {
      closeSockets();
      retryAt = System.nanoTime() + pauseNanos;
      pauseNanos = Math.min(LONGEST_PAUSE_NANOS, pauseNanos * 2);
    }
    if (!loggedFailure) {
      log.warn("IPFIX: cannot send to {}: {} (dropping until it answers)", collector, e.toString());
      loggedFailure = true;
    }
  }

  private void closeSockets() {
    try {
      if (udp != null) {
        udp.close();
      }
      Socket s = socket;
      if (s != null) {
        s.close();
      }
    } catch (IOException e) {
      log.debug("closing the IPFIX socket: {}", e.toString());
    }
    udp = null;
    socket = null;
  }

  /**
   * Sends what is queued for at most {@code drainMillis}, then stops; what is left is dropped and
   * counted.
   */
  @Override
  public void close() {
    close(5000);
  }

  void close(long drainMillis) {
    closing = true;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis);
    try {
      while (thread.isAlive() && System.nanoTime() - deadline < 0) {
        thread.join(50);
      }
      if (thread.isAlive()) {
        Socket s = socket; // a collector that stopped reading: unblock the write
        if (s != null) {
          s.close();
        }
        thread.interrupt();
        thread.join(1000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      log.debug("closing the IPFIX socket: {}", e.toString());
    }
    MessageBuilder.Message m;
    while ((m = queue.poll()) != null) {
      counters.dropped(m.dataRecords());
    }
  }
}
