package io.github.mmsdk.regime;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.regime.internal.RegimeValue;
import java.time.Duration;
import org.immutables.value.Value;

/**
 * Every window and threshold of the regime engine, immutable, with documented defaults ({@code new
 * RegimeConfig.Builder().build()} or {@link #defaults()}). Keys in exceptions use the snake-case
 * names under {@code regime.} that a YAML file would use.
 *
 * <p><b>Votes.</b> Each available metric votes RANGE, NEUTRAL or TREND against a pair of
 * thresholds. <b>Verdict per timeframe</b> from the vote counts over the {@code a} available
 * metrics: TREND when trend votes are at least {@link #trendVoteShare()}·a and outnumber range
 * votes; RANGE_OK when range votes are at least {@link #rangeOkVoteShare()}·a and at most {@link
 * #rangeOkMaxTrendVotes()} trend votes; RANGE_WEAK when range votes outnumber trend votes;
 * otherwise TRANSITION. <b>4h confirmation</b> (see {@link RegimeClassifier#combine}) can only make
 * the 1h verdict more cautious, except that a 1h TRANSITION confirmed by a 4h TREND is TREND.
 *
 * <p>The threshold defaults were chosen on the shared KuCoin data up to 2025-10-31 and checked out
 * of sample from 2025-11-01 (docs/regime.md).
 */
@RegimeValue
@Value.Immutable
public abstract class RegimeConfig {

  RegimeConfig() {}

  /** {@return the default configuration} */
  public static RegimeConfig defaults() {
    return Defaults.VALUE;
  }

  /** Lazy holder: a static field of the subclass type here could deadlock class initialisation. */
  private static final class Defaults {
    static final RegimeConfig VALUE = new Builder().build();
  }

  // ---- windows -------------------------------------------------------------------------------

  /** {@return the ADX window; default 14} */
  @Value.Default
  public int adxPeriod() {
    return Adx.DEFAULT_PERIOD;
  }

  /** {@return the efficiency-ratio window; default 20} */
  @Value.Default
  public int efficiencyRatioPeriod() {
    return EfficiencyRatio.DEFAULT_PERIOD;
  }

  /** {@return the autocorrelation window in returns; default 48} */
  @Value.Default
  public int autocorrelationPeriod() {
    return Autocorrelation.DEFAULT_PERIOD;
  }

  /** {@return the OU half-life window in pairs; default 100} */
  @Value.Default
  public int ouHalfLifePeriod() {
    return OuHalfLife.DEFAULT_PERIOD;
  }

  /** {@return the linear-regression window of the normalized slope; default 20} */
  @Value.Default
  public int slopePeriod() {
    return LinearRegressionSlope.DEFAULT_PERIOD;
  }

  /** {@return the ATR window of the normalized slope and the volatility gate; default 14} */
  @Value.Default
  public int atrPeriod() {
    return AverageTrueRange.DEFAULT_PERIOD;
  }

  /** {@return the Bollinger window; default 20} */
  @Value.Default
  public int bollingerPeriod() {
    return BollingerBandwidth.DEFAULT_PERIOD;
  }

  /** {@return the Bollinger band distance in standard deviations; default 2} */
  @Value.Default
  public double bollingerDeviations() {
    return BollingerBandwidth.DEFAULT_DEVIATIONS;
  }

  /**
   * {@return how many bars back the bandwidth vote compares with (expansion ratio {@code bw_t /
   * bw_{t−k}}); default 12}
   */
  @Value.Default
  public int bandwidthLookback() {
    return 12;
  }

  // ---- vote thresholds -------------------------------------------------------------------------

  /** {@return ADX above this votes TREND; default 25} */
  @Value.Default
  public double adxTrend() {
    return 25;
  }

  /** {@return ADX below this votes RANGE; default 20} */
  @Value.Default
  public double adxRange() {
    return 20;
  }

  /** {@return efficiency ratio at or above this votes TREND; default 0.65} */
  @Value.Default
  public double efficiencyRatioTrend() {
    return 0.65;
  }

  /** {@return efficiency ratio at or below this votes RANGE; default 0.45} */
  @Value.Default
  public double efficiencyRatioRange() {
    return 0.45;
  }

  /** {@return autocorrelation at or above this votes TREND (persistent); default 0.10} */
  @Value.Default
  public double autocorrelationTrend() {
    return 0.10;
  }

  /** {@return autocorrelation at or below this votes RANGE (mean-reverting); default −0.05} */
  @Value.Default
  public double autocorrelationRange() {
    return -0.05;
  }

  /** {@return OU half-life at or below this many bars votes RANGE; default 24} */
  @Value.Default
  public double halfLifeRange() {
    return 24;
  }

  /** {@return OU half-life at or above this many bars (or +∞) votes TREND; default 72} */
  @Value.Default
  public double halfLifeTrend() {
    return 72;
  }

