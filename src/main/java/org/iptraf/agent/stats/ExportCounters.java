package org.iptraf.agent.stats;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a flow exporter (IPFIX) says about its own work, for JMX and Prometheus to show: written by
 * the exporter's threads, read by anyone. Never touched by the capture thread.
 */
public final class ExportCounters {
  private final String collector;
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong templates = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong droppedRecords = new AtomicLong();
  private final AtomicLong droppedMessages = new AtomicLong();
  private final AtomicLong droppedEnded = new AtomicLong();
  private final AtomicLong sendErrors = new AtomicLong();
  private final AtomicLong connects = new AtomicLong();

  /** For an agent that exports nothing. */
  public static final ExportCounters NONE = new ExportCounters("");

  /**
   * @param collector where the records go ({@code HOST:PORT/udp}), empty when export is off
   */
  public ExportCounters(String collector) {
    this.collector = collector;
  }

  public boolean enabled() {
    return !collector.isEmpty();
  }

  public String collector() {
    return collector;
  }

  /** Data records sent to the collector (handed to the socket). */
  public long records() {
    return records.get();
  }

  /** Messages sent, templates and data alike. */
  public long messages() {
    return messages.get();
  }

  /** Template records sent (each template counts each time it is sent). */
  public long templates() {
    return templates.get();
  }

  /** Bytes of the messages sent. */
  public long bytes() {
    return bytes.get();
  }

  /** Data records lost: their message did not fit in the send queue or could not be sent. */
  public long droppedRecords() {
    return droppedRecords.get();
  }

  /** Messages lost, for the same reasons. */
  public long droppedMessages() {
    return droppedMessages.get();
  }

  /** Ended flows lost before export because the exporter did not take them in time. */
  public long droppedEnded() {
    return droppedEnded.get();
  }

  /** Sends or connects that failed (collector down, refused, unreachable). */
  public long sendErrors() {
    return sendErrors.get();
  }

  /** TCP connections made to the collector (0 over UDP). */
  public long connects() {
    return connects.get();
  }

  public void sent(int dataRecords, int templateRecords, int messageBytes) {
    records.addAndGet(dataRecords);
    templates.addAndGet(templateRecords);
    messages.incrementAndGet();
    bytes.addAndGet(messageBytes);
  }

  public void dropped(int dataRecords) {
    droppedRecords.addAndGet(dataRecords);
    droppedMessages.incrementAndGet();
  }

  public void droppedEnded(long total) {
    droppedEnded.set(total);
  }

  public void sendError() {
    sendErrors.incrementAndGet();
  }

  public void connected() {
    connects.incrementAndGet();
  }
}
