package org.iptraf.agent.snmp;

import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;

/**
 * An SNMPv3 USM user; always authPriv (RFC 3414 user-based security with RFC 7860 HMAC-SHA-2 and
 * RFC 3826 / draft AES privacy).
 *
 * @param name the USM user name (securityName)
 * @param auth the authentication protocol
 * @param authPassphrase at least 8 characters (RFC 3414 section 11.2)
 * @param priv the privacy protocol
 * @param privPassphrase at least 8 characters
 */
public record SnmpUser(
    String name, Auth auth, String authPassphrase, Priv priv, String privPassphrase) {

  /** HMAC-SHA-2 authentication protocols (RFC 7860); SHA-1 and MD5 are deliberately absent. */
  public enum Auth {
    SHA224,
    SHA256,
    SHA384,
    SHA512
  }

  /** AES privacy protocols: 128 (RFC 3826) and the 192/256 bit variants. */
  public enum Priv {
    AES128,
    AES192,
    AES256
  }

  public SnmpUser {
    if (name == null || name.isEmpty() || name.length() > 32) {
      throw new IllegalArgumentException("SNMPv3 user name must have 1..32 characters: " + name);
    }
    if (auth == null || priv == null) {
      throw new IllegalArgumentException("SNMPv3 user " + name + " needs auth and priv protocols");
    }
    requireLength(name, "authentication", authPassphrase);
    requireLength(name, "privacy", privPassphrase);
  }

  private static void requireLength(String user, String what, String passphrase) {
    if (passphrase == null || passphrase.length() < 8) {
      throw new IllegalArgumentException(
          "SNMPv3 user " + user + ": " + what + " passphrase needs at least 8 characters");
    }
  }

  /** SNMP4J's identifier of the authentication protocol. */
  OID authProtocolId() {
    return switch (auth) {
      case SHA224 -> AuthHMAC128SHA224.ID;
      case SHA256 -> AuthHMAC192SHA256.ID;
      case SHA384 -> AuthHMAC256SHA384.ID;
      case SHA512 -> AuthHMAC384SHA512.ID;
    };
  }

  /** SNMP4J's identifier of the privacy protocol. */
  OID privProtocolId() {
    return switch (priv) {
      case AES128 -> PrivAES128.ID;
      case AES192 -> PrivAES192.ID;
      case AES256 -> PrivAES256.ID;
    };
  }

  /** This user as SNMP4J's USM keeps it. */
  UsmUser usmUser() {
    return new UsmUser(
        new OctetString(name),
        authProtocolId(),
        new OctetString(authPassphrase),
        privProtocolId(),
        new OctetString(privPassphrase));
  }

  @Override
  public String toString() {
    return "SnmpUser[" + name + ", " + auth + ", " + priv + "]"; // never print passphrases
  }
}
