package io.github.mmsdk.backtest;

import static io.github.mmsdk.backtest.KpiScenario.concat;
import static io.github.mmsdk.backtest.KpiScenario.flat;
import static io.github.mmsdk.backtest.KpiScenario.grid;
import static io.github.mmsdk.backtest.KpiScenario.hour;
import static io.github.mmsdk.backtest.KpiScenario.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.api.grid.GridConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each exit-side formula and labelling rule on a small synthetic price path. */
class ExitKpisTest {

  private static final KpiCalculator KPI = KpiCalculator.withDefaultRules();
  private static final GridConfig GRID = grid("g1", 95, 105, Optional.of(92.0));

  private static ExitKpis exits(KpiScenario s, CandleSeries c) {
    return KPI.exitKpis(s.store, c, hour(0), hour(c.size()));
  }

  /** 100 for 50 hours, then 110 for 150: a grid breakout above 105 at the close of candle 50. */
  private static CandleSeries upBreakout() {
    return path(concat(flat(50, 100), flat(150, 110)));
  }

  @Test
  void aTimelyExitBeforeAnUpsideBreakoutIsJustifiedWarnedAnsweredAndKeepsItsProfit() {
    CandleSeries c = upBreakout();
    KpiScenario s =
        new KpiScenario()
            .run(GRID, 10, 53)
            .state("g1", 45, 51, ExitState.WARNING)
            .state("g1", 52, 53, ExitState.MANDATORY_EXIT)
            .decide(200);
    ExitKpis k = exits(s, c);
    assertThat(k.gridRuns()).isEqualTo(1);
    assertThat(k.exitSignals()).isEqualTo(1);
    assertThat(k.falseExits()).isZero();
    assertThat(k.falseExitRate()).hasValue(0.0);
    // breakout at the close of candle 50 (hour 51); WARNING since hour 45: 6 h ahead
    assertThat(k.gridBreakouts()).isEqualTo(1);
    assertThat(k.gridBreakoutsWarned()).isEqualTo(1);
    assertThat(k.medianWarningLead()).contains(Duration.ofHours(6));
    assertThat(k.warningRate()).hasValue(1.0);
    assertThat(k.missedExits()).isZero();
    assertThat(k.stopLossEvents()).isZero();
    assertThat(k.stopLossAvoidanceRate()).isEmpty();
    // signal at hour 52, stop at hour 53
    assertThat(k.exitsAnswered()).isEqualTo(1);
    assertThat(k.exitsUnanswered()).isZero();
    assertThat(k.medianResponseTime()).contains(Duration.ofHours(1));
    assertThat(k.maxResponseTime()).contains(Duration.ofHours(1));
    // the price left the grid upwards: every cell sold, the profit is kept at the stop
    assertThat(k.stoppedRuns()).isEqualTo(1);
    assertThat(k.profitableRuns()).isEqualTo(1);
    assertThat(k.peakPnlPct()).isPositive();
    assertThat(k.profitRetention().getAsDouble()).isCloseTo(1.0, within(1e-9));
    assertThat(k.restarts()).isZero();
    assertThat(k.restartRetriggerRate()).isEmpty();
  }

  @Test
  void aWarningOnlyOneHourAheadIsNotWarnedAndABreakoutWithoutExitSignalIsMissed() {
    CandleSeries c = upBreakout();
    KpiScenario s =
        new KpiScenario().run(GRID, 10, -1).state("g1", 50, 70, ExitState.WARNING).decide(200);
    ExitKpis k = exits(s, c);
    assertThat(k.gridBreakouts()).isEqualTo(1);
    assertThat(k.gridBreakoutsWarned()).isZero();
    assertThat(k.medianWarningLead()).isEmpty();
    assertThat(k.exitSignals()).isZero();
    assertThat(k.falseExitRate()).isEmpty();
    assertThat(k.missedExits()).isEqualTo(1);
    assertThat(k.gridBreakoutsMissed()).isEqualTo(1);
    assertThat(k.stopLossesMissed()).isZero();
    assertThat(k.stoppedRuns()).isZero();
    assertThat(k.profitRetention()).isEmpty();
  }

