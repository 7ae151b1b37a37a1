package io.github.mmsdk.exit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.exit.ExitAssessment;
import io.github.mmsdk.api.exit.ExitCondition;
import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sustained above-grid rule through the evaluator: a price path that leaves a 1800-2200 grid
 * upwards, in a calm regime (no other LATEST_ACCEPTABLE_EXIT condition can hold), reaches
 * LATEST_ACCEPTABLE_EXIT at the close of exactly the k-th consecutive candle above the margin.
 */
class AboveGridSustainedTest {

  private static final int K = 6;
  private static final ExitConfig CONFIG =
      new ExitConfig.Builder().aboveGridSustainedHours(K).aboveGridSustainedPct(1.0).build();

  /** 30 closes at 2000 inside the grid, then the given closes. */
  private static CandleSeries path(double... after) {
    double[] closes = new double[30 + after.length];
    java.util.Arrays.fill(closes, 0, 30, 2000);
    System.arraycopy(after, 0, closes, 30, after.length);
    return Fixtures.path(closes);
  }

  private static double[] repeat(double price, int n) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, price);
    return a;
  }

  /** Evaluates every hour from candle 20 and returns the assessments from candle 30 on. */
  private static List<ExitAssessment> drive(GridConfig grid, CandleSeries p) {
    Fixtures.Driver d = new Fixtures.Driver(CONFIG, grid);
    List<ExitAssessment> out = new ArrayList<>();
    for (int i = 20; i < p.size(); i++) {
      Instant at = Instant.ofEpochMilli(p.closeTimeMillis(i));
      ExitAssessment a = d.at(p, i, Fixtures.calmRegime(at));
      if (i >= 30) {
        out.add(a);
      }
    }
    return out;
  }

  @Test
  void escalatesAtTheKthConsecutiveCloseAboveTheMargin() {
    // 2230 is 1.4 % above the upper bound 2200
    List<ExitAssessment> as = drive(Fixtures.grid(), path(repeat(2230, K + 3)));
    for (int j = 0; j < K - 1; j++) {
      assertThat(as.get(j).state())
          .as("hour %d", j + 1)
          .isLessThan(ExitState.LATEST_ACCEPTABLE_EXIT);
    }
    ExitAssessment at = as.get(K - 1);
    assertThat(at.state()).isEqualTo(ExitState.LATEST_ACCEPTABLE_EXIT);
    assertThat(at.transition()).isPresent();
    assertThat(at.transition().get().reasons().get(0)).contains(K + " consecutive hours");
    assertThat(at.conditions())
        .extracting(ExitCondition::name)
        .contains(Rule.ABOVE_GRID_SUSTAINED.key);
    assertThat(at.deadline()).isPresent();
    assertThat(at.shouldNotify()).isTrue();
    // it stays in force while the price stays above
    assertThat(as.get(K + 2).state()).isEqualTo(ExitState.LATEST_ACCEPTABLE_EXIT);
  }

  @Test
  void aCloseWithinTheMarginRestartsTheCount() {
    double[] after = new double[2 * K - 1];
    java.util.Arrays.fill(after, 2230);
    after[K - 1] = 2210; // 0.45 % above the bound: within the 1 % margin
    List<ExitAssessment> as = drive(Fixtures.grid(), path(after));
    assertThat(as)
        .allSatisfy(a -> assertThat(a.state()).isLessThan(ExitState.LATEST_ACCEPTABLE_EXIT));
  }

  @Test
  void aBreakDownwardsIsNotThisRule() {
    List<ExitAssessment> as = drive(Fixtures.grid(), path(repeat(1790, K + 2)));
    assertThat(as)
        .allSatisfy(
            a ->
                assertThat(a.conditions())
                    .extracting(ExitCondition::name)
                    .doesNotContain(Rule.ABOVE_GRID_SUSTAINED.key));
  }

  @Test
  void countsOnlyCandlesOfTheRunningGrid() {
    // the price is above from candle 30; the grid was (re-)enabled at the open of candle 33
    Instant enabled = Fixtures.T0.plus(Fixtures.HOUR.multipliedBy(33));
    GridConfig g =
        new GridConfig.Builder()
            .from(Fixtures.grid())
            .addHistory(
                GridHistoryEntry.of(
                    enabled.minus(Fixtures.HOUR), GridHistoryEntry.Event.DISABLED, "op", "stop"),
                GridHistoryEntry.of(enabled, GridHistoryEntry.Event.ENABLED, "op", "restart"))
            .build();
    assertThat(g.upperPrice()).isEqualByComparingTo(BigDecimal.valueOf(2200));
    List<ExitAssessment> as = drive(g, path(repeat(2230, K + 4)));
    // candles 30..32 do not count: the K-th counted close is candle 33 + K - 1
    assertThat(as.get(K - 1).state()).isLessThan(ExitState.LATEST_ACCEPTABLE_EXIT);
    assertThat(as.get(3 + K - 1).state()).isEqualTo(ExitState.LATEST_ACCEPTABLE_EXIT);
  }

  @Test
  void aStreamingSessionCountsLikeTheStatelessEvaluator() {
    CandleSeries p = path(repeat(2230, K + 3));
    ExitSession s =
        ExitSession.start(
            CONFIG,
            Fixtures.grid(),
            io.github.mmsdk.api.exit.ExitHistory.empty("eth-grid-1"),
            p.slice(0, 20));
    Fixtures.Driver d = new Fixtures.Driver(CONFIG, Fixtures.grid());
    for (int i = 20; i < p.size(); i++) {
      Instant at = Instant.ofEpochMilli(p.closeTimeMillis(i));
      ExitState streamed =
          s.step(at, Fixtures.calmRegime(at), p.open(i), p.high(i), p.low(i), p.close(i));
      ExitAssessment stateless = d.at(p, i, Fixtures.calmRegime(at));
      assertThat(streamed).as("candle %d", i).isEqualTo(stateless.state());
      assertThat(s.assessment().history()).isEqualTo(stateless.history());
    }
    assertThat(s.state()).isEqualTo(ExitState.LATEST_ACCEPTABLE_EXIT);
  }
}
