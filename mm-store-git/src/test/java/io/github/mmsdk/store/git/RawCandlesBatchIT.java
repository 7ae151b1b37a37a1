package io.github.mmsdk.store.git;

import static io.github.mmsdk.store.git.Records.ETH_USDT;
import static io.github.mmsdk.store.git.Records.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.store.CycleRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw candles handed over by every cycle (a whole lookback, nearly all of it stored): the store
 * skips what it knows a folder holds, and still keeps exactly every candle of every committed
 * cycle, across batches, discarded batches, single writes and other writers.
 */
class RawCandlesBatchIT {
  private static final int DAYS = 12;
  private static final CandleSeries ALL =
      GitFixtures.series(
          ETH_USDT, Timeframe.H1, START.minus(Duration.ofDays(DAYS)), DAYS * 24, 2500);

  @TempDir Path dir;

  /** Candles {@code [from, to)} of {@link #ALL}, without those whose index is a multiple of gap. */
  private static CandleSeries part(int from, int to, int gap) {
    CandleSeries.Builder b = CandleSeries.builder(ETH_USDT, Timeframe.H1, Math.max(1, to - from));
    for (int i = from; i < to; i++) {
      if (gap == 0 || i % gap != 0) {
        b.add(ALL.candle(i));
      }
    }
    return b.build();
  }

  private static CycleRecords cycle(Instant t, CandleSeries raw) {
    return new CycleRecords.Builder().from(Records.cycleAt(ETH_USDT, t)).addRawCandle(raw).build();
  }

