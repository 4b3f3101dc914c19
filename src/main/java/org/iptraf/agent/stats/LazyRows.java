package org.iptraf.agent.stats;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An immutable list of a snapshot's rows, made on first use by whichever reader thread first reads
 * one, then kept (see {@link FrozenRecords}); its size is known at once where the table's size is
 * the number of rows.
 */
final class LazyRows<T> extends AbstractList<T> implements RandomAccess {
  /** A size that only making the rows tells. */
  static final int UNKNOWN_SIZE = -1;

  private final int size;
  private Supplier<List<T>> maker;
  private volatile List<T> rows;
  private final Ranker<T> ranker;

  LazyRows(int size, Supplier<List<T>> maker) {
    this(size, maker, order -> null);
  }

  /**
   * @param ranker the rows in an order, ranked from the records ({@link RankedRows}), for the
   *     orders it knows
   */
  LazyRows(int size, Supplier<List<T>> maker, Ranker<T> ranker) {
    this.size = size;
    this.maker = maker;
    this.ranker = ranker;
  }

  /** The rows in an order, each made when read; null for an order it does not know. */
  interface Ranker<T> {
    List<T> ranked(Comparator<? super T> order);
  }

  /**
   * The rows in {@code order}, made from the records one at a time as they are read ({@link
   * RankedRows}), or null where this list cannot rank them so.
   */
  List<T> ranked(Comparator<? super T> order) {
    return ranker.ranked(order);
  }

  /** Makes the row of one frozen record ({@code i} as {@link FrozenRecords#newestFirst} gives). */
  interface Row<T> {
    T of(FrozenRecords f, int i);
  }

  /** One row per record of {@code f}, most recently seen first, made when first read. */
  static <T> List<T> newestFirst(FrozenRecords f, Row<T> row) {
    return new LazyRows<>(f.size(), () -> made(f, row));
  }

  /**
   * As {@link #newestFirst(FrozenRecords, Row)}, and ranked in {@code ranking}'s order from what
   * {@code records} tells of {@code f}'s records ({@link RankedRows}), each row made as it is read.
   */
  static <T> List<T> newestFirst(
      FrozenRecords f,
      Row<T> row,
      Comparator<? super T> ranking,
      Function<FrozenRecords, RankedRows.Records> records) {
    return new LazyRows<>(
        f.size(),
        () -> made(f, row),
        order ->
            order == ranking
                ? RankedRows.rank(f.size(), records.apply(f), i -> row.of(f, i), ranking)
                : null);
  }

  private static <T> List<T> made(FrozenRecords f, Row<T> row) {
    List<T> rows = new ArrayList<>(f.size());
    for (int i : f.newestFirst()) {
      rows.add(row.of(f, i));
    }
    return rows;
  }

  /** Rows that were not taken: only their number can be read ({@link Tables#counters()}). */
  static <T> List<T> notTaken(int size) {
    return new LazyRows<>(
        size,
        () -> {
          throw new IllegalStateException(
              "a counters-only snapshot has no rows: read them from snapshot(), not counters()");
        });
  }

  @Override
  public int size() {
    return size != UNKNOWN_SIZE ? size : rows().size();
  }

  @Override
  public T get(int index) {
    return rows().get(index);
  }

  private List<T> rows() {
    List<T> r = rows;
    if (r == null) {
      synchronized (this) {
        r = rows;
        if (r == null) {
          r = List.copyOf(maker.get());
          if (size != UNKNOWN_SIZE && r.size() != size) {
            throw new IllegalStateException("made " + r.size() + " rows, expected " + size);
          }
          rows = r;
          maker = null;
        }
      }
    }
    return r;
  }
}
