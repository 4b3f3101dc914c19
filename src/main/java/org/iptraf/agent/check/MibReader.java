package org.iptraf.agent.check;

import java.util.List;
import java.util.Map;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/** What the check needs from an agent: GET and a column walk ({@link SnmpSource} in practice). */
public interface MibReader {
  Map<OID, Variable> get(List<OID> oids) throws SnmpSource.SnmpFailure;

  List<VariableBinding> walk(OID column) throws SnmpSource.SnmpFailure;
}
