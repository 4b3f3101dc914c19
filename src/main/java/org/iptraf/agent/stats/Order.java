package org.iptraf.agent.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The order rows appear in reports and top-N views: busiest first (bytes), ties broken by the row's
 * key so the order is total and the same on every run. Keys compare as numbers, never as formatted
 * text: interface id, then addresses as unsigned 128-bit numbers and ports ({@link
 * Endpoint#compareTo}), MACs as 48-bit numbers; protocol names alphabetically.
 */
public final class Order {
  private Order() {}

  private static final Comparator<Endpoint> ENDPOINT =
      Comparator.nullsFirst(Comparator.naturalOrder());

  /** MACs are fixed-width lower-case hex, so text order is numeric order. */
  private static final Comparator<String> MAC = Comparator.nullsFirst(Comparator.naturalOrder());

  /**
   * Bytes descending, interface, a, b. Written out rather than chained: reports sort hundreds of
   * thousands of connections, and each comparison then costs no lambda calls.
   */
  public static final Ranking<TcpConnection> TCP =
      new Ranking<>() {
        @Override
        public long bytes(TcpConnection r) {
          return r.bytes();
        }

        @Override
        public int compare(TcpConnection x, TcpConnection y) {
          int c = Long.compare(y.bytes(), x.bytes());
          if (c == 0) {
            c = Integer.compare(x.interfaceId(), y.interfaceId());
          }
          if (c == 0) {
            c = x.a().compareTo(y.a());
          }
          return c != 0 ? c : x.b().compareTo(y.b());
        }
      };

  /** Packets descending, then as {@link #TCP} (the IP traffic monitor sorted by packets). */
  public static final Comparator<TcpConnection> TCP_BY_PACKETS =
      (x, y) -> {
        int c = Long.compare(y.packets(), x.packets());
        return c != 0 ? c : TCP.compare(x, y);
      };

  /** Oldest first (first seen earliest), then as {@link #TCP} (sorted by age). */
  public static final Comparator<TcpConnection> TCP_BY_AGE =
      (x, y) -> {
        int c = Long.compare(x.firstSeenNanos(), y.firstSeenNanos());
        return c != 0 ? c : TCP.compare(x, y);
      };

  /** Bytes descending, interface, protocol name, a (address or MAC), b, detail; as TCP's. */
  public static final Ranking<OtherFlow> FLOWS =
      new Ranking<>() {
        @Override
        public long bytes(OtherFlow r) {
          return r.bytes();
        }

        @Override
        public int compare(OtherFlow x, OtherFlow y) {
          int c = Long.compare(y.bytes(), x.bytes());
          if (c == 0) {
            c = Integer.compare(x.interfaceId(), y.interfaceId());
          }
          if (c == 0) {
            c = x.protocol().compareTo(y.protocol());
          }
          if (c == 0) {
            c = ENDPOINT.compare(x.a(), y.a());
          }
          if (c == 0) {
            c = MAC.compare(x.aMac(), y.aMac());
          }
          if (c == 0) {
            c = ENDPOINT.compare(x.b(), y.b());
          }
          if (c == 0) {
            c = MAC.compare(x.bMac(), y.bMac());
          }
          return c != 0 ? c : x.detail().compareTo(y.detail());
        }
      };

  /** Bytes descending, protocol name, port; written out as TCP's (a report sorts 10^5 ports). */
  public static final Ranking<PortCounts> PORTS =
      new Ranking<>() {
        @Override
        public long bytes(PortCounts r) {
          return r.bytes();
        }

        @Override
        public int compare(PortCounts x, PortCounts y) {
          int c = Long.compare(y.bytes(), x.bytes());
          if (c == 0) {
            c = x.protocol().compareTo(y.protocol());
          }
          return c != 0 ? c : Integer.compare(x.port(), y.port());
        }
      };

  /** Bytes in and out descending, interface, MAC; as TCP's. */
  public static final Ranking<Station> STATIONS =
      new Ranking<>() {
        @Override
        public long bytes(Station r) {
          return r.inBytes() + r.outBytes();
        }

        @Override
        public int compare(Station x, Station y) {
          int c = Long.compare(y.inBytes() + y.outBytes(), x.inBytes() + x.outBytes());
          if (c == 0) {
            c = Integer.compare(x.interfaceId(), y.interfaceId());
          }
          return c != 0 ? c : Long.compare(x.mac(), y.mac());
        }
      };

  /** Bytes descending, interface, VLAN id; as TCP's. */
  public static final Ranking<VlanCounts> VLANS =
      new Ranking<>() {
        @Override
        public long bytes(VlanCounts r) {
          return r.bytes();
        }

        @Override
        public int compare(VlanCounts x, VlanCounts y) {
          int c = Long.compare(y.bytes(), x.bytes());
          if (c == 0) {
            c = Integer.compare(x.interfaceId(), y.interfaceId());
          }
          return c != 0 ? c : Integer.compare(x.vlanId(), y.vlanId());
        }
      };

  /**
   * A row order whose first key is the row's bytes, descending, then ties broken by the rest of
   * {@link #compare}. Knowing the bytes lets {@link #top} sort numbers instead of rows.
   */
  public abstract static class Ranking<T> implements Comparator<T> {
    /** The bytes the order ranks by (never negative). */
    public abstract long bytes(T row);
  }

  /**
   * The first {@code n} rows by {@code order} ({@code n > 0}), without sorting the others: a heap
   * of the best {@code n} seen so far, whose worst a row must beat to get in. Once the heap is full
   * most rows cost one comparison, against a sort's log2(rows) (the top-N tables rank 10^5
   * connections three ways each second).
   */
  public static <T> List<T> first(List<T> rows, Comparator<? super T> order, int n) {
    if (rows.size() <= n) {
      return top(rows, order, 0);
    }
    PriorityQueue<T> best = new PriorityQueue<>(n + 1, order.reversed());
    for (T row : rows) {
      if (best.size() < n) {
        best.add(row);
      } else if (order.compare(row, best.peek()) < 0) {
        best.poll();
        best.add(row);
      }
    }
    List<T> out = new ArrayList<>(best);
    out.sort(order);
    return out;
  }

  /**
   * The first {@code n} rows by {@code order} ({@code n <= 0}: all). A snapshot's rows that its
   * records can rank in this order come as a list that makes each row when it is read.
   */
  @SuppressWarnings("unchecked")
  public static <T> List<T> top(List<T> rows, Comparator<? super T> order, int n) {
    if (rows instanceof LazyRows<T> lazy) { // a snapshot's rows: ranked from its records
      List<T> ranked = lazy.ranked(order);
      if (ranked != null) {
        return n > 0 && n < ranked.size() ? ranked.subList(0, n) : ranked;
      }
    }
    if (order instanceof Ranking<?> r) {
      return ranked(rows, (Ranking<? super T>) r, n);
    }
    List<T> sorted = new ArrayList<>(rows);
    sorted.sort(order);
    return n > 0 && n < sorted.size() ? sorted.subList(0, n) : sorted;
  }

  /**
   * As {@link #top}, in the same order, by {@link RankedRows}: the rows' bytes packed with their
   * indexes and sorted as numbers, then only rows with equal bytes compared with the order itself.
   * A report of 10^5 flows spent a fifth of its time comparing rows (docs/BENCHMARKS.md); busy
   * links have few equal byte counts.
   */
  private static <T> List<T> ranked(List<T> rows, Ranking<? super T> order, int n) {
    List<T> ranked =
        RankedRows.rank(
            rows.size(),
            new RankedRows.Records() {
              @Override
              public long bytes(int i) {
                return order.bytes(rows.get(i));
              }

              @Override
              public int columns() {
                return 0; // the rows tell ties apart
              }

              @Override
              public void columns(int i, long[] out, int at) {}
            },
            rows::get,
            order);
    return n > 0 && n < ranked.size() ? ranked.subList(0, n) : ranked;
  }
}
