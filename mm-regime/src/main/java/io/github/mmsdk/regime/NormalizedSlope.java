package io.github.mmsdk.regime;

import io.github.mmsdk.api.CandleSeries;

/**
 * The linear-regression slope of the closes divided by the average true range: how many ATRs price
 * moves per bar.
 *
 * <p><b>Definition.</b> TA-Lib {@code LINEARREG_SLOPE(close, 20)} / TA-Lib {@code ATR(14)} of the
 * same candle (see {@link LinearRegressionSlope} and {@link AverageTrueRange}). <b>Warm-up:</b>
 * first value at index {@code max(slopePeriod − 1, atrPeriod)} (19). <b>Range:</b> any real,
 * scale-free; a large absolute value reads as a trend, near 0 as a range. <b>Unavailable</b> before
 * the warm-up and when the ATR is 0 (a constant series).
 */
public final class NormalizedSlope implements StreamingMetric {

  private final LinearRegressionSlope slope;
  private final AverageTrueRange atr;
  private long count;

  /** Creates the metric with the default windows (slope 20, ATR 14). */
  public NormalizedSlope() {
    this(LinearRegressionSlope.DEFAULT_PERIOD, AverageTrueRange.DEFAULT_PERIOD);
  }

  /**
   * Creates the metric.
   *
   * @param slopePeriod the regression window, at least 2
   * @param atrPeriod the ATR window, at least 2
   * @throws io.github.mmsdk.api.InvalidConfigurationException when a window is below 2
   */
  public NormalizedSlope(int slopePeriod, int atrPeriod) {
    this.slope = new LinearRegressionSlope(slopePeriod);
    this.atr = new AverageTrueRange(atrPeriod);
  }

  @Override
  public void update(double high, double low, double close) {
    Inputs.check(count, high, low, close);
    accept(high, low, close);
  }

  /** Feeds a validated candle. */
  void accept(double high, double low, double close) {
    count++;
    slope.accept(close);
    atr.accept(high, low, close);
  }

  /** {@return the ATR this metric divides by, available from its own warm-up} */
  public AverageTrueRange atr() {
    return atr;
  }

  /** {@return the raw slope in price units per bar} */
  public LinearRegressionSlope slope() {
    return slope;
  }

  @Override
  public boolean isAvailable() {
    return slope.isAvailable() && atr.valueOr(0) > 0;
  }

  @Override
  public double valueOr(double fallback) {
    double a = atr.valueOr(0);
    return slope.isAvailable() && a > 0 ? slope.valueOr(0) / a : fallback;
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public int firstOutputIndex() {
    return Math.max(slope.firstOutputIndex(), atr.firstOutputIndex());
  }

  @Override
  public void reset() {
    count = 0;
    slope.reset();
    atr.reset();
  }

  /**
   * The normalized slope over a series with the default windows.
   *
   * @param series the candles
   * @return one entry per candle
   * @throws io.github.mmsdk.api.InvalidCandleException naming the first bad candle
   */
  public static MetricSeries compute(CandleSeries series) {
    return compute(series, LinearRegressionSlope.DEFAULT_PERIOD, AverageTrueRange.DEFAULT_PERIOD);
  }

  /**
   * The normalized slope over a series.
   *
   * @param series the candles
   * @param slopePeriod the regression window, at least 2
   * @param atrPeriod the ATR window, at least 2
   * @return one entry per candle
   * @throws io.github.mmsdk.api.InvalidCandleException naming the first bad candle
   */
  public static MetricSeries compute(CandleSeries series, int slopePeriod, int atrPeriod) {
    return MetricSeries.run(new NormalizedSlope(slopePeriod, atrPeriod), series);
  }
}
