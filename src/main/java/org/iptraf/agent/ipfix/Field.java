package org.iptraf.agent.ipfix;

/**
 * The Information Elements the agent exports, by their IANA number (RFC 7012 and the IANA IPFIX
 * registry), with the length each takes in our records. Reverse elements are those of RFC 5103: the
 * same number under private enterprise number 29305, counting the biflow's reverse direction.
 */
enum Field {
  FLOW_START_MILLISECONDS(152, 8),
  FLOW_END_MILLISECONDS(153, 8),
  SOURCE_IPV4_ADDRESS(8, 4),
  DESTINATION_IPV4_ADDRESS(12, 4),
  SOURCE_IPV6_ADDRESS(27, 16),
  DESTINATION_IPV6_ADDRESS(28, 16),
  SOURCE_MAC_ADDRESS(56, 6),
  DESTINATION_MAC_ADDRESS(80, 6),
  ETHERNET_TYPE(256, 2),
  SOURCE_TRANSPORT_PORT(7, 2),
  DESTINATION_TRANSPORT_PORT(11, 2),
  PROTOCOL_IDENTIFIER(4, 1),
  ICMP_TYPE_CODE_IPV4(32, 2),
  ICMP_TYPE_CODE_IPV6(139, 2),
  /** unsigned16 since RFC 7125. */
  TCP_CONTROL_BITS(6, 2),
  REVERSE_TCP_CONTROL_BITS(6, 2, true),
  OCTET_DELTA_COUNT(1, 8),
  PACKET_DELTA_COUNT(2, 8),
  REVERSE_OCTET_DELTA_COUNT(1, 8, true),
  REVERSE_PACKET_DELTA_COUNT(2, 8, true),
  INGRESS_INTERFACE(10, 4),
  VLAN_ID(58, 2),
  /** RFC 5103 section 6.3: 1 = the source is the initiator, 0 = arbitrary. */
  BIFLOW_DIRECTION(239, 1),
  FLOW_END_REASON(136, 1);

  /** RFC 5103 section 6.1: the private enterprise number of the reverse elements. */
  static final int REVERSE_PEN = 29305;

  final int id;
  final int length;
  final boolean reverse;

  Field(int id, int length) {
    this(id, length, false);
  }

  Field(int id, int length, boolean reverse) {
    this.id = id;
    this.length = length;
    this.reverse = reverse;
  }
}
