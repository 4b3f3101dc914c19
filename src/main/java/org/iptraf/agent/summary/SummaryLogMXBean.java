package org.iptraf.agent.summary;

/** {@code iptraf:type=SummaryLog}: how the summary log is doing. */
public interface SummaryLogMXBean {
  /** The file written to. */
  String getFile();

  /** Lines written since start. */
  long getWrittenLines();

  /** Lines lost to write errors (full disk, directory that cannot be made) since start. */
  long getDroppedLines();

  /** Times the file was rotated since start. */
  long getRotations();
}
