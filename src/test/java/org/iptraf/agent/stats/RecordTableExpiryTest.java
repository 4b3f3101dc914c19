package org.iptraf.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The expiry wheel against the rule it replaces: at every tick, every record is looked at. The
 * model here is that rule, written plainly (a map in least-recently-seen order, every entry checked
 * at every tick); the table must agree with it after every tick, through growth, deletions that
 * move records, evictions at the cap, clears, gaps longer than the wheel and floods of new keys.
 */
class RecordTableExpiryTest {

  private static final long SECOND = 1_000_000_000L;

  /* values: | last seen | marked | ; two timeouts as in the TCP table */
  private static final int LAST = 0;
  private static final int MARKED = 1;

  private static final class Record {
    long last;
    boolean marked;
  }

  /** Marked after idle > t1, removed once marked and idle > t2 (t1 < t2), as TCP's timed out. */
  private static final class Rules implements ExpiryWheel.Expiry {
    final long t1;
    final long t2;
    long looks;

    Rules(long t1, long t2) {
      this.t1 = t1;
      this.t2 = t2;
    }

    @Override
    public long check(long[] t, int v, long now) {
      looks++;
      long idle = now - t[v + LAST];
      if (t[v + MARKED] != 0) {
        if (idle > t2) {
          return ExpiryWheel.REMOVE;
        }
        return Math.min(t[v + LAST] + t2 + 1, now + t1 + 1);
      }
      if (idle > t1) {
        t[v + MARKED] = 1;
        return Math.min(t[v + LAST] + t2 + 1, now + t1 + 1);
      }
      return t[v + LAST] + t1 + 1;
    }

    /** The same rule on the model, at one tick. */
    void tick(Map<Long, Record> model, long now) {
      for (Iterator<Record> it = model.values().iterator(); it.hasNext(); ) {
        Record r = it.next();
        long idle = now - r.last;
        if (r.marked) {
          if (idle > t2) {
            it.remove();
          }
        } else if (idle > t1) {
          r.marked = true;
        }
      }
    }
  }

  @Test
  void agreesWithLookingAtEveryRecordEveryTick() {
    for (long seed = 1; seed <= 12; seed++) {
      run(seed, 2_000, 20_000, 40_000);
    }
  }

  @Test
  void agreesThroughAFloodAtTheCap() {
    run(99, 500, 200_000, 50_000); // keys far beyond the cap: evictions leave entries behind
  }

  private static void run(long seed, int cap, int keys, int steps) {
    SplittableRandom random = new SplittableRandom(seed);
    Rules rules = new Rules((3 + random.nextInt(40)) * SECOND, (50 + random.nextInt(200)) * SECOND);
    RecordTable table = new RecordTable(cap, 2, 2);
    table.expireWith(rules.t1 / SECOND, rules);
    Map<Long, Record> model = new LinkedHashMap<>(16, 0.75f, true);
    long now = 1_700_000_000L * SECOND + random.nextLong(SECOND);
    long second = Math.floorDiv(now, SECOND);
    long everyRecordEveryTick = 0;
    for (int step = 0; step < steps; step++) {
      int dice = random.nextInt(10_000);
      if (dice < 5) {
        now += (ExpiryWheel.WHEEL + random.nextInt(3 * ExpiryWheel.WHEEL)) * SECOND; // long gap
      } else if (dice < 60) {
        now += random.nextLong(120 * SECOND);
      } else {
        now += random.nextLong(SECOND / 20);
      }
      long s = Math.floorDiv(now, SECOND);
      if (s != second) {
        second = s;
        table.expire(now);
        everyRecordEveryTick += model.size();
        rules.tick(model, now);
        assertSame(table, model, seed, step);
      }
      if (dice >= 9_990 && dice < 9_995) {
        long parity = random.nextInt(2);
        RecordScans.removeIf(table, (t, v) -> (table.keyOf(v, 0) & 1) == parity);
        model.keySet().removeIf(k -> (k & 1) == parity);
      } else if (dice >= 9_999) {
        table.clear();
        model.clear();
      }
      long key = random.nextInt(keys);
      int v = table.acquire(key, 7);
      long[] t = table.table();
      t[v + LAST] = now;
      t[v + MARKED] = 0;
      Record r = model.get(key);
      if (r == null) {
        if (model.size() == cap) {
          Iterator<Long> eldest = model.keySet().iterator();
          eldest.next();
          eldest.remove();
        }
        r = new Record();
        model.put(key, r);
      }
      r.last = now;
      r.marked = false;
    }
    // a record is looked at about once per shorter timeout it lives, not once per second
    assertThat(rules.looks).isLessThan(everyRecordEveryTick / 2);
  }

  private static void assertSame(RecordTable table, Map<Long, Record> model, long seed, int step) {
    Map<Long, Boolean> actual = new TreeMap<>();
    RecordScans.forEach(table, (t, v) -> actual.put(table.keyOf(v, 0), t[v + MARKED] != 0));
    Map<Long, Boolean> expected = new TreeMap<>();
    model.forEach((k, r) -> expected.put(k, r.marked));
    if (!actual.equals(expected)) {
      List<String> diff = new ArrayList<>();
      expected.forEach(
          (k, m) -> {
            if (!m.equals(actual.get(k))) {
              diff.add(k + ": expected " + m + ", table " + actual.get(k));
            }
          });
      actual.forEach(
          (k, m) -> {
            if (!expected.containsKey(k)) {
              diff.add(k + ": not expected, table " + m);
            }
          });
      throw new AssertionError(
          "seed "
              + seed
              + " step "
              + step
              + ": "
              + diff.size()
              + " differences, first: "
              + diff.subList(0, Math.min(5, diff.size())));
    }
    assertThat(table.size()).isEqualTo(model.size());
  }
}
