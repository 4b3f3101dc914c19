package org.iptraf.agent.ipfix;

import java.nio.ByteBuffer;

/**
 * The values of one data record, filled by the exporter and written in its template's field order:
 * one reused object, so that the template and the record can never disagree on what comes where.
 */
final class FlowFields {
  /** RFC 7012 flowEndReason values. */
  static final int IDLE_TIMEOUT = 0x01;

  static final int ACTIVE_TIMEOUT = 0x02;
  static final int END_OF_FLOW = 0x03;
  static final int FORCED_END = 0x04;
  static final int LACK_OF_RESOURCES = 0x05;

  long startMillis;
  long endMillis;

  /** 4 bytes used for IPv4, 16 for IPv6. */
  final byte[] source = new byte[16];

  final byte[] destination = new byte[16];
  long sourceMac;
  long destinationMac;
  int etherType;
  int sourcePort;
  int destinationPort;
  int protocol;
  int icmpTypeCode;
  int tcpFlags;
  int reverseTcpFlags;
  long octets;
  long packets;
  long reverseOctets;
  long reversePackets;
  long ingressInterface;
  int vlanId;
  int biflowDirection;
  int endReason;

  /** Writes the record as {@code t} lays it out. */
  void write(Template t, ByteBuffer out) {
    for (Field f : t.fields) {
      switch (f) {
        case FLOW_START_MILLISECONDS -> out.putLong(startMillis);
        case FLOW_END_MILLISECONDS -> out.putLong(endMillis);
        case SOURCE_IPV4_ADDRESS, SOURCE_IPV6_ADDRESS -> out.put(source, 0, f.length);
        case DESTINATION_IPV4_ADDRESS, DESTINATION_IPV6_ADDRESS ->
            out.put(destination, 0, f.length);
        case SOURCE_MAC_ADDRESS -> mac(out, sourceMac);
        case DESTINATION_MAC_ADDRESS -> mac(out, destinationMac);
        case ETHERNET_TYPE -> out.putShort((short) etherType);
        case SOURCE_TRANSPORT_PORT -> out.putShort((short) sourcePort);
        case DESTINATION_TRANSPORT_PORT -> out.putShort((short) destinationPort);
        case PROTOCOL_IDENTIFIER -> out.put((byte) protocol);
        case ICMP_TYPE_CODE_IPV4, ICMP_TYPE_CODE_IPV6 -> out.putShort((short) icmpTypeCode);
        case TCP_CONTROL_BITS -> out.putShort((short) tcpFlags);
        case REVERSE_TCP_CONTROL_BITS -> out.putShort((short) reverseTcpFlags);
        case OCTET_DELTA_COUNT -> out.putLong(octets);
        case PACKET_DELTA_COUNT -> out.putLong(packets);
        case REVERSE_OCTET_DELTA_COUNT -> out.putLong(reverseOctets);
        case REVERSE_PACKET_DELTA_COUNT -> out.putLong(reversePackets);
        case INGRESS_INTERFACE -> out.putInt((int) ingressInterface);
        case VLAN_ID -> out.putShort((short) vlanId);
        case BIFLOW_DIRECTION -> out.put((byte) biflowDirection);
        case FLOW_END_REASON -> out.put((byte) endReason);
      }
    }
  }

  private static void mac(ByteBuffer out, long mac) {
    for (int shift = 40; shift >= 0; shift -= 8) {
      out.put((byte) (mac >>> shift));
    }
  }
}
