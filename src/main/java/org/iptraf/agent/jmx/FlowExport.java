package org.iptraf.agent.jmx;

import org.iptraf.agent.stats.ExportCounters;

/** The IPFIX export's counters as an MXBean, read live. */
final class FlowExport implements FlowExportMXBean {
  private final ExportCounters c;

  FlowExport(ExportCounters c) {
    this.c = c;
  }

  @Override
  public String getCollector() {
    return c.collector();
  }

  @Override
  public long getRecords() {
    return c.records();
  }

  @Override
  public long getMessages() {
    return c.messages();
  }

  @Override
  public long getTemplates() {
    return c.templates();
  }

  @Override
  public long getBytes() {
    return c.bytes();
  }

  @Override
  public long getDroppedRecords() {
    return c.droppedRecords();
  }

  @Override
  public long getDroppedMessages() {
    return c.droppedMessages();
  }

  @Override
  public long getDroppedEndedFlows() {
    return c.droppedEnded();
  }

  @Override
  public long getSendErrors() {
    return c.sendErrors();
  }

  @Override
  public long getConnects() {
    return c.connects();
  }
}
