package io.github.mmsdk.grid;

import static io.github.mmsdk.grid.Fixtures.ETH;
import static io.github.mmsdk.grid.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.EvaluationHorizon;
import io.github.mmsdk.api.decision.EvaluationRecord;
import io.github.mmsdk.api.decision.GridAction;
import io.github.mmsdk.api.decision.Recommendation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A longer horizon resumes the simulator a shorter one of the same decision left: the records are
 * exactly those of a fresh grader, whatever happens between the calls.
 */
class SimulatedDecisionGraderResumeTest {

  private static final long HOUR = Duration.ofHours(1).toMillis();

  /** A random 1h walk from T0, with an optional gap, and a replaced tail from {@code tailFrom}. */
  private static CandleSeries walk(long seed, int n, int gapAt, int tailFrom, long tailSeed) {
    Random r = new Random(seed);
    Random tail = new Random(tailSeed);
    CandleSeries.Builder b = CandleSeries.builder(ETH, Timeframe.H1, n);
    double p = 2000;
    for (int i = 0; i < n; i++) {
      Random x = i >= tailFrom ? tail : r;
      double c = p * (1 + (x.nextDouble() - 0.5) * 0.03);
      double h = Math.max(p, c) * (1 + x.nextDouble() * 0.01);
      double l = Math.min(p, c) * (1 - x.nextDouble() * 0.01);
      if (i != gapAt) {
        b.add(T0.toEpochMilli() + HOUR * i, p, h, l, c, 1);
      }
      p = c;
    }
    return b.build();
  }

  private static DecisionRecord decision(GridAction action) {
    Recommendation.Builder b = SimulatedDecisionGraderTest.recBuilder(action);
    if (action == GridAction.CREATE_GRID) {
      b.proposedGrid(Fixtures.runningGrid("eth-1", ETH, 2000, T0));
    }
    return Fixtures.decision("dec-1", T0, b.build(), List.of());
  }

  private static EvaluationRecord fresh(
      DecisionRecord d, EvaluationHorizon h, CandleSeries path, Instant at) {
    return new SimulatedDecisionGrader().grade(d, h, path, at);
  }

  @Test
  void theHorizonsInOrderGiveTheRecordsOfFreshGraders() {
    SimulatedDecisionGrader grader = new SimulatedDecisionGrader();
    qt().withFixedSeed(20261126L)
        .withExamples(200)
        .forAll(
            longs().all(),
            integers().between(-1, 200),
            integers().between(0, GridAction.values().length - 1))
        .checkAssert(
            (seed, gapAt, kind) -> {
              DecisionRecord d = decision(GridAction.values()[kind]);
              CandleSeries path = walk(seed, 24 * 7, gapAt, Integer.MAX_VALUE, 0);
              for (EvaluationHorizon h : EvaluationHorizon.values()) {
                Instant at = T0.plus(h.after());
                assertThat(grader.grade(d, h, path, at)).isEqualTo(fresh(d, h, path, at));
              }
            });
    assertThat(grader.resumed()).as("longer horizons resumed").isGreaterThanOrEqualTo(2 * 200);
  }

  @Test
  void changedCandlesOrAnotherGridStartAfresh() {
    SimulatedDecisionGrader grader = new SimulatedDecisionGrader();
    DecisionRecord hold = decision(GridAction.HOLD);
    CandleSeries first = walk(7, 24 * 7, -1, Integer.MAX_VALUE, 0);
    grader.grade(hold, EvaluationHorizon.H24, first, T0.plus(Duration.ofDays(1)));
    // the same decision id, the first 24 candles replaced from hour 10 on
    CandleSeries other = walk(7, 24 * 7, -1, 10, 99);
    Instant at = T0.plus(Duration.ofDays(3));
    assertThat(grader.grade(hold, EvaluationHorizon.H72, other, at))
        .isEqualTo(fresh(hold, EvaluationHorizon.H72, other, at));
    // a different first recommendation under the same id: another graded grid
    DecisionRecord wait = decision(GridAction.WAIT);
    Instant week = T0.plus(Duration.ofDays(7));
    assertThat(grader.grade(wait, EvaluationHorizon.D7, other, week))
        .isEqualTo(fresh(wait, EvaluationHorizon.D7, other, week));
    // a proposed grid under the same id after a reference grid, and back
    DecisionRecord create = decision(GridAction.CREATE_GRID);
    grader.grade(hold, EvaluationHorizon.H24, first, T0.plus(Duration.ofDays(1)));
    assertThat(grader.grade(create, EvaluationHorizon.H72, first, at))
        .isEqualTo(fresh(create, EvaluationHorizon.H72, first, at));
    assertThat(grader.grade(hold, EvaluationHorizon.D7, first, week))
        .isEqualTo(fresh(hold, EvaluationHorizon.D7, first, week));
    // a shorter window after a longer one
    grader.grade(hold, EvaluationHorizon.H72, first, at);
    assertThat(grader.grade(hold, EvaluationHorizon.H24, first, at))
        .isEqualTo(fresh(hold, EvaluationHorizon.H24, first, at));
  }

  @Test
  void manyOpenDecisionsStayBounded() {
    SimulatedDecisionGrader grader = new SimulatedDecisionGrader();
    CandleSeries path = walk(3, 24 * 7, -1, Integer.MAX_VALUE, 0);
    int n = SimulatedDecisionGrader.PROGRESS_CAPACITY + 10;
    for (int i = 0; i < n; i++) {
      DecisionRecord d =
          new DecisionRecord.Builder()
              .from(decision(GridAction.HOLD))
              .metadata(Fixtures.meta("dec-" + i, T0))
              .build();
      grader.grade(d, EvaluationHorizon.H24, path, T0.plus(Duration.ofDays(1)));
    }
    // the oldest were dropped, the newest resume: both give the fresh records
    for (int i : new int[] {0, n - 1}) {
      DecisionRecord d =
          new DecisionRecord.Builder()
              .from(decision(GridAction.HOLD))
              .metadata(Fixtures.meta("dec-" + i, T0))
              .build();
      Instant at = T0.plus(Duration.ofDays(3));
      assertThat(grader.grade(d, EvaluationHorizon.H72, path, at))
          .isEqualTo(fresh(d, EvaluationHorizon.H72, path, at));
    }
  }
}
