package org.iptraf.agent.ipfix;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;

/**
 * The agent's five templates (RFC 7011 section 3.4.1): TCP connections as biflows (RFC 5103) over
 * IPv4 and IPv6, other IP flows over IPv4 and IPv6, and non-IP flows by MAC addresses.
 *
 * <p>A Template Record on the wire:
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      Template ID (> 255)      |         Field Count           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |E|  Information Element id.    |        Field Length           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |              Enterprise Number (only when E = 1)              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
enum Template {
  TCP_IPV4(256, Field.SOURCE_IPV4_ADDRESS, Field.DESTINATION_IPV4_ADDRESS, true),
  TCP_IPV6(257, Field.SOURCE_IPV6_ADDRESS, Field.DESTINATION_IPV6_ADDRESS, true),
  OTHER_IPV4(258, Field.SOURCE_IPV4_ADDRESS, Field.DESTINATION_IPV4_ADDRESS, false),
  OTHER_IPV6(259, Field.SOURCE_IPV6_ADDRESS, Field.DESTINATION_IPV6_ADDRESS, false),
  NON_IP(
      260,
      List.of(
          Field.FLOW_START_MILLISECONDS,
          Field.FLOW_END_MILLISECONDS,
          Field.SOURCE_MAC_ADDRESS,
          Field.DESTINATION_MAC_ADDRESS,
          Field.ETHERNET_TYPE,
          Field.OCTET_DELTA_COUNT,
          Field.PACKET_DELTA_COUNT,
          Field.INGRESS_INTERFACE,
          Field.VLAN_ID,
          Field.FLOW_END_REASON));

  /** The Set ID of a Template Set (RFC 7011 section 3.3.2). */
  static final int TEMPLATE_SET_ID = 2;

  private static final int ENTERPRISE_BIT = 0x8000;

  final int id;
  final List<Field> fields;

  /** Bytes of one data record. */
  final int recordLength;

  Template(int id, Field source, Field destination, boolean tcp) {
    this(id, ipFields(source, destination, tcp));
  }

  Template(int id, List<Field> fields) {
    this.id = id;
    this.fields = fields;
    this.recordLength = fields.stream().mapToInt(f -> f.length).sum();
  }

  private static List<Field> ipFields(Field source, Field destination, boolean tcp) {
    boolean v4 = source == Field.SOURCE_IPV4_ADDRESS;
    List<Field> key =
        List.of(
            Field.FLOW_START_MILLISECONDS,
            Field.FLOW_END_MILLISECONDS,
            source,
            destination,
            Field.SOURCE_TRANSPORT_PORT,
            Field.DESTINATION_TRANSPORT_PORT,
            Field.PROTOCOL_IDENTIFIER);
    List<Field> rest =
        tcp
            ? List.of(
                // nfdump 1.7 reads the reverse element as the forward one, the last one read
                // winning: the forward flags come last so that nfdump shows them
                Field.REVERSE_TCP_CONTROL_BITS,
                Field.TCP_CONTROL_BITS,
                Field.OCTET_DELTA_COUNT,
                Field.PACKET_DELTA_COUNT,
                Field.REVERSE_OCTET_DELTA_COUNT,
                Field.REVERSE_PACKET_DELTA_COUNT,
                Field.INGRESS_INTERFACE,
                Field.VLAN_ID,
                Field.BIFLOW_DIRECTION,
                Field.FLOW_END_REASON)
            : List.of(
                v4 ? Field.ICMP_TYPE_CODE_IPV4 : Field.ICMP_TYPE_CODE_IPV6,
                Field.OCTET_DELTA_COUNT,
                Field.PACKET_DELTA_COUNT,
                Field.INGRESS_INTERFACE,
                Field.VLAN_ID,
                Field.FLOW_END_REASON);
    return Stream.concat(key.stream(), rest.stream()).toList();
  }

  /** Bytes of this template's Template Record. */
  int templateRecordLength() {
    int n = 4;
    for (Field f : fields) {
      n += f.reverse ? 8 : 4;
    }
    return n;
  }

  /** Writes this template's Template Record. */
  void writeTemplateRecord(ByteBuffer out) {
    out.putShort((short) id);
    out.putShort((short) fields.size());
    for (Field f : fields) {
      out.putShort((short) (f.reverse ? f.id | ENTERPRISE_BIT : f.id));
      out.putShort((short) f.length);
      if (f.reverse) {
        out.putInt(Field.REVERSE_PEN);
      }
    }
  }

  /** The length of a Template Set holding every template. */
  static int templateSetLength() {
    int n = 4;
    for (Template t : values()) {
      n += t.templateRecordLength();
    }
    return n;
  }

  /** Writes a Template Set with every template (RFC 7011 section 3.3). */
  static void writeTemplateSet(ByteBuffer out) {
    out.putShort((short) TEMPLATE_SET_ID);
    out.putShort((short) templateSetLength());
    for (Template t : values()) {
      t.writeTemplateRecord(out);
    }
  }
}