  /** {@return |normalized slope| at or above this many ATRs per bar votes TREND; default 0.25} */
  @Value.Default
  public double slopeTrend() {
    return 0.25;
  }

  /** {@return |normalized slope| at or below this votes RANGE; default 0.25 / 3 ≈ 0.083} */
  @Value.Default
  public double slopeRange() {
    return 0.25 / 3;
  }

  /** {@return bandwidth expansion ratio at or above this votes TREND (breakout); default 2.2} */
  @Value.Default
  public double bandwidthExpansionTrend() {
    return 2.2;
  }

  /** {@return bandwidth expansion ratio at or below this votes RANGE (stable); default 1.24} */
  @Value.Default
  public double bandwidthExpansionRange() {
    return 1 + (2.2 - 1) / 5;
  }

  // ---- verdict ---------------------------------------------------------------------------------

  /** {@return the share of available metrics that must vote TREND for a TREND verdict; 0.5} */
  @Value.Default
  public double trendVoteShare() {
    return 0.5;
  }

  /** {@return the share of available metrics that must vote RANGE for RANGE_OK; default 0.5} */
  @Value.Default
  public double rangeOkVoteShare() {
    return 0.5;
  }

  /** {@return the most TREND votes a RANGE_OK verdict tolerates; default 0} */
  @Value.Default
  public int rangeOkMaxTrendVotes() {
    return 0;
  }

  /** {@return the fewest available metrics (of six) to classify at all; default 4} */
  @Value.Default
  public int minMetrics() {
    return 4;
  }

  // ---- confidence (seed 001 Req 3) -------------------------------------------------------------

  /** {@return the cap of the confidence; default 0.95} */
  @Value.Default
  public double confidenceCap() {
    return 0.95;
  }

  /** {@return the window in which a regime change costs confidence; default 36 h} */
  @Value.Default
  public Duration recentChangeWindow() {
    return Duration.ofHours(36);
  }

  /** {@return the penalty for a regime change inside the window; default 0.15} */
  @Value.Default
  public double recentChangePenalty() {
    return 0.15;
  }

  /**
   * {@return how close to a grid bound, as a fraction of the grid's width, counts as near; default
   * 0.15}
   */
  @Value.Default
  public double nearBoundsFraction() {
    return 0.15;
  }

  /** {@return the penalty for a price near a grid bound; default 0.10} */
  @Value.Default
  public double nearBoundsPenalty() {
    return 0.10;
  }

  /** {@return the penalty for a price outside the grid; default 0.20} */
  @Value.Default
  public double outsideGridPenalty() {
    return 0.20;
  }

  /** {@return how long a grid runs before it is mature; default 48 h} */
  @Value.Default
  public Duration gridMaturity() {
    return Duration.ofHours(48);
  }

  /** {@return the penalty for an immature (or not running) grid; default 0.10} */
  @Value.Default
  public double gridMaturityPenalty() {
    return 0.10;
  }

  /** {@return grid spacing below this many 1h ATRs is too tight; default 0.5} */
  @Value.Default
  public double spacingMinAtr() {
    return 0.5;
  }

  /** {@return grid spacing above this many 1h ATRs is too wide; default 4} */
  @Value.Default
  public double spacingMaxAtr() {
    return 4;
  }

  /** {@return the penalty for spacing out of line with volatility; default 0.10} */
  @Value.Default
  public double spacingPenalty() {
    return 0.10;
  }

  /** {@return the penalty when the 4h view disagrees with the 1h verdict; default 0.10} */
  @Value.Default
  public double confirmationDisagreementPenalty() {
    return 0.10;
  }

  /** {@return the penalty when the 4h view cannot be computed; default 0.10} */
  @Value.Default
  public double confirmationMissingPenalty() {
    return 0.10;
  }

  /** {@return the penalty per unavailable 1h metric; default 0.05} */
  @Value.Default
  public double missingMetricPenalty() {
    return 0.05;
  }

  // ---- restart gates (seed 001 Req 17) ---------------------------------------------------------

  /** {@return gate 1 passes when ADX is below this; default 25} */
  @Value.Default
  public double gateAdxMax() {
    return 25;
  }

  /** {@return gate 1 passes when |normalized slope| is below this; default 0.10} */
  @Value.Default
  public double gateSlopeMax() {
    return 0.10;
  }

  /** {@return gate 2 passes when the autocorrelation is at most this; default 0.0} */
  @Value.Default
  public double gateAutocorrelationMax() {
    return 0.0;
  }

  /** {@return gate 2 passes when the OU half-life is at most this many bars; default 48} */
  @Value.Default
  public double gateHalfLifeMax() {
    return 48;
  }

  /** {@return gate 3: the 1h ATR must be at least this percent of price (pays fees); 0.3} */
  @Value.Default
  public double gateAtrPercentMin() {
    return 0.3;
  }

  /** {@return gate 3: the 1h ATR must be at most this percent of price; default 2.5} */
  @Value.Default
  public double gateAtrPercentMax() {
    return 2.5;
  }

