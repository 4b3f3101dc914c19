package org.iptraf.agent.snmp;

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

  @Override
  public String toString() {
    return "SnmpUser[" + name + ", " + auth + ", " + priv + "]"; // never print passphrases
  }
}
