package org.iptraf.agent.jmx;

import java.util.List;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanOperationInfo;
import javax.management.ReflectionException;
import javax.management.openmbean.OpenMBeanAttributeInfo;
import javax.management.openmbean.OpenMBeanAttributeInfoSupport;
import javax.management.openmbean.OpenMBeanConstructorInfo;
import javax.management.openmbean.OpenMBeanInfoSupport;
import javax.management.openmbean.OpenMBeanOperationInfo;
import javax.management.openmbean.OpenMBeanOperationInfoSupport;
import javax.management.openmbean.OpenMBeanParameterInfo;
import javax.management.openmbean.OpenMBeanParameterInfoSupport;
import javax.management.openmbean.SimpleType;
import javax.management.openmbean.TabularData;
import org.iptraf.agent.stats.SnapshotSource;
import org.iptraf.agent.stats.TablesSnapshot;

/**
 * One table as an Open MBean: {@code Count}, {@code Table} (every row, busiest first) and {@code
 * top(int n)}. The sorted rows and the whole table are built once per snapshot, so ten clients
 * polling ten times a second cost one sort a second.
 */
final class TableMBean<T> extends ReadOnlyMBean {
  private static final String COUNT = "Count";
  private static final String TABLE = "Table";
  private static final String TOP = "top";

  private final RowTable<T> table;
  private final SnapshotSource snapshots;
  private final MBeanInfo info;
  private volatile Built<T> built;

  /** What was built from one snapshot. */
  private record Built<T>(TablesSnapshot from, List<T> sorted, TabularData all) {}

  TableMBean(RowTable<T> table, SnapshotSource snapshots, String description) {
    this.table = table;
    this.snapshots = snapshots;
    OpenMBeanAttributeInfo[] attributes = {
      new OpenMBeanAttributeInfoSupport(
          COUNT, "rows in the table now", SimpleType.INTEGER, true, false, false),
      new OpenMBeanAttributeInfoSupport(
          TABLE, "every row, busiest first", table.type(), true, false, false)
    };
    OpenMBeanOperationInfo[] operations = {
      new OpenMBeanOperationInfoSupport(
          TOP,
          "the n busiest rows by bytes (n <= 0: all)",
          new OpenMBeanParameterInfo[] {
            new OpenMBeanParameterInfoSupport("n", "how many rows", SimpleType.INTEGER)
          },
          table.type(),
          MBeanOperationInfo.INFO)
    };
    this.info =
        new OpenMBeanInfoSupport(
            getClass().getName(),
            description,
            attributes,
            new OpenMBeanConstructorInfo[0],
            operations,
            new MBeanNotificationInfo[0]);
  }

  private Built<T> current() {
    TablesSnapshot s = snapshots.snapshot();
    Built<T> b = built;
    if (b == null || b.from() != s) {
      List<T> sorted = table.sorted(s);
      b = new Built<>(s, sorted, table.tabular(sorted, 0));
      built = b;
    }
    return b;
  }

  @Override
  public Object getAttribute(String name) throws AttributeNotFoundException {
    switch (name) {
      case COUNT:
        return current().sorted().size();
      case TABLE:
        return current().all();
      default:
        throw new AttributeNotFoundException("no attribute " + name);
    }
  }

  @Override
  public AttributeList getAttributes(String[] names) {
    AttributeList list = new AttributeList();
    for (String n : names) {
      try {
        list.add(new Attribute(n, getAttribute(n)));
      } catch (AttributeNotFoundException e) {
        // the JMX contract: unknown names are left out of the list
      }
    }
    return list;
  }

  @Override
  public Object invoke(String action, Object[] params, String[] signature)
      throws ReflectionException {
    if (TOP.equals(action)
        && params != null
        && params.length == 1
        && params[0] instanceof Integer n) {
      Built<T> b = current();
      return n <= 0 || n >= b.sorted().size() ? b.all() : table.tabular(b.sorted(), n);
    }
    throw new ReflectionException(
        new NoSuchMethodException(action),
        "no operation " + action + " with these parameters (top takes one int)");
  }

  @Override
  public MBeanInfo getMBeanInfo() {
    return info;
  }
}
