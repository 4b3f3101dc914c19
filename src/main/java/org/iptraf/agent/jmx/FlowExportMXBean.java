package org.iptraf.agent.jmx;

/** {@code iptraf:type=IpfixExport}: what the IPFIX export sent and lost. */
public interface FlowExportMXBean {

  /** The collector and transport, {@code HOST:PORT/udp}. */
  String getCollector();

  /** Data records sent. */
  long getRecords();

  /** Messages sent, templates and data alike. */
  long getMessages();

  /** Template records sent. */
  long getTemplates();

  /** Bytes of the messages sent. */
  long getBytes();

  /** Data records dropped: the send queue was full or the collector could not be reached. */
  long getDroppedRecords();

  /** Messages dropped, for the same reasons. */
  long getDroppedMessages();

  /** Ended flows lost before export because the exporter did not take them in time. */
  long getDroppedEndedFlows();

  /** Failed sends and connects. */
  long getSendErrors();

  /** TCP connections made to the collector. */
  long getConnects();
}
