package org.iptraf.agent.snmp;

import java.net.InetAddress;
import java.util.List;
import org.snmp4j.agent.mo.snmp.CoexistenceInfo;
import org.snmp4j.agent.mo.snmp.CoexistenceInfoProvider;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OctetString;

/**
 * Maps the one configured v2c community to its VACM security name and accepts it only from the
 * allowed source networks (RFC 3584 section 5.2.1's transport tag check, with address blocks
 * instead of snmpTargetAddrTable rows). The command processor drops a request that fails either
 * test without an answer and counts it in snmpInBadCommunityNames.
 */
final class CommunityAccess implements CoexistenceInfoProvider {

  private final OctetString community;
  private final OctetString securityName;
  private final OctetString contextEngineId;
  private final List<SourceNetwork> allowed;

  /**
   * @param community the community, or {@code null} when v2c is off (every community is refused)
   */
  CommunityAccess(
      String community,
      OctetString securityName,
      OctetString contextEngineId,
      List<SourceNetwork> allowed) {
    this.community = community == null ? null : new OctetString(community);
    this.securityName = securityName;
    this.contextEngineId = contextEngineId;
    this.allowed = List.copyOf(allowed);
  }

  @Override
  public CoexistenceInfo[] getCoexistenceInfo(OctetString requested) {
    if (community == null || !community.equals(requested)) {
      return new CoexistenceInfo[0];
    }
    return new CoexistenceInfo[] {
      new CoexistenceInfo(securityName, contextEngineId, new OctetString())
    };
  }

  @Override
  public OctetString getCommunity(
      OctetString securityName, OctetString contextEngineId, OctetString contextName) {
    return community != null && this.securityName.equals(securityName) ? community : null;
  }

  @Override
  public boolean passesFilter(Address address, CoexistenceInfo info) {
    if (!(address instanceof IpAddress ip)) {
      return false;
    }
    InetAddress source = ip.getInetAddress();
    return allowed.stream().anyMatch(n -> n.contains(source));
  }
}