  /** {@return gate 3: the Bollinger bandwidth must be at most this; default 0.12} */
  @Value.Default
  public double gateBandwidthMax() {
    return 0.12;
  }

  // ---- data ------------------------------------------------------------------------------------

  /** {@return how gaps in time are handled; default {@link GapPolicy#FORWARD_FILL}} */
  @Value.Default
  public GapPolicy gapPolicy() {
    return GapPolicy.FORWARD_FILL;
  }

  /** {@return the longest gap, in bars, that forward fill bridges; default 6} */
  @Value.Default
  public int maxForwardFill() {
    return 6;
  }

  /**
   * {@return how many of the latest 1h candles {@link DefaultRegimeEngine} replays per evaluation;
   * default 1000 (ADX and ATR are stable after about 170, the 4h OU window needs 404)}
   */
  @Value.Default
  public int primaryLookback() {
    return 1000;
  }

  /** {@return how many of the latest supplied 4h candles the engine replays; default 250} */
  @Value.Default
  public int confirmationLookback() {
    return 250;
  }

  @Value.Check
  void check() {
    positive("adx_period", adxPeriod(), 2);
    positive("efficiency_ratio_period", efficiencyRatioPeriod(), 1);
    positive("autocorrelation_period", autocorrelationPeriod(), 3);
    positive("ou_half_life_period", ouHalfLifePeriod(), 3);
    positive("slope_period", slopePeriod(), 2);
    positive("atr_period", atrPeriod(), 2);
    positive("bollinger_period", bollingerPeriod(), 2);
    positive("bandwidth_lookback", bandwidthLookback(), 1);
    positive("max_forward_fill", maxForwardFill(), 0);
    positive("primary_lookback", primaryLookback(), 1);
    positive("confirmation_lookback", confirmationLookback(), 1);
    positive("range_ok_max_trend_votes", rangeOkMaxTrendVotes(), 0);
    if (minMetrics() < 1 || minMetrics() > 6) {
      throw new InvalidConfigurationException(
          "regime.min_metrics", "must be in [1, 6], was " + minMetrics());
    }
    if (!(bollingerDeviations() > 0) || Double.isInfinite(bollingerDeviations())) {
      throw new InvalidConfigurationException(
          "regime.bollinger_deviations", "must be finite and > 0, was " + bollingerDeviations());
    }
    ordered("adx", adxRange(), adxTrend());
    ordered("efficiency_ratio", efficiencyRatioRange(), efficiencyRatioTrend());
    ordered("autocorrelation", autocorrelationRange(), autocorrelationTrend());
    ordered("half_life", halfLifeRange(), halfLifeTrend());
    ordered("slope", slopeRange(), slopeTrend());
    ordered("bandwidth_expansion", bandwidthExpansionRange(), bandwidthExpansionTrend());
    share("trend_vote_share", trendVoteShare());
    share("range_ok_vote_share", rangeOkVoteShare());
    share("confidence_cap", confidenceCap());
    share("recent_change_penalty", recentChangePenalty());
    share("near_bounds_fraction", nearBoundsFraction());
    share("near_bounds_penalty", nearBoundsPenalty());
    share("outside_grid_penalty", outsideGridPenalty());
    share("grid_maturity_penalty", gridMaturityPenalty());
    share("spacing_penalty", spacingPenalty());
    share("confirmation_disagreement_penalty", confirmationDisagreementPenalty());
    share("confirmation_missing_penalty", confirmationMissingPenalty());
    share("missing_metric_penalty", missingMetricPenalty());
    if (confidenceCap() > 0.95) {
      throw new InvalidConfigurationException(
          "regime.confidence_cap", "must be at most 0.95, was " + confidenceCap());
    }
    ordered("spacing_atr", spacingMinAtr(), spacingMaxAtr());
    ordered("gate_atr_percent", gateAtrPercentMin(), gateAtrPercentMax());
    if (recentChangeWindow().isNegative() || gridMaturity().isNegative()) {
      throw new InvalidConfigurationException(
          "regime.recent_change_window", "durations must not be negative");
    }
  }

  private static void positive(String key, int value, int min) {
    if (value < min) {
      throw new InvalidConfigurationException(
          "regime." + key, "must be >= " + min + ", was " + value);
    }
  }

  private static void ordered(String key, double low, double high) {
    if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
      throw new InvalidConfigurationException(
          "regime." + key,
          "range threshold " + low + " must be finite and not above trend threshold " + high);
    }
  }

  private static void share(String key, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new InvalidConfigurationException("regime." + key, "must be in [0, 1], was " + value);
    }
  }

  /** Builds a {@link RegimeConfig}; unset values take their documented defaults. */
  public static final class Builder extends ImmutableRegimeConfig.Builder {
    /** Creates a builder with every value at its default. */
    public Builder() {}
  }
}