  @Test
  void anExitSignalWhilePriceStaysInsideTheGridForThreeDaysIsFalse() {
    CandleSeries c = path(flat(200, 100));
    KpiScenario s =
        new KpiScenario()
            .run(GRID, 10, 31)
            .state("g1", 30, 31, ExitState.LATEST_ACCEPTABLE_EXIT)
            .run(grid("g2", 95, 105, Optional.empty()), 150, -1)
            .state("g2", 180, 199, ExitState.MANDATORY_EXIT)
            .decide(200);
    ExitKpis k = exits(s, c);
    // g1's signal at hour 30 is false; g2's at hour 180 cannot be labelled (72 h run past the data)
    assertThat(k.exitSignals()).isEqualTo(1);
    assertThat(k.falseExits()).isEqualTo(1);
    assertThat(k.falseExitRate()).hasValue(1.0);
    // g2 never stopped: its signal is unanswered; its restart window also runs past the data
    assertThat(k.exitsAnswered()).isEqualTo(1);
    assertThat(k.exitsUnanswered()).isEqualTo(1);
    assertThat(k.restarts()).isZero();
    assertThat(k.gridRuns()).isEqualTo(2);
  }

  /**
   * 100 for 60 hours, then 98, 96, 94.5, 93.5 and 93 for the rest; the candle of hour 64 wicks to
   * 91, through the stop-loss at 92.
   */
  private static CandleSeries fall() {
    double[] closes = concat(flat(60, 100), new double[] {98, 96, 94.5, 93.5});
    return path(concat(closes, flat(136, 93)), Map.of(64, 91.0));
  }

  @Test
  void aStopBeforeTheStopLossIsTouchedAvoidsIt() {
    KpiScenario s =
        new KpiScenario()
            .run(GRID, 10, 63)
            .state("g1", 63, 63, ExitState.MANDATORY_EXIT)
            .decide(200);
    ExitKpis k = exits(s, fall());
    assertThat(k.stopLossEvents()).isEqualTo(1);
    assertThat(k.stopLossesAvoided()).isEqualTo(1);
    assertThat(k.stopLossAvoidanceRate()).hasValue(1.0);
    assertThat(k.missedExits()).isZero();
    assertThat(k.stopLossesMissed()).isZero();
    // the breakout below (close of candle 63, hour 64) came after the stop: not while running
    assertThat(k.gridBreakouts()).isZero();
    assertThat(k.falseExits()).isZero();
  }

  @Test
  void anExitAfterTheStopLossWasTouchedIsAMissedExit() {
    KpiScenario s =
        new KpiScenario()
            .run(GRID, 10, 66)
            .state("g1", 66, 66, ExitState.MANDATORY_EXIT)
            .decide(200);
    ExitKpis k = exits(s, fall());
    assertThat(k.stopLossEvents()).isEqualTo(1);
    assertThat(k.stopLossesAvoided()).isZero();
    assertThat(k.stopLossAvoidanceRate()).hasValue(0.0);
    assertThat(k.missedExits()).isEqualTo(1);
    assertThat(k.stopLossesMissed()).isEqualTo(1);
    assertThat(k.gridBreakoutsMissed()).isZero();
    // the breakout below at hour 64 ran while the grid did; its signal came within the 24 h hold
    assertThat(k.gridBreakouts()).isEqualTo(1);
    assertThat(k.gridBreakoutsWarned()).isZero();
    // the grid was stopped out at 92: it lost money, retained < peak
    assertThat(k.stoppedRuns()).isEqualTo(1);
    assertThat(k.exitSignals()).isEqualTo(1);
    assertThat(k.falseExits()).isZero();
  }

  @Test
  void anOperatorStopWithoutSignalBeforeATouchIsExposedButNeitherAvoidedNorMissed() {
    KpiScenario s = new KpiScenario().run(GRID, 10, 50).decide(200);
    ExitKpis k = exits(s, fall());
    assertThat(k.stopLossEvents()).isEqualTo(1);
    assertThat(k.stopLossesAvoided()).isZero();
    assertThat(k.stopLossesMissed()).isZero();
    assertThat(k.missedExits()).isZero();
    assertThat(k.exitSignals()).isZero();
    // a touch later than the horizon after the stop does not count
    KpiRules shortHorizon = new KpiRules.Builder().stopLossHorizon(Duration.ofHours(10)).build();
    assertThat(KpiCalculator.withRules(shortHorizon).exitKpis(s.store, fall(), hour(0), hour(200)))
        .extracting(ExitKpis::stopLossEvents)
        .isEqualTo(0);
  }

