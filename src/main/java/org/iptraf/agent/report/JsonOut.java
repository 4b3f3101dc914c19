package org.iptraf.agent.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes JSON as UTF-8 bytes straight into a buffer of its own, in one of two layouts:
 *
 * <ul>
 *   <li>{@link #rowPerLine}, the report's: the outer objects indented two spaces a level, and every
 *       object that is an element of an array (one row of a table) whole on one line;
 *   <li>{@link #compact}, the summary log's: everything on one line.
 * </ul>
 *
 * <pre>
 * {
 *   "capture": {
 *     "frames": 3
 *   },
 *   "tcpConnections": [
 *     {"interface":"eth0","a":"10.0.0.1:40000","b":"10.0.0.2:80",...},
 *     {"interface":"eth0",...}
 *   ]
 * }
 * </pre>
 *
 * <p>A row per line is what {@code grep} and {@code head} want, and it keeps the report of a busy
 * link small. A report is written once per run, so most of it runs before the JIT has compiled it:
 * Jackson's generator and pretty printer, which wrote it before, were a sixth of the main thread's
 * samples in a replay of 110 k flows, and the report phase 0.43-0.47 s against 0.36-0.38 s now
 * (docs/BENCHMARKS.md); this writer has one short path per value.
 *
 * <p>Strings are escaped as JSON requires and as Jackson did: a quote and a backslash with a
 * backslash, the control characters as the short escapes (backspace, tab, line feed, form feed,
 * carriage return) or as a backslash, {@code u} and four upper-case hex digits, and so each half of
 * a surrogate pair; every other char as it is, in UTF-8. Doubles are written as {@link
 * Double#toString} writes them.
 *
 * <p>Nothing reaches the stream before {@link #flush}; the caller closes it.
 */
public final class JsonOut {
  private static final int MAX_NESTING = 32;
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  private final OutputStream out;
  private final byte[] buf = new byte[1 << 16];
  private int pos;

  /** Scratch for an address or time written from chars (one per writer, not per value). */
  private final char[] text = new char[64];

  /*
   * The open objects and arrays: whether each is an array, and how many fields or values it has so
   * far. depth counts those outside rows (the indentation), rowDepth those inside the current row;
   * the compact layout starts rowDepth at 1, so that everything is inside a row.
   */
  private final boolean[] array = new boolean[MAX_NESTING];
  private final int[] count = new int[MAX_NESTING];
  private int open;
  private int depth;
  private int rowDepth;

  private JsonOut(OutputStream out, int rowDepth) {
    this.out = out;
    this.rowDepth = rowDepth;
  }

  /** The report's layout: outer objects indented, each array element on a line of its own. */
  public static JsonOut rowPerLine(OutputStream out) {
    return new JsonOut(out, 0);
  }

  /** Everything on one line, with no spaces. */
  public static JsonOut compact(OutputStream out) {
    return new JsonOut(out, 1);
  }

  /** Scratch chars of at least {@code n} (64 or fewer) for {@link #field(String, char[], int)}. */
  public char[] scratch(int n) {
    if (n > text.length) {
      throw new IllegalArgumentException("scratch of " + n + " chars");
    }
    return text;
  }

  public void startObject() throws IOException {
    beforeValue();
    start(false);
  }

  public void startObject(String field) throws IOException {
    field(field);
    start(false);
  }

  public void startArray(String field) throws IOException {
    field(field);
    start(true);
  }

  /** Ends the innermost open object or array. */
  public void end() throws IOException {
    open--;
    if (rowDepth > 0) {
      rowDepth--;
    } else {
      depth--;
      if (count[open] > 0) {
        newLine();
      }
    }
    ensure(1);
    buf[pos++] = (byte) (array[open] ? ']' : '}');
  }

  /** A string element of the innermost array ({@code null} as JSON's null, as Jackson wrote it). */
  public void value(String s) throws IOException {
    beforeValue();
    stringOrNull(s);
  }

  /** A field of a string ({@code null} as JSON's null, as Jackson wrote it). */
  public void field(String name, String value) throws IOException {
    field(name);
    stringOrNull(value);
  }

  private void stringOrNull(String s) throws IOException {
    if (s == null) {
      ascii("null");
    } else {
      string(s);
    }
  }

  /** A field of text in {@code value[0, length)}, at most {@link #RUN} chars (a scratch's). */
  public void field(String name, char[] value, int length) throws IOException {
    if (length > RUN) {
      throw new IllegalArgumentException("a field of " + length + " chars from a scratch");
    }
    field(name);
    ensure(6 * length + 2);
    buf[pos++] = '"';
    for (int i = 0; i < length; i++) {
      character(value[i]);
    }
    buf[pos++] = '"';
  }

  public void field(String name, long value) throws IOException {
    field(name);
    number(value);
  }

  public void field(String name, double value) throws IOException {
    field(name);
    ascii(Double.toString(value));
  }

  public void field(String name, boolean value) throws IOException {
    field(name);
    ascii(value ? "true" : "false");
  }

  /** Ends the document with a line break, hands it to the stream and flushes that. */
  public void finish() throws IOException {
    ensure(1);
    buf[pos++] = '\n';
    flush();
  }

  /** Hands what is buffered to the stream and flushes it. */
  public void flush() throws IOException {
    out.write(buf, 0, pos);
    pos = 0;
    out.flush();
  }

  /** Before a field's name: the separator, the line break outside rows; then the name. */
  private void field(String name) throws IOException {
    if (count[open - 1]++ > 0) {
      ensure(1);
      buf[pos++] = ',';
    }
    if (rowDepth == 0) {
      newLine();
    }
    int h = name.hashCode() & (NAMES - 1);
    byte[] e = encodedNames[h];
    if (names[h] != name) { // the same String: a report's names are constants
      if (name.length() > RUN) {
        string(name);
        ensure(2);
        buf[pos++] = ':';
        if (rowDepth == 0) {
          buf[pos++] = ' ';
        }
        return;
      }
      ensure(6 * name.length() + 3); // string() then hands nothing on
      int start = pos;
      string(name);
      buf[pos++] = ':';
      e = Arrays.copyOfRange(buf, start, pos);
      pos = start;
      names[h] = name;
      encodedNames[h] = e;
    }
    ensure(e.length + 1);
    System.arraycopy(e, 0, buf, pos, e.length);
    pos += e.length;
    if (rowDepth == 0) {
      buf[pos++] = ' ';
    }
  }

  /*
   * Field names written lately, each as its quoted, escaped bytes and the colon, by its hash: a row
   * of the report writes some twenty names, the same in every row, and copies them.
   */
  private static final int NAMES = 256;
  private final String[] names = new String[NAMES];
  private final byte[][] encodedNames = new byte[NAMES][];

  /** Before an element of an array (or the root value): the separator, the line break. */
  private void beforeValue() throws IOException {
    if (open == 0) {
      return;
    }
    if (count[open - 1]++ > 0) {
      ensure(1);
      buf[pos++] = ',';
    }
    if (rowDepth == 0) {
      newLine();
    }
  }

  /** An object that is an element of an array, and all inside a row, are rows. */
  private void start(boolean isArray) throws IOException {
    if (open == MAX_NESTING) {
      throw new IllegalStateException("JSON nested deeper than " + MAX_NESTING);
    }
    if (rowDepth > 0 || (!isArray && open > 0 && array[open - 1])) {
      rowDepth++;
    } else {
      depth++;
    }
    array[open] = isArray;
    count[open] = 0;
    open++;
    ensure(1);
    buf[pos++] = (byte) (isArray ? '[' : '{');
  }

  private void newLine() throws IOException {
    ensure(1 + 2 * depth);
    buf[pos++] = '\n';
    for (int i = 0; i < depth; i++) {
      buf[pos++] = ' ';
      buf[pos++] = ' ';
    }
  }

  /** A quoted string, a run of chars at a time with room for each escaped (6 bytes a char). */
  private void string(String s) throws IOException {
    ensure(1);
    buf[pos++] = '"';
    for (int i = 0, n = s.length(); i < n; ) {
      int end = Math.min(n, i + RUN);
      ensure(6 * (end - i));
      while (i < end) {
        character(s.charAt(i++));
      }
    }
    ensure(1);
    buf[pos++] = '"';
  }

  /** Chars written after one room check: the buffer holds them all escaped. */
  private static final int RUN = 1024;

  /** One char, for which there is room (6 bytes). */
  private void character(char c) {
    if (c < 0x80 && PLAIN[c]) {
      buf[pos++] = (byte) c;
    } else if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
      escape(c);
    } else {
      codePoint(c);
    }
  }

  /** The ASCII chars written as they are. */
  private static final boolean[] PLAIN = new boolean[0x80];

  static {
    for (char c = 0x20; c < 0x80; c++) {
      PLAIN[c] = c != '"' && c != '\\';
    }
  }

  private void escape(char c) {
    buf[pos++] = '\\';
    switch (c) {
      case '"', '\\' -> buf[pos++] = (byte) c;
      case '\b' -> buf[pos++] = 'b';
      case '\t' -> buf[pos++] = 't';
      case '\n' -> buf[pos++] = 'n';
      case '\f' -> buf[pos++] = 'f';
      case '\r' -> buf[pos++] = 'r';
      default -> {
        buf[pos++] = 'u';
        buf[pos++] = HEX[c >> 12];
        buf[pos++] = HEX[c >> 8 & 0xF];
        buf[pos++] = HEX[c >> 4 & 0xF];
        buf[pos++] = HEX[c & 0xF];
      }
    }
  }

  /** A char from 0x80 that is not a surrogate, as two or three bytes of UTF-8. */
  private void codePoint(char c) {
    if (c < 0x800) {
      buf[pos++] = (byte) (0xC0 | c >> 6);
    } else {
      buf[pos++] = (byte) (0xE0 | c >> 12);
      buf[pos++] = (byte) (0x80 | (c >> 6 & 0x3F));
    }
    buf[pos++] = (byte) (0x80 | (c & 0x3F));
  }

  /** Decimal digits, with no String made. */
  private void number(long v) throws IOException {
    if (v == Long.MIN_VALUE) {
      ascii(Long.toString(v));
      return;
    }
    ensure(20);
    if (v < 0) {
      buf[pos++] = '-';
      v = -v;
    }
    if (v <= Integer.MAX_VALUE) { // most counts: int division is the cheaper
      number((int) v);
      return;
    }
    int digits = 1;
    for (long rest = v / 10; rest != 0; rest /= 10) {
      digits++;
    }
    int end = pos + digits;
    for (int i = end - 1; i >= pos; i--) {
      buf[i] = (byte) ('0' + (int) (v % 10));
      v /= 10;
    }
    pos = end;
  }

  /** As {@link #number(long)}, for {@code v >= 0}; there is room. */
  private void number(int v) {
    int digits = 1;
    for (int rest = v / 10; rest != 0; rest /= 10) {
      digits++;
    }
    int end = pos + digits;
    for (int i = end - 1; i >= pos; i--) {
      buf[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    pos = end;
  }

  /** Text known to be ASCII with nothing to escape. */
  private void ascii(String s) throws IOException {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[pos++] = (byte) s.charAt(i);
    }
  }

  private void ensure(int n) throws IOException {
    if (pos + n > buf.length) {
      out.write(buf, 0, pos);
      pos = 0;
    }
  }
}
