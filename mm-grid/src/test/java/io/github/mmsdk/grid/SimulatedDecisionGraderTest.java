package io.github.mmsdk.grid;

import static io.github.mmsdk.grid.Fixtures.ETH;
import static io.github.mmsdk.grid.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InsufficientDataException;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.Escalation;
import io.github.mmsdk.api.decision.EvaluationHorizon;
import io.github.mmsdk.api.decision.EvaluationRecord;
import io.github.mmsdk.api.decision.GridAction;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.grid.GridConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedDecisionGraderTest {

  private final SimulatedDecisionGrader grader = new SimulatedDecisionGrader();

  /** A 1h path from T0: a steady fall of {@code pctPerHour} per candle. */
  private static CandleSeries path(double start, double pctPerHour, int hours) {
    CandleSeries.Builder b = CandleSeries.builder(ETH, Timeframe.H1, hours);
    double p = start;
    for (int i = 0; i < hours; i++) {
      double c = p * (1 + pctPerHour / 100);
      b.add(
          T0.toEpochMilli() + Duration.ofHours(i).toMillis(),
          p,
          Math.max(p, c) * 1.001,
          Math.min(p, c) * 0.999,
          c,
          1);
      p = c;
    }
    return b.build();
  }

  private static Recommendation rec(GridAction action) {
    return recBuilder(action).build();
  }

  /** A recommendation of the action on grid eth-1, to complete and build. */
  static Recommendation.Builder recBuilder(GridAction action) {
    Recommendation.Builder b = new Recommendation.Builder();
    b.type(action.type())
        .action(action)
        .symbol(ETH)
        .gridId("eth-1")
        .confidence(0.8)
        .escalation(Escalation.NOTIFY);
    if (action == GridAction.REDUCE) {
      b.reduceFraction(0.5);
    }
    return b;
  }

  private static DecisionRecord decision(Recommendation r) {
    return Fixtures.decision("dec-1", T0, r, List.of());
  }

  @Test
  void stopping_before_a_fall_is_correct_and_holding_is_not() {
    CandleSeries falling = path(2000, -0.2, 24 * 8);
    EvaluationRecord stop =
        grader.grade(
            decision(rec(GridAction.STOP_GRID)),
            EvaluationHorizon.H24,
            falling,
            T0.plus(Duration.ofDays(1)));
    assertThat(stop.outcome()).isEqualTo(EvaluationRecord.Outcome.CORRECT);
    assertThat(stop.economicImpactUsd().signum()).isPositive();
    assertThat(stop.priceAtDecision()).isEqualByComparingTo("2000");
    assertThat(stop.priceAtHorizon().doubleValue())
        .isCloseTo(2000 * Math.pow(0.998, 24), within(1e-6));
    assertThat(stop.details()).containsKeys("grid_pnl", "round_trips", "max_drawdown", "fees");
    assertThat(stop.details().get("candles")).isEqualTo(24.0);
    assertThat(stop.details().get("reference_grid")).isEqualTo(1.0);

    EvaluationRecord hold =
        grader.grade(decision(rec(GridAction.HOLD)), EvaluationHorizon.H72, falling, T0);
    assertThat(hold.outcome()).isEqualTo(EvaluationRecord.Outcome.INCORRECT);
    assertThat(hold.details().get("candles")).isEqualTo(72.0);
    EvaluationRecord reduce =
        grader.grade(decision(rec(GridAction.REDUCE)), EvaluationHorizon.H72, falling, T0);
    assertThat(reduce.economicImpactUsd().doubleValue())
        .isCloseTo(-hold.economicImpactUsd().doubleValue() * 0.5, within(0.01));
    EvaluationRecord wait =
        grader.grade(decision(rec(GridAction.WAIT)), EvaluationHorizon.D7, falling, T0);
    assertThat(wait.outcome()).isEqualTo(EvaluationRecord.Outcome.CORRECT);
    assertThat(wait.horizon()).isEqualTo(EvaluationHorizon.D7);
  }

  @Test
  void a_created_grid_is_graded_on_its_own_parameters() {
    GridConfig g = Fixtures.runningGrid("eth-1", ETH, 2000, T0);
    Recommendation create =
        new Recommendation.Builder()
            .type(GridAction.CREATE_GRID.type())
            .action(GridAction.CREATE_GRID)
            .symbol(ETH)
            .confidence(0.85)
            .escalation(Escalation.REQUIRE_APPROVAL)
            .proposedGrid(g)
            .build();
    // flat path: a little oscillation, the grid earns round trips
    CandleSeries.Builder b = CandleSeries.builder(ETH, Timeframe.H1, 24);
    for (int i = 0; i < 24; i++) {
      double o = i % 2 == 0 ? 1990 : 2030;
      double c = i % 2 == 0 ? 2030 : 1990;
      b.add(T0.toEpochMilli() + Duration.ofHours(i).toMillis(), o, 2031, 1989, c, 1);
    }
    EvaluationRecord e = grader.grade(decision(create), EvaluationHorizon.H24, b.build(), T0);
    assertThat(e.outcome()).isEqualTo(EvaluationRecord.Outcome.CORRECT);
    assertThat(e.details().get("reference_grid")).isEqualTo(0.0);
    assertThat(e.details().get("allocation")).isEqualTo(2000.0);
    assertThat(e.details().get("round_trips")).isPositive();
  }

  @Test
  void flat_paths_are_neutral_and_missing_candles_are_typed_errors() {
    CandleSeries.Builder b = CandleSeries.builder(ETH, Timeframe.H1, 24);
    for (int i = 0; i < 24; i++) {
      b.add(T0.toEpochMilli() + Duration.ofHours(i).toMillis(), 2000, 2000.5, 1999.5, 2000, 1);
    }
    EvaluationRecord e =
        grader.grade(decision(rec(GridAction.HOLD)), EvaluationHorizon.H24, b.build(), T0);
    assertThat(e.outcome()).isEqualTo(EvaluationRecord.Outcome.NEUTRAL);
    assertThat(e.decisionId()).isEqualTo("dec-1");

    CandleSeries before = path(2000, 0.1, 10).slice(0, 0);
    assertThatThrownBy(
            () -> grader.grade(decision(rec(GridAction.HOLD)), EvaluationHorizon.H24, before, T0))
        .isInstanceOf(InsufficientDataException.class);
    assertThatThrownBy(() -> new SimulatedDecisionGrader(0.001, 0, 21, BigDecimal.TEN, 0.1))
        .isInstanceOf(InvalidConfigurationException.class);
  }
}
