package org.iptraf.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordTableTest {

  private record Key(long a, long b, int context) {}

  @Test
  void evictsTheLeastRecentlySeenAtTheCapAndCountsIt() {
    RecordTable t = new RecordTable(3, 1);
    t.acquire(1, 0, 0);
    t.acquire(2, 0, 0);
    t.acquire(3, 0, 0);
    t.acquire(1, 0, 0); // 2 is now the least recently seen
    t.acquire(4, 0, 0);

    assertThat(t.evictions()).isEqualTo(1);
    assertThat(keysNewestFirst(t)).containsExactly(
        new Key(4, 0, 0), new Key(1, 0, 0), new Key(3, 0, 0));
  }

  @Test
  void keepsValuesWithTheirKeyAcrossGrowthAndRemovals() {
    RecordTable t = new RecordTable(100_000, 1);
    for (int i = 0; i < 5000; i++) {
      int v = t.acquire(i, i * 7L, i % 3); // before table(): acquire may replace the array
      t.table()[v] = i;
    }
    for (int s = t.oldest(); s != RecordTable.NONE && t.size() > 2500; s = t.oldest()) {
      t.release(s);
    }
    for (int i = 2500; i < 5000; i++) {
      int v = t.acquire(i, i * 7L, i % 3);
      assertThat(t.inserted).isFalse();
      assertThat(t.table()[v]).isEqualTo(i);
    }
  }

  /** Random traffic against LinkedHashMap in access order with the same cap, as the reference. */
  @Test
  void matchesAnAccessOrderedMapUnderRandomAcquiresReleasesAndEvictions() {
    Random random = new Random(7);
    int cap = 600; // the table grows from 1024 slots to 2048, and then evicts
    RecordTable t = new RecordTable(cap, 2);
    long[] evicted = {0};
    Map<Key, Long> reference = new LinkedHashMap<>(16, 0.75f, true) {
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
      // few distinct MAC-like values, so that probe runs are long and records shift
      Key k = new Key(random.nextInt(900), random.nextInt(3), random.nextInt(2));
      if (random.nextInt(10) == 0 && t.size() > 0) {
        int s = t.oldest();
        Key oldest = new Key(t.keyA(s), t.keyB(s), t.context(s));
        t.release(s);
        assertThat(reference.keySet().iterator().next()).isEqualTo(oldest);
        reference.remove(oldest);
        continue;
      }
      int v = t.acquire(k.a(), k.b(), k.context());
      boolean known = reference.containsKey(k);
      assertThat(t.inserted).isEqualTo(!known);
      long count = t.table()[v] + 1;
      t.table()[v] = count;
      reference.put(k, count);
    }
    List<Key> expected = new ArrayList<>(reference.keySet());
    java.util.Collections.reverse(expected);
    assertThat(keysNewestFirst(t)).isEqualTo(expected);
    assertThat(t.evictions()).isEqualTo(evicted[0]);
    for (Map.Entry<Key, Long> e : reference.entrySet()) {
      Key k = e.getKey();
      int v = t.acquire(k.a(), k.b(), k.context());
      assertThat(t.table()[v]).isEqualTo(e.getValue());
    }
  }

  private static List<Key> keysNewestFirst(RecordTable t) {
    List<Key> keys = new ArrayList<>();
    for (int s = t.newest(); s != RecordTable.NONE; s = t.older(s)) {
      keys.add(new Key(t.keyA(s), t.keyB(s), t.context(s)));
    }
    return keys;
  }
}
