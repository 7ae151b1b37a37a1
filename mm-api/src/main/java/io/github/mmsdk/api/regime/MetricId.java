package io.github.mmsdk.api.regime;

/** The six regime metrics. Definitions and windows: ARCHITECTURE.md §3 and mm-regime. */
public enum MetricId {
  /** Wilder's average directional index (14); above 25 trending, below 20 ranging. */
  ADX("adx"),
  /** Kaufman's efficiency ratio (20), in [0, 1]; near 1 trending. */
  EFFICIENCY_RATIO("efficiency_ratio"),
  /** Lag-1 autocorrelation of log returns (48), in [-1, 1]; below 0 mean-reverting. */
  AUTOCORRELATION("autocorrelation"),
  /** Ornstein-Uhlenbeck half-life in bars (100); short means a tradable range. */
  OU_HALF_LIFE("ou_half_life"),
  /** Linear-regression slope (20) over ATR (14): ATRs per bar. */
  NORMALIZED_SLOPE("normalized_slope"),
  /** Bollinger bandwidth (20, 2): (upper - lower) / middle. */
  BOLLINGER_BANDWIDTH("bollinger_bandwidth");

  private final String key;

  MetricId(String key) {
    this.key = key;
  }

  /** {@return the snake-case key used in records and configuration} */
  public String key() {
    return key;
  }
}
