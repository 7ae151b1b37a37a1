package io.github.mmsdk.exit;

import static io.github.mmsdk.exit.TriggerFixtures.calm;
import static io.github.mmsdk.exit.TriggerFixtures.held;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.api.regime.RegimeVerdict;
import org.junit.jupiter.api.Test;

class LatestAcceptableExitTriggerTest {

  @Test
  void regimeTrendNeedsConfidence() {
    Signals s = calm();
    s.verdict = RegimeVerdict.TREND;
    s.effectiveConfidence = 0.6;
    assertThat(held(s, Rule.REGIME_TREND)).isTrue();
    s.effectiveConfidence = 0.5999;
    assertThat(held(s, Rule.REGIME_TREND)).isFalse();
    s.verdict = RegimeVerdict.TRANSITION;
    s.effectiveConfidence = 0.9;
    assertThat(held(s, Rule.REGIME_TREND)).isFalse();
  }

  @Test
  void unavailableMetricsCountAgainstConfidence() {
    Signals s = new Signals();
    java.util.Map<io.github.mmsdk.api.regime.MetricId, Double> m = Fixtures.trending();
    m.remove(io.github.mmsdk.api.regime.MetricId.ADX);
    m.remove(io.github.mmsdk.api.regime.MetricId.OU_HALF_LIFE);
    s.readRegime(Fixtures.regime(Fixtures.T0, RegimeVerdict.TREND, 0.75, RegimeVerdict.TREND, m));
    assertThat(s.availableMetrics).isEqualTo(4);
    assertThat(s.effectiveConfidence).isEqualTo(0.5);
    s.close = 2000;
    s.lower = 1800;
    s.upper = 2200;
    assertThat(held(s, Rule.REGIME_TREND)).isFalse();
  }

  @Test
  void confirmationTrend() {
    Signals s = calm();
    s.confirmation = RegimeVerdict.TRANSITION;
    assertThat(held(s, Rule.CONFIRMATION_TREND)).isFalse();
    s.confirmation = RegimeVerdict.TREND;
    assertThat(held(s, Rule.CONFIRMATION_TREND)).isTrue();
  }

  @Test
  void outsideGridBoundaryInAtr() {
    Signals s = calm();
    s.close = 2210; // 10 / 20 = 0.5 ATR above
    assertThat(held(s, Rule.PRICE_OUTSIDE_GRID)).isTrue();
    s.close = 2209.9;
    assertThat(held(s, Rule.PRICE_OUTSIDE_GRID)).isFalse();
    s.close = 1790;
    assertThat(held(s, Rule.PRICE_OUTSIDE_GRID)).isTrue();
    s.close = 1790.1;
    assertThat(held(s, Rule.PRICE_OUTSIDE_GRID)).isFalse();
    s.atr = Double.NaN;
    s.close = 2500;
    assertThat(held(s, Rule.PRICE_OUTSIDE_GRID)).isFalse();
  }

  @Test
  void unrealizedLossBoundary() {
    Signals s = calm();
    s.unrealizedPct = -5;
    assertThat(held(s, Rule.UNREALIZED_LOSS)).isTrue();
    s.unrealizedPct = -4.999;
    assertThat(held(s, Rule.UNREALIZED_LOSS)).isFalse();
    s.unrealizedPct = Double.NaN;
    assertThat(held(s, Rule.UNREALIZED_LOSS)).isFalse();
  }

  @Test
  void levelNeedsThreeConditionsByDefault() {
    Signals s = calm();
    s.confirmation = RegimeVerdict.TREND;
    s.close = 2300;
    Evaluation e = TriggerFixtures.run(s);
    assertThat(e.count[ExitState.LATEST_ACCEPTABLE_EXIT.ordinal()]).isEqualTo(2);
    LatestAcceptableExitTrigger byDefault = new LatestAcceptableExitTrigger(ExitConfig.defaults());
    e.reset();
    assertThat(byDefault.evaluate(s, e)).isFalse();
    e.reset();
    assertThat(new LatestAcceptableExitTrigger(Fixtures.FAST).evaluate(s, e)).isTrue();
    s.verdict = RegimeVerdict.TREND;
    s.effectiveConfidence = 0.8;
    e.reset();
    assertThat(byDefault.evaluate(s, e)).isTrue();
  }

