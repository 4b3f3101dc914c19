package org.iptraf.agent.capture.file;

/** Running counts for a {@link ReadSummary}; one per read, updated once per frame. */
final class Tally {

  private final CaptureFormat format;
  private long frames;
  private long bytes;
  private long first;
  private long last;
  private long capturedLongerThanOriginal;
  private ReadProblem problem;

  Tally(CaptureFormat format) {
    this.format = format;
  }

  /**
   * Counts a frame and returns the original length to deliver: a captured length above the original
   * one cannot be (the wire held at least what we hold), so the original is raised to it. Original
   * lengths past Integer.MAX_VALUE (an unsigned field gone wild) are clamped.
   */
  int frame(int capturedLength, long originalLength, long timestampNanos) {
    long original = originalLength;
    if (capturedLength > original) {
      capturedLongerThanOriginal++;
      original = capturedLength;
    }
    int delivered = (int) Math.min(original, Integer.MAX_VALUE);
    if (frames == 0) {
      first = timestampNanos;
    }
    frames++;
    bytes += delivered;
    last = timestampNanos;
    return delivered;
  }

  /** Timestamp of the last frame, for blocks that carry none (pcapng simple packet block). */
  long lastTimestamp() {
    return last;
  }

  /** Records why reading stopped; returns false so callers can {@code return tally.stop(...)}. */
  boolean stop(ReadProblem.Kind kind, long offset, String reason) {
    problem = new ReadProblem(kind, offset, reason);
    return false;
  }

  boolean truncated(long offset, String reason) {
    return stop(ReadProblem.Kind.TRUNCATED, offset, reason);
  }

  boolean corrupt(long offset, String reason) {
    return stop(ReadProblem.Kind.CORRUPT, offset, reason);
  }

  ReadSummary summary(int interfaces) {
    return new ReadSummary(
        format, frames, bytes, interfaces, first, last, capturedLongerThanOriginal, problem);
  }
}
