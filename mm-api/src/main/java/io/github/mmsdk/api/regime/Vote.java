package io.github.mmsdk.api.regime;

/** What one metric says about the regime. */
public enum Vote {
  /** The metric reads as a range. */
  RANGE,
  /** The metric is between its thresholds. */
  NEUTRAL,
  /** The metric reads as a trend. */
  TREND
}