  private static SortedSet<Long> stored(Path folder) {
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      CandleSeries got =
          store.rawCandles(ETH_USDT, Timeframe.H1, ALL.openTime(0), START.plus(Duration.ofDays(9)));
      SortedSet<Long> out = new TreeSet<>();
      for (int i = 0; i < got.size(); i++) {
        out.add(got.openTimeMillis(i));
        assertThat(got.candle(i)).isEqualTo(ALL.candle(ALL.indexOf(got.openTimeMillis(i))));
      }
      return out;
    }
  }

  private static void add(SortedSet<Long> into, CandleSeries s) {
    for (int i = 0; i < s.size(); i++) {
      into.add(s.openTimeMillis(i));
    }
  }

  @Test
  void candles_missing_from_stored_days_are_added_by_a_later_cycle_of_the_batch_or_the_next()
      throws Exception {
    Path folder = dir.resolve("gaps");
    SortedSet<Long> expected = new TreeSet<>();
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      try (GitDecisionStore.Batch day = store.batch()) {
        CandleSeries holes = part(0, 200, 3);
        store.commitCycle(cycle(START, holes));
        add(expected, holes);
        CandleSeries fewer = part(0, 201, 5); // one new candle, some of the holes filled
        store.commitCycle(cycle(START.plus(Duration.ofHours(1)), fewer));
        add(expected, fewer);
        assertThat(day.size()).isEqualTo(2);
      }
      try (GitDecisionStore.Batch day = store.batch()) {
        CandleSeries full = part(0, 202, 0);
        store.commitCycle(cycle(START.plus(Duration.ofHours(2)), full));
        add(expected, full);
      }
    }
    assertThat(stored(folder)).isEqualTo(expected).hasSize(202);
  }

  @Test
  void a_discarded_batch_is_not_taken_for_stored() throws Exception {
    Path folder = dir.resolve("discarded");
    CandleSeries first = part(0, 100, 0);
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      try (GitDecisionStore.Batch day = store.batch()) {
        store.commitCycle(cycle(START, first));
      }
      try (GitDecisionStore.Batch day = store.batch()) {
        store.commitCycle(cycle(START.plus(Duration.ofHours(1)), part(0, 150, 0)));
        day.discard();
      }
      try (GitDecisionStore.Batch day = store.batch()) {
        store.commitCycle(cycle(START.plus(Duration.ofHours(2)), part(0, 150, 0)));
      }
    }
    SortedSet<Long> expected = new TreeSet<>();
    add(expected, part(0, 150, 0));
    assertThat(stored(folder)).isEqualTo(expected);
  }

  @Test
  void every_committed_candle_is_kept_whatever_the_sequence_of_batches_and_writers() {
    AtomicInteger run = new AtomicInteger();
    qt().withFixedSeed(20261123L)
        .withExamples(25)
        .forAll(lists().of(integers().between(0, 1_000_000)).ofSizeBetween(1, 14))
        .checkAssert(
            steps -> {
              Path folder = dir.resolve("p" + run.incrementAndGet());
              SortedSet<Long> expected = new TreeSet<>();
              List<CandleSeries> pending = new ArrayList<>();
              try (GitDecisionStore store = GitDecisionStore.open(folder)) {
                GitDecisionStore.Batch batch = null;
                for (int k = 0; k < steps.size(); k++) {
                  int v = steps.get(k);
                  int from = v % (DAYS * 24 - 1);
                  int len = 1 + (v / 300) % 120;
                  int gap = (v / 40_000) % 4 == 0 ? 0 : 2 + (v / 40_000) % 4;
                  int mode = (v / 200_000) % 5; // 0: single write, 1: discard, else: batch
                  CandleSeries s = part(from, Math.min(DAYS * 24, from + len), gap);
                  if (s.isEmpty()) {
                    continue;
                  }
                  Instant t = START.plus(Duration.ofHours(k));
                  if (mode == 0) {
                    if (batch != null) {
                      batch.close();
                      pending.forEach(p -> add(expected, p));
                      pending.clear();
                      batch = null;
                    }
                    store.commitCycle(cycle(t, s));
                    add(expected, s);
                    continue;
                  }
                  if (batch == null) {
                    batch = store.batch();
                  }
                  store.commitCycle(cycle(t, s));
                  pending.add(s);
                  if (mode == 1) {
                    batch.discard();
                    batch.close();
                    pending.clear();
                    batch = null;
                  } else if (k % 3 == 2) {
                    batch.close();
                    pending.forEach(p -> add(expected, p));
                    pending.clear();
                    batch = null;
                  }
                }
                if (batch != null) {
                  batch.close();
                  pending.forEach(p -> add(expected, p));
                }
              }
              assertThat(stored(folder)).isEqualTo(expected);
            });
  }

  @Test
  void another_writer_between_two_batches_is_seen() throws Exception {
    Path folder = dir.resolve("two");
    try (GitDecisionStore a = GitDecisionStore.open(folder);
        GitDecisionStore b = GitDecisionStore.open(folder)) {
      try (GitDecisionStore.Batch day = a.batch()) {
        a.commitCycle(cycle(START, part(0, 100, 2)));
      }
      b.commitCycle(cycle(START.plus(Duration.ofHours(1)), part(100, 120, 0)));
      try (GitDecisionStore.Batch day = a.batch()) {
        a.commitCycle(cycle(START.plus(Duration.ofHours(2)), part(0, 130, 0)));
      }
    }
    SortedSet<Long> expected = new TreeSet<>();
    add(expected, part(0, 130, 0));
    assertThat(stored(folder)).isEqualTo(expected);
  }

  @Test
  void a_first_cycle_with_months_of_candles_is_one_pack_not_a_file_per_day() throws Exception {
    Path folder = dir.resolve("first");
    CandleSeries months =
        GitFixtures.series(ETH_USDT, Timeframe.H1, START.minus(Duration.ofDays(90)), 90 * 24, 2500);
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      store.commitCycle(cycle(START, months));
      assertThat(store.rawCandles(ETH_USDT, Timeframe.H1, months.openTime(0), START))
          .isEqualTo(months);
    }
    long loose;
    try (Stream<Path> s = Files.list(folder.resolve("objects"))) {
      loose = s.filter(p -> p.getFileName().toString().length() == 2).count();
    }
    long packs;
    try (Stream<Path> s = Files.list(folder.resolve("objects").resolve("pack"))) {
      packs = s.filter(p -> p.toString().endsWith(".pack")).count();
    }
    assertThat(loose).isZero();
    assertThat(packs).isEqualTo(1);
  }
}
