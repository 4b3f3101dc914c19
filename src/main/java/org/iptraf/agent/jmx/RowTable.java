package org.iptraf.agent.jmx;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularDataSupport;
import javax.management.openmbean.TabularType;
import org.iptraf.agent.stats.TablesSnapshot;

/**
 * The shape of one table as JMX shows it: which rows of the snapshot, in which order (busiest
 * first, as in the report), and the columns of a row. Rows are indexed by {@code rank} (1 =
 * busiest), because a connection's addresses alone do not identify it (a closed entry and a new one
 * on the same ports live side by side).
 */
final class RowTable<T> {
  static final String RANK = "rank";

  private final String name;
  private final Function<TablesSnapshot, List<T>> rows;
  private final Comparator<? super T> order;
  private final List<Column<T>> columns;
  private final TabularType type;
  private final String[] itemNames; // CompositeType's order (sorted)
  private final List<Column<T>> itemColumns; // aligned with itemNames; null for rank

  RowTable(
      String name,
      String rowDescription,
      Function<TablesSnapshot, List<T>> rows,
      Comparator<? super T> order,
      List<Column<T>> columns) {
    this.name = name;
    this.rows = rows;
    this.order = order;
    this.columns = List.copyOf(columns);
    int n = columns.size() + 1;
    String[] names = new String[n];
    String[] descriptions = new String[n];
    OpenType<?>[] types = new OpenType<?>[n];
    names[0] = RANK;
    descriptions[0] = "position in the table's order: 1 = busiest (packet sizes: smallest)";
    types[0] = SimpleType.INTEGER;
    for (int i = 1; i < n; i++) {
      Column<T> c = columns.get(i - 1);
      names[i] = c.name();
      descriptions[i] = c.description();
      types[i] = c.type();
    }
    try {
      CompositeType row =
          new CompositeType(name + "Row", rowDescription, names, descriptions, types);
      this.type = new TabularType(name, name + " table, busiest first", row, new String[] {RANK});
    } catch (OpenDataException e) {
      throw new IllegalArgumentException("bad column definition of " + name, e);
    }
    this.itemNames = type.getRowType().keySet().toArray(new String[0]);
    List<Column<T>> aligned = new ArrayList<>();
    for (String item : itemNames) {
      aligned.add(columns.stream().filter(c -> c.name().equals(item)).findFirst().orElse(null));
    }
    this.itemColumns = aligned;
  }

  String name() {
    return name;
  }

  TabularType type() {
    return type;
  }

  /** The snapshot's rows in this table's order. */
  List<T> sorted(TablesSnapshot s) {
    List<T> list = new ArrayList<>(rows.apply(s));
    list.sort(order);
    return list;
  }

  /** The first {@code n} of already sorted rows ({@code n <= 0}: all) as open data. */
  TabularData tabular(List<T> sorted, int n) {
    int count = n > 0 ? Math.min(n, sorted.size()) : sorted.size();
    TabularDataSupport data = new TabularDataSupport(type, Math.max(16, count * 4 / 3 + 1), 0.75f);
    CompositeType rowType = type.getRowType();
    for (int r = 0; r < count; r++) {
      T t = sorted.get(r);
      Object[] values = new Object[itemNames.length];
      for (int i = 0; i < itemNames.length; i++) {
        Column<T> c = itemColumns.get(i);
        values[i] = c == null ? Integer.valueOf(r + 1) : c.read(t);
      }
      try {
        data.put(new CompositeDataSupport(rowType, itemNames, values));
      } catch (OpenDataException e) {
        throw new IllegalStateException("row of " + name + " does not fit its type", e);
      }
    }
    return data;
  }
}
