package org.iptraf.agent.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** A growable byte array with fixed-width writes in a chosen byte order; the writers' backing. */
final class OrderedBytes {

  private byte[] bytes = new byte[256];
  private int size;

  int size() {
    return size;
  }

  void u8(int value) {
    ensure(1);
    bytes[size++] = (byte) value;
  }

  void u16(ByteOrder order, int value) {
    number(order, value, 2);
  }

  void u32(ByteOrder order, long value) {
    number(order, value, 4);
  }

  void u64(ByteOrder order, long value) {
    number(order, value, 8);
  }

  /** The low {@code width} bytes of value, most significant first when big-endian. */
  void number(ByteOrder order, long value, int width) {
    ensure(width);
    for (int i = 0; i < width; i++) {
      int shift = order == ByteOrder.BIG_ENDIAN ? (width - 1 - i) * 8 : i * 8;
      bytes[size++] = (byte) (value >>> shift);
    }
  }

  void put(byte[] data) {
    ensure(data.length);
    System.arraycopy(data, 0, bytes, size, data.length);
    size += data.length;
  }

  /** Zero bytes up to the next multiple of 4 (pcapng pads bodies and options to 32 bits). */
  void pad4() {
    while (size % 4 != 0) {
      u8(0);
    }
  }

  /** Overwrites 4 bytes at an earlier position (a length known only after the body). */
  void set32(int at, ByteOrder order, long value) {
    int saved = size;
    size = at;
    u32(order, value);
    size = saved;
  }

  byte[] toBytes() {
    return Arrays.copyOf(bytes, size);
  }

  Path writeTo(Path file) {
    try {
      return Files.write(file, toBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
