import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two builds of a decode-and-tables benchmark in one JVM, taking turns slice by slice: a paired
 * comparison that the host's slow spells cannot tilt.
 *
 * <p>{@code jmh-cpu} runs each build in a fork of its own, one after the other; on a shared
 * host whose speed changes from one minute to the next (one fork's iterations: 246, 150, 152 ns a
 * frame), a difference of a few percent drowns. Here each {@code benchmarks.jar} is loaded by a class loader
 * of its own (its classes compiled apart), the benchmark is set up in {@code --instances} instances
 * of each (where one instance's tables land in memory moves its speed by up to 6%), and then they
 * take turns of about {@code --slice-ms} of CPU each, in alternating order, so that each of A's
 * slices has a neighbouring slice of B under the same conditions. Printed: each round's ns of CPU a
 * frame averaged over the instances (the thread's CPU time, as {@code jmh-cpu}), the ratio B/A
 * within the round, and the medians. The same jar as A and B gives the resolution (±1.5% here).
 *
 * <pre>
 *   taskset -c 1 java -Xmx12g bench/manyflows/AbBench.java --a OLD/benchmarks.jar \
 *       --b NEW/benchmarks.jar --bench ManyFlowsBenchmark -p flows=100000 -p distribution=uniform
 *   ... --bench DecodeTablesBenchmark             (141 flows; -p name=value sets any @Param)
 * </pre>
 *
 * <p>It drives the JMH classes directly: their public {@code @Param} fields, {@code setUp()},
 * {@code churn()} before each invocation if the class has one, and {@code
 * decodeAndTables(CpuTime)}.
 */
public final class AbBench {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private AbBench() {}

  /** One build: its benchmark instance and the methods to drive it. */
  private static final class Side {
    final Object bench;
    final Object cpu;
    final Method invocation;
    final Method churn;
    final Method reset;
    final Method frames;
    final Method cpuMillis;

    Side(String jar, String bench, Map<String, String> params) throws Exception {
      ClassLoader loader =
          new URLClassLoader(
              new URL[] {Path.of(jar).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      Class<?> type = loader.loadClass("org.iptraf.agent.bench." + bench);
      Class<?> cpuType = loader.loadClass("org.iptraf.agent.bench.DecodeTablesBenchmark$CpuTime");
      this.bench = type.getConstructor().newInstance();
      for (Field field : type.getFields()) { // JMH's defaults: each @Param's first value
        for (var annotation : field.getAnnotations()) {
          if (annotation.annotationType().getName().equals("org.openjdk.jmh.annotations.Param")) {
            Method value = annotation.annotationType().getMethod("value");
            String[] values = (String[]) value.invoke(annotation);
            set(field, this.bench, params.getOrDefault(field.getName(), values[0]));
          }
        }
      }
      for (String given : params.keySet()) {
        type.getField(given); // a name that is no field fails here
      }
      this.cpu = cpuType.getConstructor().newInstance();
      this.invocation = type.getMethod("decodeAndTables", cpuType);
      this.churn = Arrays.stream(type.getMethods())
          .filter(m -> m.getName().equals("churn"))
          .findFirst()
          .orElse(null);
      this.reset = cpuType.getMethod("reset");
      this.frames = cpuType.getMethod("frames");
      this.cpuMillis = cpuType.getMethod("cpuMillis");
      type.getMethod("setUp").invoke(this.bench);
    }

    /** Invocations until {@code sliceNanos} of this thread's CPU have passed: ns a frame. */
    double slice(long sliceNanos) throws Exception {
      reset.invoke(cpu);
      long start = THREADS.getCurrentThreadCpuTime();
      long now;
      do {
        if (churn != null) {
          churn.invoke(bench); // outside the benchmark's own CPU count, as under JMH
        }
        invocation.invoke(bench, cpu);
        now = THREADS.getCurrentThreadCpuTime();
      } while (now - start < sliceNanos);
      return (double) cpuMillis.invoke(cpu) * 1e6 / (long) frames.invoke(cpu);
    }
  }

  public static void main(String[] args) throws Exception {
    String a = null;
    String b = null;
    String bench = "ManyFlowsBenchmark";
    Map<String, String> params = new LinkedHashMap<>();
    int rounds = 20;
    int warmRounds = 4;
    long sliceMs = 400;
    int instances = 3;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--a" -> a = args[++i];
        case "--b" -> b = args[++i];
        case "--bench" -> bench = args[++i];
        case "-p" -> {
          String[] kv = args[++i].split("=", 2);
          params.put(kv[0], kv[1]);
        }
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--warm-rounds" -> warmRounds = Integer.parseInt(args[++i]);
        case "--slice-ms" -> sliceMs = Long.parseLong(args[++i]);
        case "--instances" -> instances = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("unknown argument " + args[i] + "; see the class comment");
          System.exit(2);
        }
      }
    }
    if (a == null || b == null) {
      System.err.println("usage: AbBench --a A.jar --b B.jar [--bench NAME] [-p k=v]... "
          + "[--rounds 20] [--warm-rounds 4] [--slice-ms 400] [--instances 3]");
      System.exit(2);
    }
    // each side in several instances, set up in turn (A B B A A B ...): where an instance's
    // tables land in memory moved its speed by up to 6% against another of the same build
    List<Side> as = new ArrayList<>();
    List<Side> bs = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      boolean aFirst = i % 2 == 0;
      (aFirst ? as : bs).add(new Side(aFirst ? a : b, bench, params));
      (aFirst ? bs : as).add(new Side(aFirst ? b : a, bench, params));
    }
    List<double[]> kept = new ArrayList<>();
    for (int r = 0; r < warmRounds + rounds; r++) {
      double sumA = 0;
      double sumB = 0;
      for (int i = 0; i < instances; i++) {
        boolean aFirst = (r + i) % 2 == 0;
        double first = (aFirst ? as : bs).get(i).slice(sliceMs * 1_000_000);
        double second = (aFirst ? bs : as).get(i).slice(sliceMs * 1_000_000);
        sumA += aFirst ? first : second;
        sumB += aFirst ? second : first;
      }
      double nsA = sumA / instances;
      double nsB = sumB / instances;
      boolean warm = r < warmRounds;
      System.out.printf(
          "round %2d%s: A %6.1f  B %6.1f ns a frame  B/A %.3f%n",
          r + 1, warm ? " (warm-up)" : "", nsA, nsB, nsB / nsA);
      if (!warm) {
        kept.add(new double[] {nsA, nsB, nsB / nsA});
      }
    }
    double ratio = median(kept, 2);
    long bFaster = kept.stream().filter(k -> k[2] < 1).count();
    System.out.printf(
        "RESULT bench=%s instances=%d a_ns=%.1f b_ns=%.1f ratio_b_over_a=%.3f"
            + " b_faster_rounds=%d/%d%n",
        bench, instances, median(kept, 0), median(kept, 1), ratio, bFaster, kept.size());
  }

  private static double median(List<double[]> rows, int column) {
    double[] v = rows.stream().mapToDouble(row -> row[column]).sorted().toArray();
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static void set(Field field, Object target, String value) throws Exception {
    Class<?> type = field.getType();
    if (type == int.class) {
      field.setInt(target, Integer.parseInt(value));
    } else if (type == long.class) {
      field.setLong(target, Long.parseLong(value));
    } else if (type == boolean.class) {
      field.setBoolean(target, Boolean.parseBoolean(value));
    } else {
      field.set(target, value);
    }
  }
}
