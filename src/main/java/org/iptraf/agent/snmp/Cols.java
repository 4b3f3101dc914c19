package org.iptraf.agent.snmp;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.Variable;

/** Column constructors by SMI type, for the table definitions. */
final class Cols {
  private Cols() {}

  static <R> ReadOnlyTable.Column<R> counter64(int id, ToLongFunction<? super R> f) {
    return new ReadOnlyTable.Column<>(
        id, SMIConstants.SYNTAX_COUNTER64, r -> Smi.counter64(f.applyAsLong(r)));
  }

  static <R> ReadOnlyTable.Column<R> counter32(int id, ToLongFunction<? super R> f) {
    return new ReadOnlyTable.Column<>(
        id, SMIConstants.SYNTAX_COUNTER32, r -> Smi.counter32(f.applyAsLong(r)));
  }

  /** HC-RMON's ...Overflow... columns: how often the Counter32 of the same value wrapped. */
  static <R> ReadOnlyTable.Column<R> overflow32(int id, ToLongFunction<? super R> f) {
    return new ReadOnlyTable.Column<>(
        id, SMIConstants.SYNTAX_COUNTER32, r -> Smi.overflow32(f.applyAsLong(r)));
  }

  static <R> ReadOnlyTable.Column<R> gauge32(int id, ToDoubleFunction<? super R> f) {
    return new ReadOnlyTable.Column<>(
        id, SMIConstants.SYNTAX_GAUGE32, r -> Smi.gauge32(f.applyAsDouble(r)));
  }

  static <R> ReadOnlyTable.Column<R> unsigned32(int id, ToLongFunction<? super R> f) {
    return new ReadOnlyTable.Column<>(
        id, SMIConstants.SYNTAX_GAUGE32, r -> new UnsignedInteger32(f.applyAsLong(r)));
  }

  static <R> ReadOnlyTable.Column<R> integer(int id, ToLongFunction<? super R> f) {
    return new ReadOnlyTable.Column<>(
        id, SMIConstants.SYNTAX_INTEGER, r -> new Integer32((int) f.applyAsLong(r)));
  }

  static <R> ReadOnlyTable.Column<R> string(int id, Function<? super R, String> f) {
    return new ReadOnlyTable.Column<>(
        id, SMIConstants.SYNTAX_OCTET_STRING, r -> Smi.displayString(f.apply(r)));
  }

  static <R> ReadOnlyTable.Column<R> octets(int id, Function<? super R, byte[]> f) {
    return new ReadOnlyTable.Column<>(
        id, SMIConstants.SYNTAX_OCTET_STRING, r -> new org.snmp4j.smi.OctetString(f.apply(r)));
  }

  static <R> ReadOnlyTable.Column<R> oid(int id, Function<? super R, OID> f) {
    return new ReadOnlyTable.Column<>(id, SMIConstants.SYNTAX_OBJECT_IDENTIFIER, f::apply);
  }

  static <R> ReadOnlyTable.Column<R> timeTicks(int id, Function<? super R, ? extends Variable> f) {
    return new ReadOnlyTable.Column<>(id, SMIConstants.SYNTAX_TIMETICKS, f::apply);
  }

  static <R> ReadOnlyTable.Column<R> value(
      int id, int syntax, Function<? super R, ? extends Variable> f) {
    return new ReadOnlyTable.Column<>(id, syntax, f);
  }
}
