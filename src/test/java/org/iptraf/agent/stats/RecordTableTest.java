package org.iptraf.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordTableTest {

  private record Key(long a, long b, int context) {}

  @Test
  void evictsTheLeastRecentlySeenAtTheCapAndCountsIt() {
    RecordTable t = new RecordTable(3, 3, 1);
    t.acquire(1, 0, 0);
    t.acquire(2, 0, 0);
    t.acquire(3, 0, 0);
    t.acquire(1, 0, 0); // 2 is now the least recently seen
    t.acquire(4, 0, 0);

    assertThat(t.evictions()).isEqualTo(1);
    assertThat(keysNewestFirst(t))
        .containsExactly(new Key(4, 0, 0), new Key(1, 0, 0), new Key(3, 0, 0));
  }

  @Test
  void keepsValuesWithTheirKeyAcrossGrowthAndRemovals() {
    RecordTable t = new RecordTable(100_000, 3, 1);
    for (int i = 0; i < 5000; i++) {
      int v = t.acquire(i, i * 7L, i % 3); // before table(): acquire may replace the array
      t.table()[v] = i;
    }
    int[] newestFirst = t.slotsNewestFirst();
    long[] oldestKeys = new long[2500];
    for (int i = 0; i < 2500; i++) {
      oldestKeys[i] = t.key(newestFirst[newestFirst.length - 1 - i], 0);
    }
    assertThat(RecordScans.removeIf(t, (table, v) -> table[v] < 2500)).isEqualTo(2500);
    assertThat(oldestKeys).containsExactly(java.util.stream.LongStream.range(0, 2500).toArray());
    for (int i = 2500; i < 5000; i++) {
      int v = t.acquire(i, i * 7L, i % 3);
      assertThat(t.inserted).isFalse();
      assertThat(t.table()[v]).isEqualTo(i);
    }
    for (int i = 0; i < 2500; i++) {
      t.acquire(i, i * 7L, i % 3);
      assertThat(t.inserted).isTrue();
    }
  }

  /** Stamps too far apart to pack beside a slot are renumbered in order: eviction stays exact. */
  @Test
  void staysExactWhenTheOldestRecordIsBillionsOfLookupsBehind() {
    RecordTable t = new RecordTable(4, 3, 1);
    t.acquire(1, 0, 0);
    t.acquire(2, 0, 0);
    t.skipStamps(1L << 40);
    t.acquire(3, 0, 0);
    t.acquire(1, 0, 0);
    t.acquire(4, 0, 0);
    t.skipStamps(1L << 40);
    t.acquire(5, 0, 0); // evicts 2, the least recently seen
    t.acquire(6, 0, 0); // evicts 3
    t.acquire(1, 0, 0);

    assertThat(t.evictions()).isEqualTo(2);
    assertThat(keysNewestFirst(t))
        .containsExactly(new Key(1, 0, 0), new Key(6, 0, 0), new Key(5, 0, 0), new Key(4, 0, 0));
  }

  @Test
  void keysOfEveryWidthAreMatchedOnEveryWord() {
    RecordTable t = new RecordTable(100, 5, 1);
    t.table()[t.acquire(1, 2, 3, 4, 5)] = 11;
    t.table()[t.acquire(1, 2, 3, 4, 6)] = 12;
    t.table()[t.acquire(0, 2, 3, 4, 5)] = 13;
    t.table()[t.acquire(1, 2, 3, 5, 5)] = 14;
    assertThat(t.size()).isEqualTo(4);
    assertThat(t.table()[t.acquire(1, 2, 3, 4, 5)]).isEqualTo(11);
    assertThat(t.table()[t.acquire(1, 2, 3, 5, 5)]).isEqualTo(14);
    assertThat(t.inserted).isFalse();
  }

  /**
   * Random traffic against LinkedHashMap in access order with the same cap, as the reference:
   * acquires, evictions at the cap, sweeps that remove records in the middle of probe runs (moving
   * others) between evictions, and removals of the oldest.
   */
  @Test
  void matchesAnAccessOrderedMapUnderRandomAcquiresSweepsAndEvictions() {
    Random random = new Random(7);
    int cap = 600; // the table grows from 1024 slots to 2048, and then evicts
    RecordTable t = new RecordTable(cap, 3, 2);
    long[] evicted = {0};
    Map<Key, Long> reference =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, Long> eldest) {
            if (size() > cap) {
              evicted[0]++;
              return true;
            }
            return false;
          }
        };
    for (int step = 0; step < 200_000; step++) {
      int op = random.nextInt(1000);
      if (op == 0 && t.size() > 0) {
        // sweep out every record whose first key word has a given remainder
        int remainder = random.nextInt(7);
        int removed = RecordScans.removeIf(t, (table, v) -> table[v + 1] % 7 == remainder);
        int expected = 0;
        for (Iterator<Key> i = reference.keySet().iterator(); i.hasNext(); ) {
          if (i.next().a() % 7 == remainder) {
            i.remove();
            expected++;
          }
        }
        assertThat(removed).isEqualTo(expected);
        continue;
      }
      if (op == 1 && t.size() > 0) {
        int[] order = t.slotsNewestFirst();
        int s = order[order.length - 1];
        Key oldest = new Key(t.key(s, 0), t.key(s, 1), (int) t.key(s, 2));
        t.release(s);
        assertThat(reference.keySet().iterator().next()).isEqualTo(oldest);
        reference.remove(oldest);
        continue;
      }
      // few distinct MAC-like values, so that probe runs are long and records shift
      Key k = new Key(random.nextInt(900), random.nextInt(3), random.nextInt(2));
      int v = t.acquire(k.a(), k.b(), k.context());
      boolean known = reference.containsKey(k);
      assertThat(t.inserted).isEqualTo(!known);
      long count = t.table()[v] + 1;
      t.table()[v] = count;
      t.table()[v + 1] = k.a();
      reference.put(k, count);
      assertThat(t.size()).isEqualTo(reference.size());
    }
    List<Key> expected = new ArrayList<>(reference.keySet());
    Collections.reverse(expected);
    assertThat(keysNewestFirst(t)).isEqualTo(expected);
    assertThat(t.evictions()).isEqualTo(evicted[0]).isGreaterThan(10_000);
    for (Map.Entry<Key, Long> e : reference.entrySet()) {
      Key k = e.getKey();
      int v = t.acquire(k.a(), k.b(), k.context());
      assertThat(t.table()[v]).isEqualTo(e.getValue());
    }
  }

  private static List<Key> keysNewestFirst(RecordTable t) {
    List<Key> keys = new ArrayList<>();
    for (int s : t.slotsNewestFirst()) {
      keys.add(new Key(t.key(s, 0), t.key(s, 1), (int) t.key(s, 2)));
    }
    return keys;
  }
}
