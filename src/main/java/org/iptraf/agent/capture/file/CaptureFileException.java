package org.iptraf.agent.capture.file;

/**
 * A file that cannot be read as a capture at all: missing, unreadable, a directory, empty, or not
 * pcap/pcapng. The message is one line, names the file and says what is wrong, so a command line
 * can print it as it is.
 */
public final class CaptureFileException extends Exception {

  private static final long serialVersionUID = 1L;

  CaptureFileException(Object file, String problem) {
    super(file + ": " + oneLine(problem));
  }

  /** I/O messages may carry newlines (some file systems do); errors are one line. */
  static String oneLine(String text) {
    return text == null ? "unknown error" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
