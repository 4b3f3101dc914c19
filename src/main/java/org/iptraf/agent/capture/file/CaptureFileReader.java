package org.iptraf.agent.capture.file;

import java.nio.file.Path;
import org.iptraf.agent.capture.FrameSink;

/**
 * One opened capture file. {@link #read} streams it once into a sink; {@link #close} releases the
 * file. Obtain one from {@link CaptureFiles#open}.
 */
public interface CaptureFileReader extends AutoCloseable {

  /** The file as it was given to {@link CaptureFiles#open}. */
  Path path();

  /** The format recognised from the magic number. */
  CaptureFormat format();

  /**
   * Declares every interface and delivers every frame of the file, in file order, on the calling
   * thread. A damaged tail stops reading and is reported in {@link ReadSummary#problem()}; frames
   * before it were delivered. May be called once.
   *
   * @throws CaptureFileException when the file cannot be read any more (an I/O error)
   * @throws IllegalStateException when called a second time or after {@link #close}
   */
  ReadSummary read(FrameSink sink) throws CaptureFileException;

  /** Closes the file; never fails (nothing is written, so nothing can be lost). */
  @Override
  void close();
}
