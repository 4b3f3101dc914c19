package org.iptraf.agent.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.iptraf.agent.stats.OtherFlow;
import org.iptraf.agent.stats.PortCounts;
import org.iptraf.agent.stats.Station;
import org.iptraf.agent.stats.TcpConnection;
import org.iptraf.agent.stats.VlanCounts;

/** The order rows appear in reports and top-N views: busiest first, ties in a stable order. */
public final class Order {
  private Order() {}

  public static final Comparator<TcpConnection> TCP =
      Comparator.comparingLong(TcpConnection::bytes).reversed()
          .thenComparingInt(TcpConnection::interfaceId)
          .thenComparing(c -> c.a().toString())
          .thenComparing(c -> c.b().toString());

  public static final Comparator<OtherFlow> FLOWS =
      Comparator.comparingLong(OtherFlow::bytes).reversed()
          .thenComparingInt(OtherFlow::interfaceId)
          .thenComparing(OtherFlow::protocol)
          .thenComparing(OtherFlow::aText)
          .thenComparing(OtherFlow::bText)
          .thenComparing(OtherFlow::detail);

  public static final Comparator<PortCounts> PORTS =
      Comparator.comparingLong(PortCounts::bytes).reversed()
          .thenComparing(PortCounts::protocol)
          .thenComparingInt(PortCounts::port);

  public static final Comparator<Station> STATIONS =
      Comparator.comparingLong((Station s) -> s.inBytes() + s.outBytes()).reversed()
          .thenComparingInt(Station::interfaceId)
          .thenComparingLong(Station::mac);

  public static final Comparator<VlanCounts> VLANS =
      Comparator.comparingLong(VlanCounts::bytes).reversed()
          .thenComparingInt(VlanCounts::interfaceId)
          .thenComparingInt(VlanCounts::vlanId);

  /** The first {@code n} rows by {@code order} ({@code n <= 0}: all). */
  public static <T> List<T> top(List<T> rows, Comparator<? super T> order, int n) {
    List<T> sorted = new ArrayList<>(rows);
    sorted.sort(order);
    return n > 0 && n < sorted.size() ? sorted.subList(0, n) : sorted;
  }
}
