package org.iptraf.agent.jmx;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.MBeanException;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.ReflectionException;
import javax.management.openmbean.OpenMBeanAttributeInfo;
import javax.management.openmbean.OpenMBeanAttributeInfoSupport;
import javax.management.openmbean.OpenMBeanConstructorInfo;
import javax.management.openmbean.OpenMBeanInfoSupport;
import javax.management.openmbean.OpenMBeanOperationInfo;

/**
 * A read-only Open MBean whose attributes are columns of one object taken from the latest snapshot
 * (an interface, the capture counters). Every attribute read asks the source anew, so a client sees
 * at most one-second-old values and never touches the live tables.
 */
final class SnapshotMBean<T> extends ReadOnlyMBean {
  private final Map<String, Column<T>> columns;
  private final Supplier<T> source;
  private final MBeanInfo info;

  /**
   * @param source the object now, or null when it is gone (an interface that vanished)
   */
  SnapshotMBean(String description, List<Column<T>> columns, Supplier<T> source) {
    this.columns = Columns.byName(columns);
    this.source = source;
    OpenMBeanAttributeInfo[] attributes =
        columns.stream()
            .map(
                c ->
                    new OpenMBeanAttributeInfoSupport(
                        c.name(), c.description(), c.type(), true, false, false))
            .toArray(OpenMBeanAttributeInfo[]::new);
    this.info =
        new OpenMBeanInfoSupport(
            getClass().getName(),
            description,
            attributes,
            new OpenMBeanConstructorInfo[0],
            new OpenMBeanOperationInfo[0],
            new MBeanNotificationInfo[0]);
  }

  @Override
  public Object getAttribute(String name)
      throws AttributeNotFoundException, MBeanException, ReflectionException {
    Column<T> c = columns.get(name);
    if (c == null) {
      throw new AttributeNotFoundException("no attribute " + name);
    }
    return c.read(current());
  }

  @Override
  public AttributeList getAttributes(String[] names) {
    AttributeList list = new AttributeList();
    T t = source.get();
    if (t == null) {
      return list;
    }
    for (String n : names) {
      Column<T> c = columns.get(n);
      if (c != null) {
        list.add(new Attribute(n, c.read(t)));
      }
    }
    return list;
  }

  private T current() throws MBeanException {
    T t = source.get();
    if (t == null) {
      throw new MBeanException(
          new IllegalStateException("no longer in the tables"), "no longer in the tables");
    }
    return t;
  }

  @Override
  public Object invoke(String action, Object[] params, String[] signature)
      throws ReflectionException {
    throw new ReflectionException(new NoSuchMethodException(action), "no operation " + action);
  }

  @Override
  public MBeanInfo getMBeanInfo() {
    return info;
  }
}
