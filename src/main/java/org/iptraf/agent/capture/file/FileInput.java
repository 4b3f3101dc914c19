package org.iptraf.agent.capture.file;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * A forward-only window on a file: one reusable heap buffer, refilled from a channel, grown only up
 * to a fixed maximum so a lying length field cannot make it allocate more.
 *
 * <p>Readers ask {@link #fill(int)} for the whole record they are about to parse, read fields at
 * absolute indices from {@link #position()}, hand the buffer to a sink, then {@link #advance}. Byte
 * order lives here, not in the buffer: a sink may change the buffer's order and we must not care.
 */
final class FileInput {

  static final int INITIAL_CAPACITY = 64 * 1024;

  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_BE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle SHORT_LE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle SHORT_BE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

  private final FileChannel channel;
  private final int maxCapacity;
  private ByteBuffer buffer;
  private byte[] bytes;

  /** Next unread index in the buffer. */
  private int pos;

  /** End of the valid bytes in the buffer. */
  private int end;

  /** File offset of buffer index 0. */
  private long bufferStart;

  private boolean bigEndian;

  FileInput(FileChannel channel, int maxCapacity) {
    this.channel = channel;
    this.maxCapacity = maxCapacity;
    this.buffer = ByteBuffer.allocate(Math.min(INITIAL_CAPACITY, maxCapacity));
    this.bytes = buffer.array();
  }

  /**
   * The buffer frames are delivered from, valid until the next {@link #fill}. Each call resets it
   * to position 0, limit = capacity and network byte order, so one sink that disturbed it cannot
   * hurt the next frame's absolute reads.
   */
  ByteBuffer buffer() {
    return buffer.clear().order(ByteOrder.BIG_ENDIAN);
  }

  /** Buffer index of the next unread byte. */
  int position() {
    return pos;
  }

  /** File offset of the next unread byte. */
  long offset() {
    return bufferStart + pos;
  }

  /** Bytes already buffered past the position (0 at the end of the file after a failed fill). */
  int buffered() {
    return end - pos;
  }

  int maxCapacity() {
    return maxCapacity;
  }

  void order(ByteOrder order) {
    bigEndian = order == ByteOrder.BIG_ENDIAN;
  }

  ByteOrder order() {
    return bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
  }

  /**
   * Makes {@code n} bytes available from the position, reading ahead as far as the buffer allows.
   *
   * @return false when the file ends first (whatever was there stays buffered)
   * @throws IllegalArgumentException when {@code n} exceeds the maximum capacity: callers check
   *     lengths from the file before asking
   */
  boolean fill(int n) throws IOException {
    if (end - pos >= n) {
      return true;
    }
    if (n < 0 || n > maxCapacity) {
      throw new IllegalArgumentException("fill " + n + " exceeds " + maxCapacity);
    }
    makeRoom(n);
    while (end - pos < n) {
      buffer.clear().position(end);
      int read = channel.read(buffer);
      if (read < 0) {
        return false;
      }
      end += read;
    }
    return true;
  }

  /** Moves the unread bytes to the front, growing the buffer (by doubling) if n still won't fit. */
  private void makeRoom(int n) {
    if (pos + n <= bytes.length) {
      return;
    }
    int remaining = end - pos;
    byte[] target = bytes;
    if (n > bytes.length) {
      int capacity = bytes.length;
      while (capacity < n) {
        capacity = (int) Math.min((long) capacity * 2, maxCapacity);
      }
      buffer = ByteBuffer.allocate(capacity);
      target = buffer.array();
    }
    System.arraycopy(bytes, pos, target, 0, remaining);
    bytes = target;
    bufferStart += pos;
    pos = 0;
    end = remaining;
  }

  /** Steps over n bytes that were filled. */
  void advance(int n) {
    pos += n;
  }

  /** Steps over n bytes, buffered or not, seeking past what is not buffered (n may pass EOF). */
  void skip(long n) throws IOException {
    if (n <= end - pos) {
      pos += (int) n;
      return;
    }
    long target = offset() + n;
    channel.position(target);
    bufferStart = target;
    pos = 0;
    end = 0;
  }

  /** Signed 32-bit field at buffer index i in the current byte order. */
  int int32(int i) {
    return bigEndian ? (int) INT_BE.get(bytes, i) : (int) INT_LE.get(bytes, i);
  }

  /** Signed 64-bit field at buffer index i in the current byte order. */
  long int64(int i) {
    return bigEndian ? (long) LONG_BE.get(bytes, i) : (long) LONG_LE.get(bytes, i);
  }

  /** Unsigned 32-bit field at buffer index i, as a long so it is never negative. */
  long uint32(int i) {
    return Integer.toUnsignedLong(int32(i));
  }

  /** Unsigned 16-bit field at buffer index i. */
  int uint16(int i) {
    short s = bigEndian ? (short) SHORT_BE.get(bytes, i) : (short) SHORT_LE.get(bytes, i);
    return Short.toUnsignedInt(s);
  }

  /** Unsigned byte at buffer index i. */
  int uint8(int i) {
    return Byte.toUnsignedInt(bytes[i]);
  }

  /** Raw bytes, for strings. */
  byte[] array() {
    return bytes;
  }
}
