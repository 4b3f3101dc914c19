package org.iptraf.agent.stats;

import java.util.List;

/**
 * Every table at one instant, immutable: what the report, JMX and SNMP read.
 *
 * @param firstFrameNanos capture time of the first frame (0 if none)
 * @param nowNanos the capture clock when taken (latest frame or tick)
 * @param sequence increases with every snapshot taken
 * @param resetCount how many times counters were reset (a discontinuity for SNMP)
 * @param macPairs frames per source and destination MAC (RMON's matrix; not in the report)
 */
public record TablesSnapshot(
    long sequence,
    long firstFrameNanos,
    long nowNanos,
    long resetCount,
    CaptureSnapshot capture,
    List<InterfaceSnapshot> interfaces,
    List<VlanCounts> vlans,
    List<TcpConnection> tcpConnections,
    List<OtherFlow> otherFlows,
    List<PortCounts> ports,
    PacketSizes packetSizes,
    List<Station> stations,
    List<MacPair> macPairs) {

  /** Seconds of capture time covered. */
  public double seconds() {
    return firstFrameNanos == 0 ? 0 : Math.max(0, nowNanos - firstFrameNanos) / 1e9;
  }
}
