package org.iptraf.agent.check;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snmp4j.CommunityTarget;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.GenericAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/** Reads IPTRAF-AGENT-MIB objects from a running agent over SNMPv2c or SNMPv3 (authPriv). */
public final class SnmpSource implements AutoCloseable {

  /** How to reach and authenticate to the agent. */
  public record Settings(
      String host,
      int port,
      String community,
      String user,
      String authProtocol,
      String authPassword,
      String privProtocol,
      String privPassword,
      long timeoutMillis) {

    boolean v3() {
      return user != null;
    }
  }

  /** The agent did not answer, or answered with an error: the check is UNKNOWN. */
  public static final class SnmpFailure extends Exception {
    public SnmpFailure(String message) {
      super(message, null, false, false);
    }
  }

  private final Settings settings;
  private final Snmp snmp;
  private final Target<Address> target;

  public SnmpSource(Settings settings) throws IOException {
    this.settings = settings;
    MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
    dispatcher.addMessageProcessingModel(new MPv2c());
    USM usm = null;
    if (settings.v3()) {
      SecurityProtocols protocols =
          new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.maxCompatibility);
      usm = new USM(protocols, new OctetString(MPv3.createLocalEngineID()), 0);
      dispatcher.addMessageProcessingModel(new MPv3(usm));
    }
    this.snmp = new Snmp(dispatcher, new DefaultUdpTransportMapping());
    Address address = GenericAddress.parse("udp:" + settings.host() + "/" + settings.port());
    if (address == null) {
      snmp.close();
      throw new IOException("not a host address: " + settings.host());
    }
    if (settings.v3()) {
      OctetString name = new OctetString(settings.user());
      usm.addUser(
          new UsmUser(
              name,
              authProtocol(settings.authProtocol()),
              new OctetString(settings.authPassword()),
              privProtocol(settings.privProtocol()),
              new OctetString(settings.privPassword())));
      UserTarget<Address> t = new UserTarget<>();
      t.setSecurityLevel(SecurityLevel.AUTH_PRIV);
      t.setSecurityName(name);
      t.setVersion(SnmpConstants.version3);
      target = t;
    } else {
      CommunityTarget<Address> t = new CommunityTarget<>();
      t.setCommunity(new OctetString(settings.community()));
      t.setVersion(SnmpConstants.version2c);
      target = t;
    }
    target.setAddress(address);
    target.setTimeout(Math.max(100, settings.timeoutMillis() / 2));
    target.setRetries(1);
    snmp.listen();
  }

  static OID authProtocol(String name) {
    return switch (name.toUpperCase(java.util.Locale.ROOT).replace("-", "")) {
      case "SHA224" -> AuthHMAC128SHA224.ID;
      case "SHA256" -> AuthHMAC192SHA256.ID;
      case "SHA384" -> AuthHMAC256SHA384.ID;
      case "SHA512" -> AuthHMAC384SHA512.ID;
      default ->
          throw new IllegalArgumentException(
              "authentication protocol '" + name + "': allowed SHA-224, SHA-256, SHA-384, SHA-512");
    };
  }

  static OID privProtocol(String name) {
    return switch (name.toUpperCase(java.util.Locale.ROOT).replace("-", "")) {
      case "AES128", "AES" -> PrivAES128.ID;
      case "AES192" -> PrivAES192.ID;
      case "AES256" -> PrivAES256.ID;
      default ->
          throw new IllegalArgumentException(
              "privacy protocol '" + name + "': allowed AES-128, AES-192, AES-256");
    };
  }

  private PDU pdu(int type) {
    PDU p = settings.v3() ? new ScopedPDU() : new PDU();
    p.setType(type);
    return p;
  }

  /** GETs the objects; a missing instance maps to null. */
  public Map<OID, Variable> get(List<OID> oids) throws SnmpFailure {
    PDU request = pdu(PDU.GET);
    for (OID o : oids) {
      request.add(new VariableBinding(o));
    }
    PDU response = send(request);
    Map<OID, Variable> values = new LinkedHashMap<>();
    for (VariableBinding vb : response.getVariableBindings()) {
      values.put(vb.getOid(), vb.isException() ? null : vb.getVariable());
    }
    return values;
  }

  /**
   * One GETBULK (RFC 3416 4.2.3): the values after the non-repeaters, then up to {@code
   * maxRepetitions} rows of values after the repeaters, row after row, as the agent returned them
   * (it may return fewer rows than asked).
   */
  public List<VariableBinding> getBulk(
      List<OID> nonRepeaters, List<OID> repeaters, int maxRepetitions) throws SnmpFailure {
    PDU request = pdu(PDU.GETBULK);
    for (OID o : nonRepeaters) {
      request.add(new VariableBinding(o));
    }
    for (OID o : repeaters) {
      request.add(new VariableBinding(o));
    }
    request.setNonRepeaters(nonRepeaters.size());
    request.setMaxRepetitions(maxRepetitions);
    return new ArrayList<>(send(request).getVariableBindings());
  }

  /** Every instance under a column (GETNEXT walk), in order. */
  public List<VariableBinding> walk(OID column) throws SnmpFailure {
    List<VariableBinding> rows = new ArrayList<>();
    OID next = column;
    for (int i = 0; i < 100_000; i++) {
      PDU request = pdu(PDU.GETNEXT);
      request.add(new VariableBinding(next));
      VariableBinding vb = send(request).get(0);
      if (vb.isException() || !vb.getOid().startsWith(column)) {
        break;
      }
      rows.add(vb);
      next = vb.getOid();
    }
    return rows;
  }

  private PDU send(PDU request) throws SnmpFailure {
    ResponseEvent<Address> event;
    try {
      event = snmp.send(request, target);
    } catch (IOException e) {
      throw new SnmpFailure("cannot send to " + where() + ": " + e.getMessage());
    }
    PDU response = event.getResponse();
    if (response == null) {
      throw new SnmpFailure(
          "no answer from " + where() + " within " + settings.timeoutMillis() / 1000.0 + " s");
    }
    if (response.getType() == PDU.REPORT) {
      throw new SnmpFailure(report(response));
    }
    if (response.getErrorStatus() != PDU.noError) {
      throw new SnmpFailure(where() + " answered " + response.getErrorStatusText());
    }
    return response;
  }

  private String report(PDU response) {
    OID oid = response.size() > 0 ? response.get(0).getOid() : new OID();
    String what =
        oid.startsWith(SnmpConstants.usmStatsUnknownUserNames)
            ? "unknown user"
            : oid.startsWith(SnmpConstants.usmStatsWrongDigests)
                ? "authentication failure (wrong " + "authentication password?)"
                : oid.startsWith(SnmpConstants.usmStatsDecryptionErrors)
                    ? "decryption error (wrong " + "privacy password?)"
                    : oid.startsWith(SnmpConstants.usmStatsUnsupportedSecLevels)
                        ? "unsupported security " + "level"
                        : "report " + oid;
    return where() + " refused the request: " + what;
  }

  private String where() {
    return settings.host() + ":" + settings.port();
  }

  @Override
  public void close() {
    try {
      snmp.close();
    } catch (IOException e) {
      // nothing was written; the socket goes with the process
    }
  }
}
