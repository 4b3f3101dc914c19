import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/** java Interleave PASSES WARMUP jar... : alternates one pass of 2^20 frames per jar, CPU time. */
public class Interleave {
  public static void main(String[] args) throws Exception {
    int passes = Integer.parseInt(args[0]);
    int warm = Integer.parseInt(args[1]);
    int n = args.length - 2;
    int frames = 1 << 20;
    ThreadMXBean tm = ManagementFactory.getThreadMXBean();
    Method[] pass = new Method[n];
    Object[] tables = new Object[n];
    Object[] mix = null;
    for (int j = 0; j < n; j++) {
      URL runner = Path.of(System.getProperty("runner.dir")).toUri().toURL();
      URL jar = Path.of(args[j + 2]).toUri().toURL();
      URLClassLoader l =
          new URLClassLoader(new URL[] {runner, jar}, ClassLoader.getPlatformClassLoader());
      Class<?> r = l.loadClass("org.iptraf.agent.bench.AbRunner");
      if (mix == null) {
        mix = (Object[]) r.getMethod("mix", int.class).invoke(null, frames);
      }
      tables[j] = r.getMethod("tables").invoke(null);
      pass[j] = r.getMethod("pass", Object.class, Object[].class, long.class);
    }
    double[][] ns = new double[n][passes];
    for (int p = 0; p < warm + passes; p++) {
      for (int k = 0; k < n; k++) {
        int j = (p % 2 == 0) ? k : n - 1 - k; // ABBA order
        long base = (1_000_000_000L + (long) p * frames) * 1000;
        long c0 = tm.getCurrentThreadCpuTime();
        pass[j].invoke(null, tables[j], mix, base);
        long c1 = tm.getCurrentThreadCpuTime();
        if (p >= warm) {
          ns[j][p - warm] = (c1 - c0) / (double) frames;
        }
      }
    }
    double[] first = ns[0].clone();
    for (int j = 0; j < n; j++) {
      double[] s = ns[j].clone();
      Arrays.sort(s);
      double[] ratio = new double[passes];
      for (int p = 0; p < passes; p++) {
        ratio[p] = ns[j][p] / first[p];
      }
      Arrays.sort(ratio);
      System.out.printf(
          "%-40s ns/frame median %.0f (q1 %.0f q3 %.0f) = %.2f M frames/s; ratio to first %.3f%n",
          Path.of(args[j + 2]).getFileName(), s[passes / 2], s[passes / 4], s[3 * passes / 4],
          1e3 / s[passes / 2], ratio[passes / 2]);
    }
  }
}