  @Test
  void confirmationTrendNeedsAView() {
    Signals s = calm();
    s.confirmation = null;
    assertThat(held(s, Rule.CONFIRMATION_TREND)).isFalse();
  }

  @Test
  void trendConfidenceThresholdIsConfigurable() {
    Signals s = calm();
    s.verdict = RegimeVerdict.TREND;
    s.effectiveConfidence = 0.5;
    ExitConfig c = new ExitConfig.Builder().trendMinConfidence(0.5).build();
    Evaluation e = new Evaluation();
    e.reset();
    new LatestAcceptableExitTrigger(c).evaluate(s, e);
    assertThat(e.held[Rule.REGIME_TREND.ordinal()]).isTrue();
  }

  @Test
  void listsItsConditionsAtItsLevel() {
    assertThat(LatestAcceptableExitTrigger.RULES)
        .hasSize(5)
        .allMatch(r -> r.level == ExitState.LATEST_ACCEPTABLE_EXIT);
  }

  private static Evaluation latest(ExitConfig c, Signals s) {
    Evaluation e = new Evaluation();
    e.reset();
    e.signalled =
        new LatestAcceptableExitTrigger(c).evaluate(s, e)
            ? ExitState.LATEST_ACCEPTABLE_EXIT
            : ExitState.NORMAL;
    return e;
  }

  @Test
  void aboveGridSustainedFiresAloneOnceTheHoursAreReached() {
    ExitConfig c =
        new ExitConfig.Builder().aboveGridSustainedHours(6).aboveGridSustainedPct(1).build();
    Signals s = calm();
    s.close = 2250;
    s.hoursAbove = 5;
    Evaluation e = latest(c, s);
    assertThat(e.held[Rule.ABOVE_GRID_SUSTAINED.ordinal()]).isFalse();
    assertThat(e.sustained).isFalse();
    assertThat(e.signalled).isEqualTo(ExitState.NORMAL);
    s.hoursAbove = 6;
    e = latest(c, s);
    assertThat(e.held[Rule.ABOVE_GRID_SUSTAINED.ordinal()]).isTrue();
    assertThat(e.sustained).isTrue();
    // alone: one condition of five, below the three-of-four consensus, still fires the level
    assertThat(e.signalled).isEqualTo(ExitState.LATEST_ACCEPTABLE_EXIT);
    assertThat(e.value[Rule.ABOVE_GRID_SUSTAINED.ordinal()]).isEqualTo(6.0);
    assertThat(e.threshold[Rule.ABOVE_GRID_SUSTAINED.ordinal()]).isEqualTo(6.0);
  }

  @Test
  void aboveGridSustainedDoesNotCountTowardsTheConsensus() {
    ExitConfig c = new ExitConfig.Builder().aboveGridSustainedHours(6).build();
    Signals s = calm();
    s.verdict = RegimeVerdict.TREND;
    s.effectiveConfidence = 0.9;
    s.confirmation = RegimeVerdict.TREND;
    s.hoursAbove = 3;
    // two of the four consensus conditions: not enough, and the sustained rule does not hold yet
    assertThat(latest(c, s).signalled).isEqualTo(ExitState.NORMAL);
  }

  @Test
  void aboveGridSustainedIsOffWithZeroHours() {
    ExitConfig off = new ExitConfig.Builder().aboveGridSustainedHours(0).build();
    Signals s = calm();
    s.close = 2500;
    s.hoursAbove = 500;
    Evaluation e = latest(off, s);
    assertThat(e.held[Rule.ABOVE_GRID_SUSTAINED.ordinal()]).isFalse();
    assertThat(e.signalled).isEqualTo(ExitState.NORMAL);
  }
}
