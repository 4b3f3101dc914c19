import java.util.Random;

/**
 * What a random read of a table in memory costs on this machine: the floor under the agent's
 * per-frame table work at many flows (docs/BENCHMARKS.md, "Twelfth session").
 *
 * <p>For each size, a table of longs is read at random places in four ways, 2 M reads each, five
 * rounds (the last two printed; the first warm the JIT and the caches):
 *
 * <ul>
 *   <li>{@code chase}: each read's place comes from the read before (a linked list): the full
 *       latency of one miss, nothing overlapped;
 *   <li>{@code 1 line}, {@code 2 lines}, {@code 4 lines}: the places come from a random number
 *       generator, so the reads are independent and the processor overlaps as many as it can; each
 *       reads one cache line, or 2 or 4 adjacent ones (a record of 64, 128 or 256 bytes);
 *   <li>{@code in cache}: the 1-line loop over 64 KB, the loop's own cost.
 * </ul>
 *
 * <p>Run pinned, as the agent is in the benchmarks:
 *
 * <pre>
 *   taskset -c 1 java -Xmx2g bench/manyflows/MemoryProbe.java 16 32 64
 * </pre>
 */
public final class MemoryProbe {
  private static final int READS = 2_000_000;
  private static final int LINE = 8; // longs in a cache line of 64 bytes
  private static final long MUL = 6364136223846793005L; // Knuth's MMIX linear congruential step
  private static final long ADD = 1442695040888963407L;

  private MemoryProbe() {}

  public static void main(String[] args) {
    if (args.length == 0) {
      args = new String[] {"16", "64"};
    }
    for (String arg : args) {
      probe(Integer.parseInt(arg));
    }
  }

  private static void probe(int mebibytes) {
    long[] t = chain(mebibytes * 1024 * 1024 / 8);
    int lines = t.length / LINE;
    for (int round = 0; round < 5; round++) {
      long sink = 0;
      long t0 = System.nanoTime();
      sink += chase(t);
      long t1 = System.nanoTime();
      sink += independent(t, lines, 1);
      long t2 = System.nanoTime();
      sink += independent(t, lines, 2);
      long t3 = System.nanoTime();
      sink += independent(t, lines, 4);
      long t4 = System.nanoTime();
      sink += independent(t, 1024, 1);
      long t5 = System.nanoTime();
      if (round >= 3) {
        System.out.printf(
            "%4d MiB: chase %6.1f ns, 1 line %5.1f ns, 2 lines %5.1f ns, 4 lines %5.1f ns,"
                + " in cache %4.1f ns a read (%d)%n",
            mebibytes,
            perRead(t0, t1),
            perRead(t1, t2),
            perRead(t2, t3),
            perRead(t3, t4),
            perRead(t4, t5),
            sink & 1);
      }
    }
  }

  /** A table whose lines hold the place of the next line of one random cycle through them all. */
  private static long[] chain(int longs) {
    long[] t = new long[longs];
    int lines = longs / LINE;
    int[] order = new int[lines];
    for (int i = 0; i < lines; i++) {
      order[i] = i;
    }
    Random random = new Random(1);
    for (int i = lines - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    for (int i = 0; i < lines; i++) {
      t[order[i] * LINE] = (long) order[(i + 1) % lines] * LINE;
    }
    return t;
  }

  private static long chase(long[] t) {
    long at = 0;
    for (int i = 0; i < READS; i++) {
      at = t[(int) at];
    }
    return at;
  }

  /** Reads {@code width} adjacent lines at random places among the first {@code lines}. */
  private static long independent(long[] t, int lines, int width) {
    int records = Integer.highestOneBit(lines / width) - 1;
    long x = 12345;
    long sum = 0;
    for (int i = 0; i < READS; i++) {
      x = x * MUL + ADD;
      int at = (int) ((x >>> 33) & records) * width * LINE;
      long read = t[at];
      for (int w = 1; w < width; w++) {
        read ^= t[at + w * LINE];
      }
      sum += read;
    }
    return sum;
  }

  private static double perRead(long from, long to) {
    return (to - from) / (double) READS;
  }
}
