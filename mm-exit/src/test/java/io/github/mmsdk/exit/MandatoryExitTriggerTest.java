package io.github.mmsdk.exit;

import static io.github.mmsdk.exit.TriggerFixtures.calm;
import static io.github.mmsdk.exit.TriggerFixtures.held;
import static io.github.mmsdk.exit.TriggerFixtures.trend;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.api.regime.RegimeVerdict;
import org.junit.jupiter.api.Test;

class MandatoryExitTriggerTest {

  @Test
  void hardBreakoutBoundaryInAtr() {
    Signals s = trend(calm());
    s.close = 2240; // 40 / 20 = 2 ATR above
    assertThat(held(s, Rule.HARD_BREAKOUT)).isTrue();
    s.close = 2239.9;
    assertThat(held(s, Rule.HARD_BREAKOUT)).isFalse();
    s.close = 1760;
    assertThat(held(s, Rule.HARD_BREAKOUT)).isTrue();
    assertThat(TriggerFixtures.run(s).hard).isTrue();
  }

  @Test
  void hardBreakoutNeedsConfirmedTrend() {
    Signals s = calm();
    s.close = 2400;
    s.verdict = RegimeVerdict.TREND;
    s.confirmation = RegimeVerdict.TRANSITION;
    assertThat(held(s, Rule.HARD_BREAKOUT)).isFalse();
    s.verdict = RegimeVerdict.TRANSITION;
    s.confirmation = RegimeVerdict.TREND;
    assertThat(held(s, Rule.HARD_BREAKOUT)).isFalse();
    s.confirmation = null;
    s.verdict = RegimeVerdict.TREND;
    assertThat(held(s, Rule.HARD_BREAKOUT)).isFalse();
  }

  @Test
  void stopLossDistanceBoundary() {
    Signals s = calm();
    s.atr = 5; // 2 ATR = 0.5 % of the close: the 1 % buffer is the wider one
    s.stopDistancePct = 1.0;
    assertThat(held(s, Rule.STOP_LOSS_NEAR)).isTrue();
    s.stopDistancePct = 1.001;
    assertThat(held(s, Rule.STOP_LOSS_NEAR)).isFalse();
    s.stopDistancePct = -3;
    assertThat(held(s, Rule.STOP_LOSS_NEAR)).isTrue();
    s.stopDistancePct = Double.NaN;
    assertThat(held(s, Rule.STOP_LOSS_NEAR)).isFalse();
  }

  @Test
  void stopLossBufferWidensWithVolatility() {
    Signals s = calm(); // ATR 20 on a close of 2000: 2 ATR = 2 %
    s.stopDistancePct = 2.0;
    assertThat(held(s, Rule.STOP_LOSS_NEAR)).isTrue();
    s.stopDistancePct = 2.01;
    assertThat(held(s, Rule.STOP_LOSS_NEAR)).isFalse();
    s.atr = Double.NaN; // no ATR yet: the fixed 1 % alone
    s.stopDistancePct = 1.5;
    assertThat(held(s, Rule.STOP_LOSS_NEAR)).isFalse();
  }

  @Test
  void aCloseBelowTheGridIsAHardExitFromHalfAPercent() {
    Signals s = calm(); // lower bound 1800
    s.close = 1791; // exactly 0.5 % below
    Evaluation e = TriggerFixtures.run(s);
    assertThat(e.held[Rule.BELOW_GRID.ordinal()]).isTrue();
    assertThat(e.hard).isTrue();
    s.close = 1791.5;
    assertThat(held(s, Rule.BELOW_GRID)).isFalse();
    s.close = 2300; // above the grid is the breakout rules' business
    assertThat(held(s, Rule.BELOW_GRID)).isFalse();
    ExitConfig off = new ExitConfig.Builder().belowGridPct(100).build();
    s.close = 1700;
    Evaluation e2 = new Evaluation();
    e2.reset();
    new MandatoryExitTrigger(off).evaluate(s, e2);
    assertThat(e2.held[Rule.BELOW_GRID.ordinal()]).isFalse();
  }

  @Test
  void lossLimitBoundaryIsNotHard() {
    Signals s = calm();
    s.unrealizedPct = -10;
    Evaluation e = TriggerFixtures.run(s);
    assertThat(e.held[Rule.LOSS_LIMIT.ordinal()]).isTrue();
    assertThat(e.hard).isFalse();
    assertThat(e.signalled).isEqualTo(ExitState.NORMAL); // signalled is set by the session
    s.unrealizedPct = -9.99;
    assertThat(held(s, Rule.LOSS_LIMIT)).isFalse();
  }

  @Test
  void hardBreakoutBelowTheLowerBoundBoundary() {
    Signals s = trend(calm());
    s.close = 1760; // 40 / 20 = 2 ATR below
    assertThat(held(s, Rule.HARD_BREAKOUT)).isTrue();
    s.close = 1760.1;
    assertThat(held(s, Rule.HARD_BREAKOUT)).isFalse();
  }

  @Test
  void hardBreakoutNeedsAnAtr() {
    Signals s = trend(calm());
    s.close = 2500;
    s.atr = Double.NaN;
    assertThat(held(s, Rule.HARD_BREAKOUT)).isFalse();
    s.atr = 0;
    assertThat(held(s, Rule.HARD_BREAKOUT)).isFalse();
  }

  @Test
  void anyOneConditionFiresTheLevel() {
    Signals s = calm();
    s.unrealizedPct = -12;
    Evaluation e = new Evaluation();
    e.reset();
    assertThat(new MandatoryExitTrigger(ExitConfig.defaults()).evaluate(s, e)).isTrue();
    s.unrealizedPct = 0;
    e.reset();
    assertThat(new MandatoryExitTrigger(ExitConfig.defaults()).evaluate(s, e)).isFalse();
  }

  @Test
  void thresholdsAreConfigurable() {
    Signals s = trend(calm());
    s.close = 2230; // 1.5 ATR above
    ExitConfig c = new ExitConfig.Builder().hardBreakoutAtr(1.5).build();
    Evaluation e = new Evaluation();
    e.reset();
    assertThat(new MandatoryExitTrigger(c).evaluate(s, e)).isTrue();
    assertThat(e.hard).isTrue();
  }

  @Test
  void listsItsConditionsAtItsLevel() {
    assertThat(MandatoryExitTrigger.RULES)
        .hasSize(4)
        .allMatch(r -> r.level == ExitState.MANDATORY_EXIT);
    assertThat(Rule.HARD_BREAKOUT.hard).isTrue();
    assertThat(Rule.STOP_LOSS_NEAR.hard).isTrue();
    assertThat(Rule.BELOW_GRID.hard).isTrue();
  }
}
