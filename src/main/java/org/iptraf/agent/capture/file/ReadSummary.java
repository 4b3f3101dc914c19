package org.iptraf.agent.capture.file;

/**
 * What one pass over a capture file delivered.
 *
 * @param format the file's format
 * @param frames frames handed to the sink
 * @param bytes sum of the frames' original (on the wire) lengths
 * @param interfaces interface ids used, starting at the reader's first id; pass {@code first +
 *     interfaces} as the first id of the next file to keep ids dense and distinct
 * @param firstTimestampNanos timestamp of the first frame, 0 when there was none
 * @param lastTimestampNanos timestamp of the last frame, 0 when there was none
 * @param capturedLongerThanOriginal frames whose captured length exceeded their original length;
 *     they were delivered with the original length raised to the captured length
 * @param problem why reading stopped early, or null when the whole file was read
 */
public record ReadSummary(
    CaptureFormat format,
    long frames,
    long bytes,
    int interfaces,
    long firstTimestampNanos,
    long lastTimestampNanos,
    long capturedLongerThanOriginal,
    ReadProblem problem) {

  /** True when the file was read to its end without a problem. */
  public boolean clean() {
    return problem == null;
  }
}
