package org.iptraf.agent.snmp;

/**
 * The report's {@code capture} counters as the SNMP agent reads them (IPTRAF-AGENT-MIB
 * {@code iptrafCapture}). A stand-in until the core's snapshot records exist: a snapshot can
 * implement it directly, so serving it costs no copy.
 */
public interface CaptureCounters {

  /** No frame seen yet. */
  CaptureCounters ZERO = new CaptureCounters() {};

  default long frames() {
    return 0;
  }

  default long bytes() {
    return 0;
  }

  default long malformed() {
    return 0;
  }

  default long unknownLinkType() {
    return 0;
  }

  default long kernelDrops() {
    return 0;
  }

  default long filtered() {
    return 0;
  }

  default long loopbackDuplicates() {
    return 0;
  }
}
