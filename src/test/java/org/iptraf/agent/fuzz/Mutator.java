package org.iptraf.agent.fuzz;

import java.util.SplittableRandom;

/**
 * Byte-level mutations, AFL's classic set: bit flips, bytes set to 0, 0xFF or random, truncation,
 * extension with random bytes, splices, and "interesting" values written over known header fields
 * (lengths, header-length nibbles). Deterministic for a given random source.
 */
final class Mutator {

  /** Values that sit on boundaries of 8- and 16-bit length checks. */
  private static final int[] INTERESTING = {
    0, 1, 2, 3, 4, 5, 7, 8, 15, 16, 20, 27, 28, 39, 40, 41, 60, 63, 64, 0x7F, 0x80, 0xFF, 0x100,
    0x5DC, 0x5DD, 0x600, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF
  };

  private static final int MAX_EXTENSION = 256;
  private static final int MAX_STACKED = 4;

  private final SplittableRandom random;

  Mutator(SplittableRandom random) {
    this.random = random;
  }

  /** Room {@code out} needs beyond the longest seed. */
  static int slack() {
    return MAX_EXTENSION * MAX_STACKED;
  }

  /**
   * Copies {@code seed} into {@code out} and applies one to four mutations.
   *
   * @return the mutated length, {@code 0..seed.length + slack()}
   */
  int mutate(Seed seed, byte[] out) {
    byte[] in = seed.bytes();
    System.arraycopy(in, 0, out, 0, in.length);
    int length = in.length;
    int n = 1 + random.nextInt(MAX_STACKED);
    for (int i = 0; i < n; i++) {
      length = once(seed.fields(), out, length);
    }
    return length;
  }

  private int once(int[] fields, byte[] b, int length) {
    int op = random.nextInt(10);
    if (length == 0 && op != 5) {
      op = 5; // nothing to flip: grow
    }
    switch (op) {
      case 0 -> b[random.nextInt(length)] ^= (byte) (1 << random.nextInt(8));
      case 1 -> b[random.nextInt(length)] = 0;
      case 2 -> b[random.nextInt(length)] = (byte) 0xFF;
      case 3 -> b[random.nextInt(length)] = (byte) random.nextInt(256);
      case 4 -> length = random.nextInt(length);
      case 5 -> {
        int extra = 1 + random.nextInt(MAX_EXTENSION);
        for (int i = 0; i < extra; i++) {
          b[length + i] = (byte) random.nextInt(256);
        }
        length += extra;
      }
      case 6, 7 -> smashField(fields, b, length);
      case 8 -> {
        int from = random.nextInt(length);
        int to = random.nextInt(length);
        int count = random.nextInt(Math.min(length - from, length - to) + 1);
        System.arraycopy(b, from, b, to, count);
      }
      default -> {
        int at = random.nextInt(length);
        int burst = Math.min(length - at, 2 + random.nextInt(3));
        for (int i = 0; i < burst; i++) {
          b[at + i] = (byte) random.nextInt(256);
        }
      }
    }
    return length;
  }

  /** An interesting value over a known field: a 16-bit length, or one nibble of a byte. */
  private void smashField(int[] fields, byte[] b, int length) {
    int at =
        fields.length > 0 && random.nextInt(8) != 0
            ? fields[random.nextInt(fields.length)]
            : random.nextInt(length);
    if (at >= length) {
      return;
    }
    int value =
        random.nextInt(4) == 0
            ? random.nextInt(0x10000)
            : INTERESTING[random.nextInt(INTERESTING.length)];
    switch (random.nextInt(3)) {
      case 0 -> {
        b[at] = (byte) (value >>> 8);
        if (at + 1 < length) {
          b[at + 1] = (byte) value;
        }
      }
      case 1 -> b[at] = (byte) value;
      default ->
          b[at] =
              (byte)
                  (random.nextBoolean()
                      ? (b[at] & 0xF0) | (value & 0x0F) // IHL, TCP data offset sit in one nibble
                      : (b[at] & 0x0F) | (value << 4));
    }
  }
}
