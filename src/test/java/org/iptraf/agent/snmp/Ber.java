package org.iptraf.agent.snmp;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/**
 * Just enough BER (X.690) to write SNMP messages by hand, including ones no library would write:
 * any version number, any PDU tag, any max-repetitions, lengths that lie.
 *
 * <pre>
 * Message ::= SEQUENCE { version INTEGER, community OCTET STRING, data PDUs }     (RFC 3416)
 * PDU     ::= [tag] SEQUENCE { request-id, error-status | non-repeaters,
 *                              error-index | max-repetitions, SEQUENCE OF VarBind }
 * </pre>
 */
final class Ber {

  static final int INTEGER = 0x02;
  static final int OCTET_STRING = 0x04;
  static final int NULL = 0x05;
  static final int OID = 0x06;
  static final int SEQUENCE = 0x30;
  static final int GET = 0xA0;
  static final int GETNEXT = 0xA1;
  static final int RESPONSE = 0xA2;
  static final int SET = 0xA3;
  static final int TRAP_V1 = 0xA4;
  static final int GETBULK = 0xA5;
  static final int INFORM = 0xA6;
  static final int TRAP = 0xA7;
  static final int REPORT = 0xA8;
  static final int V1 = 0;
  static final int V2C = 1;
  static final int V3 = 3;

  private static final int LONG_FORM = 0x80;

  private Ber() {}

  static byte[] tlv(int tag, byte[]... parts) {
    byte[] content = concat(parts);
    return concat(new byte[] {(byte) tag}, length(content.length), content);
  }

  /** Definite length, short form below 128, else the minimal long form. */
  static byte[] length(int n) {
    if (n < LONG_FORM) {
      return new byte[] {(byte) n};
    }
    byte[] value = BigInteger.valueOf(n).toByteArray();
    int skip = value[0] == 0 ? 1 : 0;
    byte[] out = new byte[1 + value.length - skip];
    out[0] = (byte) (LONG_FORM | (value.length - skip));
    System.arraycopy(value, skip, out, 1, value.length - skip);
    return out;
  }

  static byte[] integer(long v) {
    return tlv(INTEGER, BigInteger.valueOf(v).toByteArray());
  }

  static byte[] octets(byte[] b) {
    return tlv(OCTET_STRING, b);
  }

  static byte[] octets(String s) {
    return octets(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  static byte[] nul() {
    return new byte[] {NULL, 0};
  }

  /** An OID from dotted text; sub-identifiers in base 128 (X.690 8.19). */
  static byte[] oid(String dotted) {
    String[] p = dotted.split("\\.");
    long[] subs = new long[p.length];
    for (int i = 0; i < p.length; i++) {
      subs[i] = Long.parseLong(p[i]);
    }
    return oid(subs);
  }

  static byte[] oid(long... subs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    base128(out, subs.length > 1 ? subs[0] * 40 + subs[1] : subs[0] * 40);
    for (int i = 2; i < subs.length; i++) {
      base128(out, subs[i]);
    }
    return tlv(OID, out.toByteArray());
  }

  private static void base128(ByteArrayOutputStream out, long v) {
    int groups = 1;
    for (long t = v >>> 7; t != 0; t >>>= 7) {
      groups++;
    }
    for (int g = groups - 1; g >= 0; g--) {
      int b = (int) (v >>> (7 * g)) & 0x7F;
      out.write(g == 0 ? b : b | 0x80);
    }
  }

  static byte[] seq(byte[]... parts) {
    return tlv(SEQUENCE, parts);
  }

  /** A PDU whose varbinds are the OIDs with NULL values. */
  static byte[] pdu(int tag, long requestId, long second, long third, String... oids) {
    byte[][] varbinds = new byte[oids.length][];
    for (int i = 0; i < oids.length; i++) {
      varbinds[i] = seq(oid(oids[i]), nul());
    }
    return tlv(tag, integer(requestId), integer(second), integer(third), seq(varbinds));
  }

  static byte[] message(long version, String community, byte[] pdu) {
    return seq(integer(version), octets(community), pdu);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
