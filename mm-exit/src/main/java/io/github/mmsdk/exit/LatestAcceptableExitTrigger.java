package io.github.mmsdk.exit;

import io.github.mmsdk.api.regime.RegimeVerdict;
import java.util.List;

/**
 * LATEST_ACCEPTABLE_EXIT: the range is over, exit within {@link ExitConfig#exitWithin()} (12 h) and
 * by the deadline {@link ExitConfig#deadlineAfter()} (24 h). The level fires when at least {@link
 * ExitConfig#latestMinConditions()} (3) of these hold:
 *
 * <ul>
 *   <li>{@code regime_trend}: the 1h verdict is TREND with an effective confidence (confidence ×
 *       available metrics / 6) &ge; {@link ExitConfig#trendMinConfidence()} (0.6);
 *   <li>{@code confirmation_trend}: the 4h verdict is TREND;
 *   <li>{@code price_outside_grid}: the close lies beyond a grid bound by &ge; {@link
 *       ExitConfig#outsideGridAtr()} (0.5) ATR;
 *   <li>{@code unrealized_loss}: the simulated position's unrealized loss is &ge; {@link
 *       ExitConfig#unrealizedLossPct()} (5 %) of the allocation.
 * </ul>
 *
 * <p>It also fires, alone and without waiting for {@link ExitConfig#escalationPersistence()}
 * evaluations, on {@code above_grid_sustained}: the last {@link
 * ExitConfig#aboveGridSustainedHours()} closes of the running grid all lay above its upper bound by
 * more than {@link ExitConfig#aboveGridSustainedPct()} (0 hours disables it). Above its band a LONG
 * spot grid has sold all its coins and holds only quote: it loses nothing but earns nothing until
 * the price comes back, so the trader's action is to exit and re-centre.
 */
final class LatestAcceptableExitTrigger {

  /** The conditions of this level, in evaluation order. */
  static final List<Rule> RULES =
      List.of(
          Rule.REGIME_TREND,
          Rule.CONFIRMATION_TREND,
          Rule.PRICE_OUTSIDE_GRID,
          Rule.UNREALIZED_LOSS,
          Rule.ABOVE_GRID_SUSTAINED);

  private final ExitConfig config;

  LatestAcceptableExitTrigger(ExitConfig config) {
    this.config = config;
  }

  /**
   * Evaluates every LATEST_ACCEPTABLE_EXIT condition into {@code e}.
   *
   * @return whether the level fired
   */
  boolean evaluate(Signals s, Evaluation e) {
    double t = config.trendMinConfidence();
    e.record(
        Rule.REGIME_TREND,
        s.effectiveConfidence,
        t,
        s.verdict == RegimeVerdict.TREND && s.effectiveConfidence >= t);
    double v = s.confirmation == null ? Double.NaN : s.confirmation.ordinal();
    e.record(
        Rule.CONFIRMATION_TREND,
        v,
        RegimeVerdict.TREND.ordinal(),
        s.confirmation == RegimeVerdict.TREND);
    t = config.outsideGridAtr();
    double beyond = beyondAtr(s);
    e.record(Rule.PRICE_OUTSIDE_GRID, beyond, t, beyond >= t);
    t = config.unrealizedLossPct();
    double loss = -s.unrealizedPct;
    e.record(Rule.UNREALIZED_LOSS, loss, t, loss >= t);
    boolean consensus = e.count[Rule.REGIME_TREND.level.ordinal()] >= config.latestMinConditions();
    int hours = config.aboveGridSustainedHours();
    e.sustained =
        e.record(
            Rule.ABOVE_GRID_SUSTAINED, s.hoursAbove, hours, hours > 0 && s.hoursAbove >= hours);
    return consensus || e.sustained;
  }

  /** How far the close lies beyond the nearer bound, in ATR (negative inside the grid). */
  static double beyondAtr(Signals s) {
    if (!(s.atr > 0)) {
      return Double.NaN;
    }
    return Math.max(s.close - s.upper, s.lower - s.close) / s.atr;
  }
}
