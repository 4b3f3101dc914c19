package org.iptraf.agent.jmx;

import java.lang.reflect.Array;
import java.util.Set;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.TabularData;

/** Whether a value read over JMX is of an open type, all the way down (JMX 1.4, OpenType). */
final class OpenTypeCheck {
  private OpenTypeCheck() {}

  static boolean isOpen(Object v) {
    if (v == null) {
      return true;
    }
    if (v instanceof CompositeData c) {
      return c.values().stream().allMatch(OpenTypeCheck::isOpen);
    }
    if (v instanceof TabularData t) {
      return t.values().stream().allMatch(OpenTypeCheck::isOpen);
    }
    Class<?> type = v.getClass();
    if (type.isArray()) {
      for (int i = 0; i < Array.getLength(v); i++) {
        if (!isOpen(Array.get(v, i))) {
          return false;
        }
      }
      return type.getComponentType().isPrimitive()
          || OpenType.ALLOWED_CLASSNAMES_LIST.contains(type.getComponentType().getName())
          || CompositeData.class.isAssignableFrom(type.getComponentType())
          || TabularData.class.isAssignableFrom(type.getComponentType());
    }
    return Set.copyOf(OpenType.ALLOWED_CLASSNAMES_LIST).contains(type.getName());
  }
}
