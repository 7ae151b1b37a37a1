package io.github.mmsdk.exit;

import io.github.mmsdk.api.regime.RegimeVerdict;
import java.util.List;

/**
 * MANDATORY_EXIT: stop the grid now. The level fires when any of these holds; the hard ones
 * escalate straight from any state, without persistence:
 *
 * <ul>
 *   <li>{@code hard_breakout} (hard): the close lies beyond a grid bound by &ge; {@link
 *       ExitConfig#hardBreakoutAtr()} (2) ATR and the verdict is TREND on 1h and on the 4h
 *       confirmation;
 *   <li>{@code stop_loss_near} (hard): the close is within {@link ExitConfig#stopLossDistancePct()}
 *       (1 %) or {@link ExitConfig#stopLossDistanceAtr()} (2) ATR, whichever is wider, of the
 *       grid's stop-loss, or past it;
 *   <li>{@code below_grid} (hard): the close is below the grid's lower bound by at least {@link
 *       ExitConfig#belowGridPct()} (0.5 %);
 *   <li>{@code loss_limit}: the simulated position's unrealized loss is &ge; {@link
 *       ExitConfig#lossLimitPct()} (10 %) of the allocation.
 * </ul>
 *
 * <p>A LATEST_ACCEPTABLE_EXIT whose deadline passed also escalates here ({@code deadline_passed},
 * decided by the state machine).
 */
final class MandatoryExitTrigger {

  /** The conditions of this level, in evaluation order. */
  static final List<Rule> RULES =
      List.of(Rule.HARD_BREAKOUT, Rule.STOP_LOSS_NEAR, Rule.BELOW_GRID, Rule.LOSS_LIMIT);

  private final ExitConfig config;

  MandatoryExitTrigger(ExitConfig config) {
    this.config = config;
  }

  /**
   * Evaluates every MANDATORY_EXIT condition into {@code e}.
   *
   * @return whether the level fired
   */
  boolean evaluate(Signals s, Evaluation e) {
    double t = config.hardBreakoutAtr();
    double beyond = LatestAcceptableExitTrigger.beyondAtr(s);
    boolean confirmedTrend =
        s.verdict == RegimeVerdict.TREND && s.confirmation == RegimeVerdict.TREND;
    e.record(Rule.HARD_BREAKOUT, beyond, t, confirmedTrend && beyond >= t);
    t = config.stopLossDistancePct();
    if (s.atr > 0 && s.close > 0) {
      t = Math.max(t, config.stopLossDistanceAtr() * s.atr / s.close * 100.0);
    }
    e.record(Rule.STOP_LOSS_NEAR, s.stopDistancePct, t, s.stopDistancePct <= t);
    t = config.belowGridPct();
    double below = s.lower > 0 ? (s.lower - s.close) / s.lower * 100.0 : Double.NaN;
    e.record(Rule.BELOW_GRID, below, t, below >= t);
    t = config.lossLimitPct();
    double loss = -s.unrealizedPct;
    e.record(Rule.LOSS_LIMIT, loss, t, loss >= t);
    return e.count[Rule.HARD_BREAKOUT.level.ordinal()] >= 1;
  }
}
