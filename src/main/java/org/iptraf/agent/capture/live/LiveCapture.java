package org.iptraf.agent.capture.live;

import com.sun.jna.Memory;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.capture.LinkType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures frames from one, several or all interfaces into a {@link FrameSink} on the thread that
 * calls {@link #run()}, one TPACKET_V3 ring per interface, until {@link #stop()}.
 *
 * <p>Once a second it reads the kernel's counters (PACKET_STATISTICS) and rescans the devices, so
 * interfaces that go down, are deleted and re-created, or appear are followed and logged. Sockets
 * and device lookups belong to the network namespace of the thread that constructs the capture; run
 * it on a thread of the same namespace.
 *
 * <p>Counters are written by the capture thread only and can be read from any thread.
 */
public final class LiveCapture implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LiveCapture.class);
  private static final long HOUSEKEEPING_NANOS = 1_000_000_000L;
  private static final int POLL_TIMEOUT_MILLIS = 100;

  private final LiveCaptureSettings settings;
  private final FrameSink sink;
  private final Clock clock;
  private final NetDevices devices;
  private final ReentrantLock running = new ReentrantLock();
  private final InterfaceIds interfaceIds = new InterfaceIds();

  private final Map<String, Attached> attached = new LinkedHashMap<>();
  private final Map<String, Integer> lastAttachError = new HashMap<>();
  private final long[] kernel = new long[3];

  private PacketSocket[] sockets = new PacketSocket[0];
  private Memory pollFds = new Memory(LibC.POLLFD_SIZE);
  private boolean framesSinceHousekeeping;
  private boolean closed;

  private volatile boolean stopped;
  private volatile long captured;
  private volatile long kernelDrops;

  /** A socket on a device and whether we last saw the device up. */
  private static final class Attached {
    final PacketSocket socket;
    boolean up;

    Attached(PacketSocket socket, boolean up) {
      this.socket = socket;
      this.up = up;
    }
  }

  /**
   * Fails as opening a capture would if this process lacks CAP_NET_RAW, without opening one: lets
   * the caller do its start-up work (the JIT warm-up) before binding sockets, and still stop at
   * once with the one line that says which capability is missing.
   *
   * @throws CaptureException if packet sockets may not be opened
   */
  public static void checkPermission() {
    PacketSocket.checkPermission();
  }

  /**
   * Opens the rings on the wall clock; see {@link #LiveCapture(LiveCaptureSettings, FrameSink,
   * Clock)}.
   */
  public LiveCapture(LiveCaptureSettings settings, FrameSink sink) {
    this(settings, sink, Clock.systemUTC());
  }

  /**
   * Opens a ring on each interface present now; interfaces named but absent are waited for.
   *
   * @param clock gives {@link FrameSink#tick} its time while no frame arrives
   * @throws CaptureException if a socket cannot be opened for want of privilege, or the kernel
   *     refuses the ring
   */
  public LiveCapture(LiveCaptureSettings settings, FrameSink sink, Clock clock) {
    this.settings = settings;
    this.sink = sink;
    this.clock = clock;
    this.devices = new NetDevices();
    try {
      rescan(true);
    } catch (RuntimeException e) {
      closeSockets();
      devices.close();
      throw e;
    }
  }

  /**
   * Captures on the calling thread until {@link #stop()} is called (from another thread or a signal
   * handler), or the sink throws.
   */
  public void run() {
    running.lock();
    try {
      long nextHousekeeping = System.nanoTime() + HOUSEKEEPING_NANOS;
      while (!stopped) {
        if (!drain()) {
          pollOnce();
        }
        long now = System.nanoTime();
        if (now - nextHousekeeping >= 0) {
          housekeeping();
          nextHousekeeping = now + HOUSEKEEPING_NANOS;
        }
      }
      drainAfterStop();
    } finally {
      running.unlock();
    }
  }

  /**
   * The kernel still holds each ring's partly filled block and hands it over only when the block
   * timeout expires; reading on for one timeout loses nothing that arrived before stop().
   */
  private void drainAfterStop() {
    long end =
        System.nanoTime()
            + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(
                settings.blockTimeoutMillis() + 20L);
    while (System.nanoTime() - end < 0) {
      if (!drain()) {
        pollOnce();
      }
    }
    drain();
  }

  /** Makes {@link #run()} return within about 100 ms. Safe from any thread. */
  public void stop() {
    stopped = true;
  }

  /** Frames handed to the sink so far. */
  public long captured() {
    return captured;
  }

  /** Frames the kernel dropped because a ring was full (tp_drops); updated every second. */
  public long kernelDrops() {
    return kernelDrops;
  }

  /** How {@code name} is read now ("ring 64 x 1048576 B", "recvmmsg, ..."), or null. */
  public synchronized String description(String name) {
    Attached a = attached.get(name);
    return a == null ? null : a.socket.description();
  }

  /** Names of the interfaces a socket is attached to now. */
  public synchronized List<String> attachedInterfaces() {
    return List.copyOf(attached.keySet());
  }

  /**
   * Stops the capture, waits for {@link #run()} to return, reads the last kernel counters and
   * closes every socket (which also ends promiscuous mode).
   */
  @Override
  public void close() {
    stop();
    running.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      readKernelStats();
      closeSockets();
      devices.close();
      pollFds.close();
    } finally {
      running.unlock();
    }
  }

  /** Reads every block the kernel has handed over, a ring's worth at most per socket. */
  private boolean drain() {
    long delivered = 0;
    boolean any = false;
    PacketSocket[] s = sockets;
    for (PacketSocket socket : s) {
      int n = socket.drain(sink, settings.blockCount());
      if (n >= 0) {
        any = true;
        delivered += n;
      }
    }
    if (any) {
      captured += delivered;
      framesSinceHousekeeping = true;
    }
    return any;
  }

  private void pollOnce() {
    int n = sockets.length;
    int rc =
        LibC.poll(n == 0 ? 0L : com.sun.jna.Pointer.nativeValue(pollFds), n, POLL_TIMEOUT_MILLIS);
    if (rc == 0 && !framesSinceHousekeeping) {
      // idle link: a tick lets the sink answer readers waiting for a snapshot within one poll
      // timeout instead of at the next once-a-second housekeeping
      Instant now = clock.instant();
      sink.tick(now.getEpochSecond() * 1_000_000_000L + now.getNano());
    }
    if (rc <= 0) {
      return; // timeout, or EINTR: the loop looks again
    }
    for (int i = 0; i < n; i++) {
      short revents = pollFds.getShort((long) i * LibC.POLLFD_SIZE + LibC.POLLFD_REVENTS);
      if ((revents & (LibC.POLLERR | LibC.POLLHUP | LibC.POLLNVAL)) != 0) {
        int err = sockets[i].takeError();
        if (err != 0) {
          LOG.debug("{}: socket error {} ({})", sockets[i].name(), err, LibC.strerror(err));
        }
      }
    }
  }

  private void housekeeping() {
    readKernelStats();
    rescan(false);
    if (!framesSinceHousekeeping) {
      Instant now = clock.instant();
      sink.tick(now.getEpochSecond() * 1_000_000_000L + now.getNano());
    }
    framesSinceHousekeeping = false;
  }

  private void readKernelStats() {
    for (PacketSocket s : sockets) {
      s.addKernelStats(kernel);
    }
    publishKernelStats();
  }

  private void publishKernelStats() {
    kernelDrops = kernel[1];
  }

  /** Brings the attached sockets in line with the devices present now. */
  private synchronized void rescan(boolean first) {
    Map<String, NetDevices.Device> present = new LinkedHashMap<>();
    for (NetDevices.Device d : devices.list()) {
      present.put(d.name(), d);
    }
    boolean changed = false;
    for (var it = attached.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      String name = e.getKey();
      Attached a = e.getValue();
      NetDevices.Device d = present.get(name);
      if (d == null || d.index() != a.socket.ifindex()) {
        a.socket.addKernelStats(kernel);
        a.socket.close();
        it.remove();
        changed = true;
        if (d == null) {
          LOG.info(
              "{} was deleted; {}",
              name,
              settings.allInterfaces() ? "no longer captured" : "waiting for it to come back");
          if (settings.allInterfaces()) {
            interfaceIds.gone(name, System.nanoTime());
          }
        } else {
          LOG.info(
              "{} was re-created (index {} -> {}); re-attaching",
              name,
              a.socket.ifindex(),
              d.index());
        }
      } else if (a.up != d.up()) {
        a.up = d.up();
        LOG.info(
            d.up()
                ? "{} is up again; capture resumes"
                : "{} went down; capture resumes when it is up",
            name);
      }
    }
    for (String name : settings.wanted(present.values())) {
      if (attached.containsKey(name)) {
        continue;
      }
      NetDevices.Device d = present.get(name);
      if (d == null) {
        if (first) {
          LOG.warn("{} does not exist (yet); capture starts when it appears", name);
        }
        continue;
      }
      changed |= attach(d, first);
    }
    if (changed) {
      rebuildPollSet();
    }
    publishKernelStats();
    forgetLongGone();
  }

  /** Forgets interfaces deleted longer than capture.forgetAfter ago, and frees their ids. */
  private void forgetLongGone() {
    if (settings.forgetAfterSeconds() <= 0) {
      return;
    }
    long after = settings.forgetAfterSeconds() * 1_000_000_000L;
    for (var e : interfaceIds.forget(System.nanoTime(), after)) {
      sink.interfaceRemoved(e.getValue());
      LOG.info(
          "{} deleted {} s ago: forgotten, with its counters and flows",
          e.getKey(),
          settings.forgetAfterSeconds());
    }
  }

  private boolean attach(NetDevices.Device d, boolean first) {
    String name = d.name();
    int id = interfaceIds.idOf(name);
    PacketSocket socket;
    try {
      socket = PacketSocket.open(name, d.index(), id, settings);
    } catch (CaptureException e) {
      if (e.isPermissionDenied()
          || e.errno() == CaptureException.ENOMEM
          || e.errno() == CaptureException.EINVAL) {
        throw e; // the same failure would repeat on every interface and every rescan
      }
      Integer last = lastAttachError.put(name, e.errno());
      if (last == null || last != e.errno()) {
        LOG.warn("{}; retrying every second", e.getMessage());
      }
      return false;
    }
    lastAttachError.remove(name);
    interfaceIds.back(name);
    int linkType = ArpHrd.toLinkType(socket.arphrd());
    boolean loopback = socket.arphrd() == ArpHrd.LOOPBACK;
    sink.interfaceAdded(
        id, new InterfaceInfo(name, linkType, loopback, settings.snapLength(), d.index()));
    attached.put(name, new Attached(socket, d.up()));
    LOG.info(
        "{} {} (index {}, {}, ARPHRD {}){}: {}, snap {} B, promiscuous {}",
        first ? "capturing on" : "attached to",
        name,
        d.index(),
        LinkType.name(linkType),
        socket.arphrd(),
        d.up() ? "" : " while down",
        socket.description(),
        settings.snapLength(),
        settings.promiscuous() ? "on" : "off");
    return true;
  }

  private void rebuildPollSet() {
    PacketSocket[] s = new PacketSocket[attached.size()];
    int i = 0;
    for (Attached a : attached.values()) {
      s[i++] = a.socket;
    }
    Memory fds = new Memory((long) Math.max(1, s.length) * LibC.POLLFD_SIZE);
    fds.clear();
    for (i = 0; i < s.length; i++) {
      long base = (long) i * LibC.POLLFD_SIZE;
      fds.setInt(base + LibC.POLLFD_FD, s[i].fd());
      fds.setShort(base + LibC.POLLFD_EVENTS, (short) (LibC.POLLIN | LibC.POLLERR));
    }
    Memory old = pollFds;
    pollFds = fds;
    sockets = s;
    old.close();
  }

  private synchronized void closeSockets() {
    for (Attached a : attached.values()) {
      a.socket.close();
    }
    attached.clear();
    sockets = new PacketSocket[0];
  }
}
