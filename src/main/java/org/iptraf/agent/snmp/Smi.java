package org.iptraf.agent.snmp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;

/**
 * Report values as SMI values (docs/MIB.md, "Value conversions") and index pieces as
 * sub-identifiers (RFC 2578 section 7.7).
 */
final class Smi {
  private Smi() {}

  /** Gauge32's largest value; a Gauge32 "latches" there (RFC 2578 section 7.1.7). */
  static final long GAUGE32_MAX = 0xFFFF_FFFFL;

  /** DisplayString's longest value (SNMPv2-TC). */
  static final int DISPLAY_STRING_MAX = 255;

  static Counter64 counter64(long v) {
    return new Counter64(v);
  }

  /** The low 32 bits: a Counter32 that has wrapped as often as a real one would have. */
  static Counter32 counter32(long v) {
    return new Counter32(v & 0xFFFF_FFFFL);
  }

  /** How many times a Counter32 of this value has wrapped (HC-RMON's Overflow columns). */
  static Counter32 overflow32(long v) {
    return new Counter32((v >>> 32) & 0xFFFF_FFFFL);
  }

  /** Rounded toward zero, latched at 2^32-1, never negative. */
  static Gauge32 gauge32(double v) {
    if (!(v > 0)) {
      return new Gauge32(0);
    }
    return new Gauge32(v >= GAUGE32_MAX ? GAUGE32_MAX : (long) v);
  }

  static Gauge32 gauge32(long v) {
    return new Gauge32(Math.max(0, Math.min(GAUGE32_MAX, v)));
  }

  /** UTF-8, cut at 255 octets without splitting a character. */
  static OctetString displayString(String s) {
    byte[] b = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    if (b.length <= DISPLAY_STRING_MAX) {
      return new OctetString(b);
    }
    int n = DISPLAY_STRING_MAX;
    while (n > 0 && (b[n] & 0xC0) == 0x80) {
      n--; // b[n] continues a character: cut before the character starts
    }
    return new OctetString(Arrays.copyOf(b, n));
  }

  /**
   * SNMPv2-TC DateAndTime in UTC, 11 octets: year (2, big-endian), month, day, hour, minutes,
   * seconds, deci-seconds (truncated), '+', 0, 0.
   */
  static OctetString dateAndTime(long epochNanos) {
    Instant t =
        Instant.ofEpochSecond(
            Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    ZonedDateTime z = t.atZone(ZoneOffset.UTC);
    int year = z.getYear();
    return new OctetString(
        new byte[] {
          (byte) (year >>> 8),
          (byte) year,
          (byte) z.getMonthValue(),
          (byte) z.getDayOfMonth(),
          (byte) z.getHour(),
          (byte) z.getMinute(),
          (byte) z.getSecond(),
          (byte) (z.getNano() / 100_000_000),
          (byte) '+',
          0,
          0
        });
  }

  /** A one-octet BITS value whose octet is the TCP flags byte (IPTRAF-AGENT-MIB IptrafTcpFlags). */
  static OctetString tcpFlags(int flags) {
    return new OctetString(new byte[] {(byte) flags});
  }

  // ---------------------------------------------------------------- index sub-identifiers

  /** Appends an integer-valued sub-identifier (INTEGER, Integer32, Unsigned32). */
  static OID append(OID oid, long value) {
    oid.append((int) value); // OID keeps sub-ids as int, read back unsigned
    return oid;
  }

  /** Appends a non-IMPLIED variable-length OCTET STRING: its length, then one sub-id per octet. */
  static OID appendOctets(OID oid, byte[] octets) {
    oid.append(octets.length);
    return appendFixedOctets(oid, octets);
  }

  /** Appends a fixed-size OCTET STRING (MacAddress): one sub-id per octet, no length. */
  static OID appendFixedOctets(OID oid, byte[] octets) {
    for (byte b : octets) {
      oid.append(b & 0xFF);
    }
    return oid;
  }
}
