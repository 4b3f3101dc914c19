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

  /**
   * A run of records that wraps round the end of the slots: removing the one in the last slot pulls
   * the one in slot 0 back into it. A pass from slot 0 met that record twice (a rule that marks at
   * one look and removes at the next removed it a tick early); each pass must look at each record
   * exactly once.
   */
  @Test
  void passesLookAtEachRecordOnceWhenARunWrapsRoundTheEnd() {
    List<Long> keys = keysHashingToTheLastSlot(3);
    for (boolean expiry : new boolean[] {true, false}) {
      RecordTable t = new RecordTable(8, 2, 1); // 16 slots
      for (long k : keys) {
        t.acquire(k, 7);
      }
      assertThat(t.key(15, 0)).isEqualTo(keys.get(0)); // the run: slots 15, 0, 1
      assertThat(t.key(0, 0)).isEqualTo(keys.get(1));
      Map<Long, Integer> looks = new java.util.TreeMap<>();
      long goes = keys.get(0);
      if (expiry) {
        t.expireWith(
            1,
            (table, v, now) -> {
              long k = t.keyOf(v, 0);
              looks.merge(k, 1, Integer::sum);
              return k == goes ? ExpiryWheel.REMOVE : now + 10_000_000_000L;
            });
        assertThat(t.expire(1_000_000_000L)).isEqualTo(1); // the first expire looks at all
      } else {
        assertThat(
                RecordScans.removeIf(
                    t,
                    (table, v) -> {
                      long k = t.keyOf(v, 0);
                      looks.merge(k, 1, Integer::sum);
                      return k == goes;
                    }))
            .isEqualTo(1);
      }
      assertThat(looks).containsOnlyKeys(keys).allSatisfy((k, n) -> assertThat(n).isEqualTo(1));
      assertThat(t.size()).isEqualTo(2);
    }
  }

  /** Keys (with a second word 7) whose home is the last of 16 slots. */
  private static List<Long> keysHashingToTheLastSlot(int n) {
    List<Long> keys = new ArrayList<>();
    for (long k = 1; keys.size() < n; k++) {
      if ((KeyHash.of(k, 7, 0, 0, 0) & 15) == 15) {
        keys.add(k);
      }
    }
    return keys;
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
