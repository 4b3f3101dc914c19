package org.iptraf.agent.capture.live;

import java.util.Collection;
import java.util.List;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.config.ConfigParser;

/**
 * How to capture: which interfaces, the ring geometry per interface, the snap length and
 * promiscuous mode. Validated once here; messages name the config key and the allowed range.
 *
 * @param interfaces interface names; empty means every interface that is up, followed as they come
 *     and go
 * @param blockSize ring block size in bytes, a power of two, at least the page size (4096)
 * @param blockCount blocks per ring; the ring of one interface is {@code blockSize * blockCount}
 * @param blockTimeoutMillis how long the kernel holds a partly filled block before handing it over
 * @param snapLength bytes kept of each frame (a {@code ret #snapLength} socket filter); byte
 *     counters still use the length on the wire
 * @param promiscuous whether to put each interface into promiscuous mode while captured
 * @param mode the ring, batched recvmmsg, or the ring with recvmmsg where it is refused
 */
public record LiveCaptureSettings(
    List<String> interfaces,
    int blockSize,
    int blockCount,
    int blockTimeoutMillis,
    int snapLength,
    boolean promiscuous,
    CaptureMode mode,
    int forgetAfterSeconds) {

  private static final int PAGE_SIZE = 4096;
  private static final long MAX_RING_BYTES = 1L << 30;

  public LiveCaptureSettings {
    interfaces = List.copyOf(interfaces);
    java.util.Objects.requireNonNull(mode, "mode");
    for (String name : interfaces) {
      if (name.isEmpty() || name.length() >= LibC.IFNAMSIZ || name.contains("/")) {
        throw new IllegalArgumentException(
            "interface name '" + name + "' is not valid (1 to 15 characters, no '/')");
      }
    }
    if (blockSize < PAGE_SIZE || Integer.bitCount(blockSize) != 1) {
      throw new IllegalArgumentException(
          "capture.ringBlockSize " + blockSize + " must be a power of two >= " + PAGE_SIZE);
    }
    if (blockCount < 2) {
      throw new IllegalArgumentException("capture.ringBlockCount " + blockCount + " must be >= 2");
    }
    if ((long) blockSize * blockCount > MAX_RING_BYTES) {
      throw new IllegalArgumentException(
          "capture.ringBlockSize x capture.ringBlockCount = "
              + (long) blockSize * blockCount
              + " B exceeds 1 GiB per interface");
    }
    if (blockTimeoutMillis < 1 || blockTimeoutMillis > 10_000) {
      throw new IllegalArgumentException(
          "capture.ringBlockTimeoutMs " + blockTimeoutMillis + " must be 1..10000 ms");
    }
    if (snapLength < 64 || snapLength > 262_144) {
      throw new IllegalArgumentException(
          "capture.snapLength " + snapLength + " must be 64..262144");
    }
  }

  /** The {@code capture.*} keys of the config file; {@code -i} names, if any, replace its list. */
  public static LiveCaptureSettings of(AgentConfig.Capture c, List<String> interfacesOverride) {
    return new LiveCaptureSettings(
        interfacesOverride.isEmpty() ? c.interfaces() : interfacesOverride,
        c.ringBlockSize(),
        c.ringBlockCount(),
        c.ringBlockTimeoutMillis(),
        c.snapLength(),
        c.promiscuous(),
        CaptureMode.parse(c.mode()),
        c.forgetAfter());
  }

  /** The defaults of the config file's keys ({@code ConfigKeys}) on these interfaces. */
  public static LiveCaptureSettings defaults(List<String> interfaces) {
    return of(ConfigParser.defaultConfig().capture(), interfaces);
  }

  public LiveCaptureSettings withPromiscuous(boolean on) {
    return new LiveCaptureSettings(
        interfaces,
        blockSize,
        blockCount,
        blockTimeoutMillis,
        snapLength,
        on,
        mode,
        forgetAfterSeconds);
  }

  public LiveCaptureSettings withRing(int size, int count, int timeoutMillis) {
    return new LiveCaptureSettings(
        interfaces, size, count, timeoutMillis, snapLength, promiscuous, mode, forgetAfterSeconds);
  }

  public LiveCaptureSettings withSnapLength(int bytes) {
    return new LiveCaptureSettings(
        interfaces,
        blockSize,
        blockCount,
        blockTimeoutMillis,
        bytes,
        promiscuous,
        mode,
        forgetAfterSeconds);
  }

  public LiveCaptureSettings withMode(CaptureMode m) {
    return new LiveCaptureSettings(
        interfaces,
        blockSize,
        blockCount,
        blockTimeoutMillis,
        snapLength,
        promiscuous,
        m,
        forgetAfterSeconds);
  }

  public LiveCaptureSettings withForgetAfter(int seconds) {
    return new LiveCaptureSettings(
        interfaces,
        blockSize,
        blockCount,
        blockTimeoutMillis,
        snapLength,
        promiscuous,
        mode,
        seconds);
  }

  /** Whether every up interface is captured rather than a fixed list. */
  public boolean allInterfaces() {
    return interfaces.isEmpty();
  }

  /** The interfaces to capture on among those {@code present}: all that are up, or those named. */
  List<String> wanted(Collection<NetDevices.Device> present) {
    if (!allInterfaces()) {
      return interfaces();
    }
    return present.stream().filter(NetDevices.Device::up).map(NetDevices.Device::name).toList();
  }
}
