package io.github.mmsdk.exit;

import java.util.List;

/**
 * WARNING: independent signs that the range is ending. The level fires when at least {@link
 * ExitConfig#minConditions()} (2) of these hold together (multi-metric consensus):
 *
 * <ul>
 *   <li>{@code adx_above}: 1h ADX &gt; {@link ExitConfig#adxAbove()} (25);
 *   <li>{@code efficiency_ratio_above}: efficiency ratio &gt; {@link
 *       ExitConfig#efficiencyRatioAbove()} (0.4);
 *   <li>{@code normalized_slope_above}: |normalized slope| &gt; {@link
 *       ExitConfig#normalizedSlopeAbove()} (0.1 ATR per bar);
 *   <li>{@code autocorrelation_above}: lag-1 autocorrelation &gt; {@link
 *       ExitConfig#autocorrelationAbove()} (0.05);
 *   <li>{@code ou_half_life_above}: OU half-life &gt; {@link ExitConfig#halfLifeAbove()} (72 bars;
 *       +∞, no reversion, holds);
 *   <li>{@code bollinger_bandwidth_above}: bandwidth &gt; {@link ExitConfig#bandwidthAbove()}
 *       (0.04);
 *   <li>{@code price_near_bound}: distance of the close to the nearer grid bound, in grid widths,
 *       &lt; {@link ExitConfig#nearBoundFraction()} (0.1; negative outside the grid);
 *   <li>{@code confirmation_not_range}: the 4h verdict is TRANSITION or TREND.
 * </ul>
 *
 * <p>An unavailable metric neither holds nor counts as failing: it is named in the assessment.
 */
final class WarningTrigger {

  /** The conditions of this level, in evaluation order. */
  static final List<Rule> RULES =
      List.of(
          Rule.ADX_ABOVE,
          Rule.EFFICIENCY_RATIO_ABOVE,
          Rule.NORMALIZED_SLOPE_ABOVE,
          Rule.AUTOCORRELATION_ABOVE,
          Rule.OU_HALF_LIFE_ABOVE,
          Rule.BOLLINGER_BANDWIDTH_ABOVE,
          Rule.PRICE_NEAR_BOUND,
          Rule.CONFIRMATION_NOT_RANGE);

  private final ExitConfig config;

  WarningTrigger(ExitConfig config) {
    this.config = config;
  }

  /**
   * Evaluates every WARNING condition into {@code e}.
   *
   * @return whether the level fired (at least {@code minConditions} held)
   */
  boolean evaluate(Signals s, Evaluation e) {
    double t = config.adxAbove();
    e.record(Rule.ADX_ABOVE, s.adx, t, s.adx > t);
    t = config.efficiencyRatioAbove();
    e.record(Rule.EFFICIENCY_RATIO_ABOVE, s.efficiencyRatio, t, s.efficiencyRatio > t);
    t = config.normalizedSlopeAbove();
    double slope = Math.abs(s.normalizedSlope);
    e.record(Rule.NORMALIZED_SLOPE_ABOVE, slope, t, slope > t);
    t = config.autocorrelationAbove();
    e.record(Rule.AUTOCORRELATION_ABOVE, s.autocorrelation, t, s.autocorrelation > t);
    t = config.halfLifeAbove();
    e.record(Rule.OU_HALF_LIFE_ABOVE, s.halfLife, t, s.halfLife > t);
    t = config.bandwidthAbove();
    e.record(Rule.BOLLINGER_BANDWIDTH_ABOVE, s.bandwidth, t, s.bandwidth > t);
    t = config.nearBoundFraction();
    double d = boundDistance(s);
    e.record(Rule.PRICE_NEAR_BOUND, d, t, d < t);
    double v = s.confirmation == null ? Double.NaN : s.confirmation.ordinal();
    e.record(
        Rule.CONFIRMATION_NOT_RANGE,
        v,
        Double.NaN,
        s.confirmation != null && !s.confirmation.isRange());
    return e.warningCount() >= config.minConditions();
  }

  /** Distance of the close to the nearer bound in grid widths; negative outside the grid. */
  static double boundDistance(Signals s) {
    double width = s.upper - s.lower;
    return Math.min(s.close - s.lower, s.upper - s.close) / width;
  }
}
