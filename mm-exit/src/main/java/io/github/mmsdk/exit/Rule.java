package io.github.mmsdk.exit;

import io.github.mmsdk.api.exit.ExitState;

/** Every condition the three triggers know, with its level, key and words. */
enum Rule {
  ADX_ABOVE(ExitState.WARNING, "adx_above", false, "ADX %.2f > %.2f"),
  EFFICIENCY_RATIO_ABOVE(
      ExitState.WARNING, "efficiency_ratio_above", false, "efficiency ratio %.3f > %.3f"),
  NORMALIZED_SLOPE_ABOVE(
      ExitState.WARNING, "normalized_slope_above", false, "|normalized slope| %.3f > %.3f ATR/bar"),
  AUTOCORRELATION_ABOVE(
      ExitState.WARNING, "autocorrelation_above", false, "autocorrelation %.3f > %.3f"),
  OU_HALF_LIFE_ABOVE(
      ExitState.WARNING, "ou_half_life_above", false, "OU half-life %.1f > %.1f bars"),
  BOLLINGER_BANDWIDTH_ABOVE(
      ExitState.WARNING, "bollinger_bandwidth_above", false, "Bollinger bandwidth %.4f > %.4f"),
  PRICE_NEAR_BOUND(
      ExitState.WARNING,
      "price_near_bound",
      false,
      "price %.3f of the grid width from a bound < %.3f"),
  CONFIRMATION_NOT_RANGE(
      ExitState.WARNING, "confirmation_not_range", false, "4h verdict %s is not a range"),
  REGIME_TREND(
      ExitState.LATEST_ACCEPTABLE_EXIT,
      "regime_trend",
      false,
      "1h TREND, effective confidence %.2f >= %.2f"),
  CONFIRMATION_TREND(ExitState.LATEST_ACCEPTABLE_EXIT, "confirmation_trend", false, "4h %s"),
  PRICE_OUTSIDE_GRID(
      ExitState.LATEST_ACCEPTABLE_EXIT,
      "price_outside_grid",
      false,
      "price %.2f ATR beyond a grid bound >= %.2f"),
  UNREALIZED_LOSS(
      ExitState.LATEST_ACCEPTABLE_EXIT,
      "unrealized_loss",
      false,
      "unrealized loss %.2f%% of allocation >= %.2f%%"),
  ABOVE_GRID_SUSTAINED(
      ExitState.LATEST_ACCEPTABLE_EXIT,
      "above_grid_sustained",
      false,
      "%.0f consecutive closes above the grid's upper bound by the margin >= %.0f"),
  HARD_BREAKOUT(
      ExitState.MANDATORY_EXIT,
      "hard_breakout",
      true,
      "price %.2f ATR beyond a grid bound >= %.2f with TREND confirmed on 1h and 4h"),
  STOP_LOSS_NEAR(
      ExitState.MANDATORY_EXIT,
      "stop_loss_near",
      true,
      "price %.2f%% from the stop-loss <= %.2f%% (the larger of the percent and ATR buffers)"),
  BELOW_GRID(
      ExitState.MANDATORY_EXIT,
      "below_grid",
      true,
      "close %.2f%% below the grid's lower bound >= %.2f%%"),
  LOSS_LIMIT(
      ExitState.MANDATORY_EXIT,
      "loss_limit",
      false,
      "unrealized loss %.2f%% of allocation >= %.2f%%");

  static final Rule[] ALL = values();
  static final int COUNT = ALL.length;

  final ExitState level;
  final String key;
  final boolean hard;
  private final String format;

  Rule(ExitState level, String key, boolean hard, String format) {
    this.level = level;
    this.key = key;
    this.hard = hard;
    this.format = format;
  }

  /** The condition in words; verdict conditions print the verdict whose ordinal is the value. */
  String describe(double value, double threshold) {
    if (this == CONFIRMATION_NOT_RANGE || this == CONFIRMATION_TREND) {
      return Fmt.format(format, io.github.mmsdk.api.regime.RegimeVerdict.values()[(int) value]);
    }
    return Fmt.format(format, value, threshold);
  }
}
