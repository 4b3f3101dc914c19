package org.iptraf.agent.jmx;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;

/**
 * One attribute of a flat MBean or one item of a table row: a name, what it means, its open type
 * and how to read it from a snapshot object.
 */
record Column<T>(String name, String description, OpenType<?> type, Function<T, ?> value) {

  static <T> Column<T> ofLong(String name, String description, ToLongFunction<T> f) {
    return new Column<>(name, description, SimpleType.LONG, t -> f.applyAsLong(t));
  }

  static <T> Column<T> ofInt(String name, String description, ToIntFunction<T> f) {
    return new Column<>(name, description, SimpleType.INTEGER, t -> f.applyAsInt(t));
  }

  static <T> Column<T> ofDouble(String name, String description, ToDoubleFunction<T> f) {
    return new Column<>(name, description, SimpleType.DOUBLE, t -> f.applyAsDouble(t));
  }

  /** A string; null becomes "" so that every client shows it the same way. */
  static <T> Column<T> ofString(String name, String description, Function<T, String> f) {
    return new Column<>(
        name,
        description,
        SimpleType.STRING,
        t -> {
          String s = f.apply(t);
          return s == null ? "" : s;
        });
  }

  Object read(T t) {
    return value.apply(t);
  }
}
