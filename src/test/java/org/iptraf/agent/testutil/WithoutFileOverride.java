package org.iptraf.agent.testutil;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs code on a thread of its own that lacks CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, so that
 * even as root a file without read permission cannot be opened there and "permission denied" can be
 * tested in-process. Capabilities belong to a thread (capset(2) changes only the caller's), so the
 * rest of the JVM keeps them.
 */
public final class WithoutFileOverride {

  /** _LINUX_CAPABILITY_VERSION_3: two 32-bit words per set (linux/capability.h). */
  private static final int VERSION_3 = 0x20080522;

  private static final int CAP_DAC_OVERRIDE = 1;
  private static final int CAP_DAC_READ_SEARCH = 2;

  /** In the data array: effective, permitted, inheritable of capabilities 0-31, then 32-63. */
  private static final int EFFECTIVE_LOW = 0;

  static {
    Native.register(Platform.C_LIBRARY_NAME);
  }

  private WithoutFileOverride() {}

  private static native int capget(int[] header, int[] data);

  private static native int capset(int[] header, int[] data);

  /** {@code work}'s result, or what it threw. */
  public static <T> T call(Callable<T> work) throws Exception {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                dropFileOverride();
                result.set(work.call());
              } catch (Throwable e) {
                thrown.set(e);
              }
            },
            "without-file-override");
    t.start();
    t.join();
    Throwable e = thrown.get();
    if (e instanceof Exception ex) {
      throw ex;
    }
    if (e instanceof Error err) {
      throw err;
    }
    return result.get();
  }

  private static void dropFileOverride() {
    int[] header = {VERSION_3, 0};
    int[] data = new int[6];
    if (capget(header, data) != 0) {
      throw new IllegalStateException("capget: errno " + Native.getLastError());
    }
    data[EFFECTIVE_LOW] &= ~((1 << CAP_DAC_OVERRIDE) | (1 << CAP_DAC_READ_SEARCH));
    if (capset(header, data) != 0) {
      throw new IllegalStateException("capset: errno " + Native.getLastError());
    }
  }
}
