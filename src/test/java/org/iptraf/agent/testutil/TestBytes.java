package org.iptraf.agent.testutil;

/** Deterministic filler bytes, so a test can tell frames apart and see misplaced offsets. */
public final class TestBytes {

  private TestBytes() {}

  /** {@code length} bytes counting up from {@code seed} (wrapping at 256). */
  public static byte[] pattern(int length, int seed) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (seed + i);
    }
    return bytes;
  }
}
