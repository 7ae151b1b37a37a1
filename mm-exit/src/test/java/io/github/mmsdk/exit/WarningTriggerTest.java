package io.github.mmsdk.exit;

import static io.github.mmsdk.exit.TriggerFixtures.calm;
import static io.github.mmsdk.exit.TriggerFixtures.held;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.api.regime.RegimeVerdict;
import org.junit.jupiter.api.Test;

class WarningTriggerTest {

  private static final double EPS = 1e-9;

  @Test
  void calmMarketHoldsNoCondition() {
    Evaluation e = TriggerFixtures.run(calm());
    assertThat(e.total()).isZero();
    assertThat(e.signalled).isEqualTo(ExitState.NORMAL);
  }

  @Test
  void adxBoundary() {
    Signals s = calm();
    s.adx = 25;
    assertThat(held(s, Rule.ADX_ABOVE)).isFalse();
    s.adx = 25 + EPS * 1000;
    assertThat(held(s, Rule.ADX_ABOVE)).isTrue();
  }

  @Test
  void efficiencyRatioBoundary() {
    Signals s = calm();
    s.efficiencyRatio = 0.4;
    assertThat(held(s, Rule.EFFICIENCY_RATIO_ABOVE)).isFalse();
    s.efficiencyRatio = 0.4 + EPS;
    assertThat(held(s, Rule.EFFICIENCY_RATIO_ABOVE)).isTrue();
  }

  @Test
  void normalizedSlopeBoundaryOnBothSigns() {
    Signals s = calm();
    s.normalizedSlope = 0.1;
    assertThat(held(s, Rule.NORMALIZED_SLOPE_ABOVE)).isFalse();
    s.normalizedSlope = -0.1 - EPS;
    assertThat(held(s, Rule.NORMALIZED_SLOPE_ABOVE)).isTrue();
    s.normalizedSlope = 0.1 + EPS;
    assertThat(held(s, Rule.NORMALIZED_SLOPE_ABOVE)).isTrue();
  }

  @Test
  void autocorrelationBoundary() {
    Signals s = calm();
    s.autocorrelation = 0.05;
    assertThat(held(s, Rule.AUTOCORRELATION_ABOVE)).isFalse();
    s.autocorrelation = 0.05 + EPS;
    assertThat(held(s, Rule.AUTOCORRELATION_ABOVE)).isTrue();
  }

  @Test
  void halfLifeBoundaryAndInfinity() {
    Signals s = calm();
    s.halfLife = 72;
    assertThat(held(s, Rule.OU_HALF_LIFE_ABOVE)).isFalse();
    s.halfLife = 72 + EPS;
    assertThat(held(s, Rule.OU_HALF_LIFE_ABOVE)).isTrue();
    s.halfLife = Double.POSITIVE_INFINITY;
    assertThat(held(s, Rule.OU_HALF_LIFE_ABOVE)).isTrue();
  }

  @Test
  void bandwidthBoundary() {
    Signals s = calm();
    s.bandwidth = 0.04;
    assertThat(held(s, Rule.BOLLINGER_BANDWIDTH_ABOVE)).isFalse();
    s.bandwidth = 0.04 + EPS;
    assertThat(held(s, Rule.BOLLINGER_BANDWIDTH_ABOVE)).isTrue();
  }

  @Test
  void nearBoundBoundaryAtBothBounds() {
    Signals s = calm();
    s.close = 1840; // 40 / 400 = 0.1 of the width: not closer than 0.1
    assertThat(held(s, Rule.PRICE_NEAR_BOUND)).isFalse();
    s.close = 1839.99;
    assertThat(held(s, Rule.PRICE_NEAR_BOUND)).isTrue();
    s.close = 2160;
    assertThat(held(s, Rule.PRICE_NEAR_BOUND)).isFalse();
    s.close = 2160.01;
    assertThat(held(s, Rule.PRICE_NEAR_BOUND)).isTrue();
    s.close = 2500; // outside: negative distance
    assertThat(held(s, Rule.PRICE_NEAR_BOUND)).isTrue();
  }

  @Test
  void confirmationNotRange() {
    Signals s = calm();
    s.confirmation = RegimeVerdict.RANGE_WEAK;
    assertThat(held(s, Rule.CONFIRMATION_NOT_RANGE)).isFalse();
    s.confirmation = RegimeVerdict.TRANSITION;
    assertThat(held(s, Rule.CONFIRMATION_NOT_RANGE)).isTrue();
    s.confirmation = null;
    assertThat(held(s, Rule.CONFIRMATION_NOT_RANGE)).isFalse();
  }

  @Test
  void oneConditionIsNotConsensusTwoAre() {
    Signals s = calm();
    s.adx = 30;
    Evaluation one = TriggerFixtures.run(s);
    assertThat(one.warningCount()).isEqualTo(1);
    assertThat(one.signalled).isEqualTo(ExitState.NORMAL);
    s.efficiencyRatio = 0.5;
    Evaluation two = TriggerFixtures.run(s);
    assertThat(two.warningCount()).isEqualTo(2);
    assertThat(new WarningTrigger(ExitConfig.defaults()).evaluate(s, two)).isTrue();
  }

  @Test
  void consensusCountIsConfigurable() {
    Signals s = calm();
    s.adx = 30;
    s.efficiencyRatio = 0.5;
    ExitConfig three = new ExitConfig.Builder().minConditions(3).build();
    Evaluation e = new Evaluation();
    e.reset();
    assertThat(new WarningTrigger(three).evaluate(s, e)).isFalse();
    s.autocorrelation = 0.3;
    e.reset();
    assertThat(new WarningTrigger(three).evaluate(s, e)).isTrue();
  }

  @Test
  void unavailableMetricNeverHolds() {
    Signals s = calm();
    s.adx = Double.NaN;
    s.efficiencyRatio = Double.NaN;
    Evaluation e = TriggerFixtures.run(s);
    assertThat(e.held[Rule.ADX_ABOVE.ordinal()]).isFalse();
    assertThat(e.held[Rule.EFFICIENCY_RATIO_ABOVE.ordinal()]).isFalse();
    assertThat(e.warningCount()).isZero();
  }

  @Test
  void listsItsConditionsAtItsLevel() {
    assertThat(WarningTrigger.RULES).hasSize(8).allMatch(r -> r.level == ExitState.WARNING);
  }
}
