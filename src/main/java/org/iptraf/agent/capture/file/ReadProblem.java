package org.iptraf.agent.capture.file;

/**
 * Why reading stopped before the end of a file. Everything before {@link #offset()} was delivered.
 *
 * @param kind whether the file just ends early or holds a record that cannot be right
 * @param offset byte offset in the file of the record or block that could not be read
 * @param reason one line, lower case, without the file name
 */
public record ReadProblem(Kind kind, long offset, String reason) {

  /** The two ways a file goes bad after a good start. */
  public enum Kind {
    /** The file ends inside a record or block (a capture cut short, a copy still growing). */
    TRUNCATED,
    /** A length field is impossible (negative, too large, misaligned); the rest is not trusted. */
    CORRUPT
  }

  /** One line for users, e.g. {@code truncated at byte 1234: file ends inside a 60-byte record}. */
  public String message() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + " at byte " + offset + ": " + reason;
  }

  @Override
  public String toString() {
    return message();
  }
}
