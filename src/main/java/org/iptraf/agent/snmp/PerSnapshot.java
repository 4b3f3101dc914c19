package org.iptraf.agent.snmp;

import java.lang.ref.WeakReference;
import java.util.function.Function;
import org.iptraf.agent.stats.TablesSnapshot;

/**
 * Something derived from a snapshot (an index map, a list with row numbers), computed once per
 * snapshot and returned as the same object until the snapshot changes, so that {@link
 * ReadOnlyTable} keeps its sorted view.
 *
 * <p>The snapshot it was derived from is held weakly: a dozen of these, each last asked at a
 * different second, used to keep a dozen whole snapshots alive (at the default table caps, over a
 * gigabyte during a full walk).
 */
final class PerSnapshot<T> {
  private record Entry<T>(WeakReference<TablesSnapshot> from, T value) {
    TablesSnapshot snapshot() {
      return from.get();
    }
  }

  private final Function<TablesSnapshot, T> derive;
  private volatile Entry<T> last;

  PerSnapshot(Function<TablesSnapshot, T> derive) {
    this.derive = derive;
  }

  T of(TablesSnapshot s) {
    Entry<T> e = last;
    if (e != null && e.snapshot() == s) {
      return e.value();
    }
    synchronized (this) {
      e = last;
      if (e == null || e.snapshot() != s) {
        e = new Entry<>(new WeakReference<>(s), derive.apply(s));
        last = e;
      }
      return e.value();
    }
  }
}
