package org.iptraf.agent.snmp;

import java.util.function.Supplier;
import org.snmp4j.agent.mo.MOAccessImpl;
import org.snmp4j.agent.mo.MOScalar;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * A scalar whose value is computed when a request reads it; a SET gets notWritable (and, with
 * no write view in VACM, noAccess before that).
 */
final class ReadOnlyScalar<V extends Variable> extends MOScalar<V> {

  private final Supplier<V> value;

  /**
   * @param instance the scalar's instance OID (object OID + {@code .0})
   * @param value called once per read; must not block and must not throw
   */
  ReadOnlyScalar(OID instance, Supplier<V> value) {
    super(instance, MOAccessImpl.ACCESS_READ_ONLY, value.get());
    this.value = value;
  }

  @Override
  public V getValue() {
    return value.get();
  }
}
