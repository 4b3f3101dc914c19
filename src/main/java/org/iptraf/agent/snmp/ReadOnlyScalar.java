package org.iptraf.agent.snmp;

import java.util.function.Function;
import org.snmp4j.agent.mo.MOAccessImpl;
import org.snmp4j.agent.mo.MOScalar;
import org.snmp4j.agent.request.SubRequest;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * A scalar whose value is computed when a request reads it, from that request (so that it can read
 * the request's snapshot); a SET gets notWritable (and, with no write view in VACM, noAccess before
 * that).
 */
final class ReadOnlyScalar<V extends Variable> extends MOScalar<V> {

  private final Function<SubRequest<?>, V> value;
  private final ThreadLocal<SubRequest<?>> serving = new ThreadLocal<>();

  /**
   * @param instance the scalar's instance OID (object OID + {@code .0})
   * @param value called once per read with the sub-request (null outside a request); must not block
   *     and must not throw
   */
  ReadOnlyScalar(OID instance, Function<SubRequest<?>, V> value) {
    super(instance, MOAccessImpl.ACCESS_READ_ONLY, value.apply(null));
    this.value = value;
  }

  @Override
  public void get(SubRequest<?> request) {
    serving.set(request);
    try {
      super.get(request);
    } finally {
      serving.remove();
    }
  }

  @Override
  public boolean next(SubRequest<?> request) {
    serving.set(request);
    try {
      return super.next(request);
    } finally {
      serving.remove();
    }
  }

  @Override
  public V getValue() {
    return value.apply(serving.get());
  }
}
