package org.iptraf.agent.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM and SIGINT as an event the main thread waits for, so that a command stops its capture,
 * writes its report and closes its sockets before returning with exit code 0. A second signal while
 * stopping exits at once.
 *
 * <p>Signals are trapped with the JDK's {@code sun.misc.Signal} (module jdk.unsupported), looked up
 * reflectively so the build stays free of internal-API warnings; where it is missing, a shutdown
 * hook is the fallback (the process then exits 143/130 after cleaning up).
 */
final class Shutdown {
  private static final Logger log = LoggerFactory.getLogger(Shutdown.class);

  private final CountDownLatch requested = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile String reason = "";

  private Shutdown() {}

  static Shutdown install() {
    Shutdown s = new Shutdown();
    if (!s.trap("TERM") || !s.trap("INT")) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    s.request("shutdown");
                    try {
                      s.finished.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  },
                  "iptraf-shutdown"));
    }
    return s;
  }

  /** Asks the waiting thread to stop (a signal, or --duration running out). */
  void request(String why) {
    if (requested.getCount() == 0 && why.startsWith("SIG")) {
      log.warn("second {} while stopping: exiting now", why);
      Runtime.getRuntime().halt(Main.FAILURE);
    }
    reason = why;
    requested.countDown();
  }

  boolean isRequested() {
    return requested.getCount() == 0;
  }

  /** Waits for a stop request. */
  void await() {
    try {
      requested.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits at most {@code millis}; true if a stop was requested. */
  boolean await(long millis) {
    try {
      return requested.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  String reason() {
    return reason;
  }

  /** Cleanup is done (lets a fallback shutdown hook return). */
  void finished() {
    finished.countDown();
  }

  private boolean trap(String name) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      InvocationHandler onSignal =
          (Object proxy, Method m, Object[] args) -> {
            if (m.getName().equals("handle")) {
              request("SIG" + name);
              return null;
            }
            return switch (m.getName()) {
              case "hashCode" -> System.identityHashCode(proxy);
              case "equals" -> proxy == args[0];
              default -> "iptraf-agent " + name + " handler";
            };
          };
      Object h =
          Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, onSignal);
      Object sig = signal.getConstructor(String.class).newInstance(name);
      signal.getMethod("handle", signal, handler).invoke(null, sig, h);
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      log.debug("cannot trap SIG{}: {}", name, e.toString());
      return false;
    }
  }
}
