package io.github.mmsdk.store.git;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.EvaluationHorizon;
import io.github.mmsdk.api.decision.EvaluationRecord;
import io.github.mmsdk.api.exit.ExitHistory;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.store.CycleRecords;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The store traffic of a backtest through the facade ({@code MarketMaker.runCycle}), without the
 * facade: per simulated hour the reads of its load step, one cycle commit (snapshot, decision, exit
 * state, raw candles) and the grading of what became due since the previous hour; optionally one
 * batch per simulated day. Used by {@link GitBacktestLoadIT}; its numbers are per step.
 */
final class BacktestLoad {
  /** The steps timed. */
  enum Step {
    LOAD,
    COMMIT,
    DUE,
    EVALUATE,
    BATCH_COMMIT
  }

  /** What raw candles each cycle hands the store. */
  enum Raw {
    /** The facade's default lookbacks: 270 days of 1h and 540 days of 4h candles, every cycle. */
    LOOKBACKS,
    /** Only the newest 48 hourly candles. */
    NEWEST
  }

  static final Symbol SYMBOL = Records.ETH_USDT;
  static final Instant START = Instant.parse("2023-01-01T00:00:00Z");
  private static final Duration H1_LOOKBACK = Duration.ofDays(270);
  private static final Duration H4_LOOKBACK = Duration.ofDays(540);

  final Map<Step, Long> nanos = new EnumMap<>(Step.class);
  final Map<Step, Integer> calls = new EnumMap<>(Step.class);
  int cycles;
  int evaluations;
  int batches;
  long wallNanos;
  long cpuNanos;

  /** Wall time of each simulated day (24 cycles and the day's batch commit). */
  long[] dayNanos = new long[0];

  private final CandleSeries h1;
  private final CandleSeries h4;

  BacktestLoad(int hours) {
    // history before the first cycle, as a backtest's exchange offers it
    Instant from = START.minus(H4_LOOKBACK);
    int h1Count = (int) Duration.between(from, START).toHours() + hours + 1;
    this.h1 = GitFixtures.series(SYMBOL, Timeframe.H1, from, h1Count, 2500);
    this.h4 = GitFixtures.series(SYMBOL, Timeframe.H4, from, h1Count / 4 + 1, 2500);
    for (Step s : Step.values()) {
      nanos.put(s, 0L);
      calls.put(s, 0);
    }
  }

  private <T> T timed(Step step, Supplier<T> work) {
    long t = System.nanoTime();
    T out = work.get();
    nanos.merge(step, System.nanoTime() - t, Long::sum);
    calls.merge(step, 1, Integer::sum);
    return out;
  }

  private static CandleSeries window(CandleSeries s, Instant from, Instant to) {
    return s.between(from, to);
  }

  private CycleRecords cycle(Instant t, Raw raw) {
    CycleRecords.Builder b = new CycleRecords.Builder().from(Records.cycleAt(SYMBOL, t));
    if (raw == Raw.LOOKBACKS) {
      b.addRawCandle(window(h1, t.minus(H1_LOOKBACK), t));
      b.addRawCandle(window(h4, t.minus(H4_LOOKBACK), t));
    } else {
      b.addRawCandle(window(h1, t.minus(Duration.ofHours(48)), t));
    }
    return b.build();
  }

  /**
   * Runs hourly cycles into a store folder.
   *
   * @param folder the store folder (created)
   * @param hours how many simulated hours
   * @param raw the raw candles per cycle
   * @param batchPerDay whether to write one batch per simulated day, else one commit per write
   * @return this, with the numbers
   */
  BacktestLoad run(Path folder, int hours, Raw raw, boolean batchPerDay) {
    long cpu = processCpuNanos();
    long wall = System.nanoTime();
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      GridConfig grid = Records.gridNamed("eth-grid-1");
      store.addGrid(grid);
      GitDecisionStore.Batch batch = null;
      Instant previous = null;
      dayNanos = new long[(hours + 23) / 24];
      long dayStart = System.nanoTime();
      for (int i = 0; i < hours; i++) {
        Instant t = START.plus(Duration.ofHours(i));
        if (batchPerDay && i % 24 == 0) {
          batch = store.batch();
        }
        timed(
            Step.LOAD,
            () -> {
              for (GridConfig g : store.grids()) {
                if (g.isRunning()) {
                  ExitHistory h = store.exitHistory(SYMBOL, g.id());
                  h.current();
                }
              }
              store.decisions(SYMBOL, t.minus(Duration.ofDays(2)), t.plusNanos(1));
              return store.configVersion();
            });
        CycleRecords c = cycle(t, raw);
        timed(Step.COMMIT, () -> store.commitCycle(c));
        cycles++;
        Instant after = previous;
        Iterable<DecisionRecord> due =
            timed(
                Step.DUE,
                () ->
                    after == null ? store.awaitingEvaluation(t) : store.dueForEvaluation(after, t));
        for (DecisionRecord d : due) {
          for (EvaluationHorizon h : EvaluationHorizon.values()) {
            Instant at = d.metadata().observedAt().plus(h.after());
            if (!at.isAfter(t) && !d.gradedHorizons().contains(h)) {
              EvaluationRecord e = Records.evaluationOf(d.id(), h, t);
              timed(Step.EVALUATE, () -> store.appendEvaluation(e));
              evaluations++;
            }
          }
        }
        previous = t;
        if (batch != null && (i % 24 == 23 || i == hours - 1)) {
          GitDecisionStore.Batch closing = batch;
          timed(
              Step.BATCH_COMMIT,
              () -> {
                closing.close();
                return closing.commitId();
              });
          batches++;
          batch = null;
        }
        if (i % 24 == 23 || i == hours - 1) {
          long now = System.nanoTime();
          dayNanos[i / 24] = now - dayStart;
          dayStart = now;
        }
      }
    }
    wallNanos = System.nanoTime() - wall;
    cpuNanos = processCpuNanos() - cpu;
    return this;
  }

  /**
   * The mean wall time per cycle over a range of simulated days.
   *
   * @param fromDay first day, inclusive
   * @param toDay last day, exclusive
   * @return milliseconds per cycle
   */
  double msPerCycle(int fromDay, int toDay) {
    long sum = 0;
    for (int d = fromDay; d < toDay; d++) {
      sum += dayNanos[d];
    }
    return sum / 1e6 / ((toDay - fromDay) * 24.0);
  }

  /** {@return the CPU time of the whole process (every thread, JIT and GC included)} */
  static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean
        ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime()
        : 0;
  }
}