  @Test
  void aGridWithoutStopLossUsesTheDefaultDistanceBelowItsLowerBound() {
    // 3 % below 95 is 92.15: the wick to 91 touches it
    KpiScenario s =
        new KpiScenario().run(grid("g3", 95, 105, Optional.empty()), 10, -1).decide(200);
    assertThat(exits(s, fall()).stopLossEvents()).isEqualTo(1);
    KpiRules wide = new KpiRules.Builder().defaultStopDistancePct(5).build();
    assertThat(KpiCalculator.withRules(wide).exitKpis(s.store, fall(), hour(0), hour(200)))
        .extracting(ExitKpis::stopLossEvents)
        .isEqualTo(0);
  }

  @Test
  void restartsRetriggerWhenAnExitFiresAgainWithin72Hours() {
    CandleSeries c = path(flat(300, 100));
    KpiScenario s =
        new KpiScenario()
            .run(GRID, 10, 20)
            .state("g1", 20, 20, ExitState.LATEST_ACCEPTABLE_EXIT)
            .run(grid("g2", 95, 105, Optional.of(92.0)), 30, 61)
            .state("g2", 60, 61, ExitState.LATEST_ACCEPTABLE_EXIT)
            .run(grid("g3", 95, 105, Optional.of(92.0)), 100, 200)
            .state("g3", 180, 190, ExitState.WARNING)
            .decide(300);
    ExitKpis k = exits(s, c);
    assertThat(k.gridRuns()).isEqualTo(3);
    assertThat(k.restarts()).isEqualTo(2);
    assertThat(k.retriggeredRestarts()).isEqualTo(1);
    assertThat(k.restartRetriggerRate()).hasValue(0.5);
    assertThat(k.exitSignals()).isEqualTo(2);
    assertThat(k.falseExitRate()).hasValue(1.0);
  }

  @Test
  void theResponseIsTheEarlierOfTheStopAndAnExecutedAction() {
    CandleSeries c = path(flat(200, 100));
    KpiScenario s =
        new KpiScenario()
            .run(GRID, 10, 45)
            .state("g1", 40, 45, ExitState.LATEST_ACCEPTABLE_EXIT)
            .executed("g1", 40, 42)
            .run(grid("g2", 95, 105, Optional.of(92.0)), 50, 70)
            .state("g2", 60, 70, ExitState.MANDATORY_EXIT)
            .decide(200);
    ExitKpis k = exits(s, c);
    assertThat(k.exitsAnswered()).isEqualTo(2);
    assertThat(k.medianResponseTime()).contains(Duration.ofHours(10));
    assertThat(k.maxResponseTime()).contains(Duration.ofHours(10));
    KpiScenario one =
        new KpiScenario()
            .run(GRID, 10, 45)
            .state("g1", 40, 45, ExitState.LATEST_ACCEPTABLE_EXIT)
            .executed("g1", 40, 42)
            .decide(200);
    assertThat(exits(one, c).medianResponseTime()).contains(Duration.ofHours(2));
  }

  @Test
  void eventsCountInThePeriodOfTheirAnchorTime() {
    CandleSeries c = upBreakout();
    KpiScenario s =
        new KpiScenario()
            .run(GRID, 10, 53)
            .state("g1", 45, 51, ExitState.WARNING)
            .state("g1", 52, 53, ExitState.MANDATORY_EXIT)
            .decide(200);
    ExitKpis before = KPI.exitKpis(s.store, c, hour(0), hour(51));
    assertThat(before.gridRuns()).isEqualTo(1);
    assertThat(before.gridBreakouts()).isZero();
    assertThat(before.exitSignals()).isZero();
    ExitKpis after = KPI.exitKpis(s.store, c, hour(51), hour(200));
    assertThat(after.gridRuns()).isZero();
    assertThat(after.gridBreakouts()).isEqualTo(1);
    assertThat(after.exitSignals()).isEqualTo(1);
    assertThat(after.stoppedRuns()).isEqualTo(1);
  }

  @Test
  void figuresListEveryCountAndOnlyTheDefinedRates() {
    CandleSeries c = path(flat(200, 100));
    KpiScenario s = new KpiScenario().run(GRID, 10, 20).decide(200);
    Map<String, Double> f = exits(s, c).figures();
    assertThat(f)
        .containsEntry("grid_runs", 1.0)
        .containsEntry("exit_signals", 0.0)
        .containsEntry("mec", 0.0)
        .doesNotContainKeys("fer", "slar", "eaw_exit_rate", "rrr", "ert_median_h");
    assertThat(f.values()).allSatisfy(v -> assertThat(v).isFinite());
  }
}
