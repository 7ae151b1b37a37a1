package io.github.mmsdk.regime;

import io.github.mmsdk.api.CandleSeries;

/**
 * The least-squares slope of the last {@code n} closes against time, as TA-Lib's {@code
 * LINEARREG_SLOPE}.
 *
 * <p><b>Definition.</b> With {@code x} the bar number in the window, the OLS slope {@code (n·Σxy −
 * Σx·Σy) / (n·Σx² − (Σx)²)} of close on {@code x}, in price units per bar. TA-Lib recomputes the
 * sums for every window (O(n)); here {@code Σy} and {@code Σxy} roll in O(1) on closes taken
 * relative to a reference price, and are recomputed exactly from the ring buffer once per window,
 * which keeps the result within 1e-9 relative of TA-Lib's. <b>Window</b> {@code n} = 20 by default.
 * <b>Warm-up:</b> first value at index {@code n − 1} (19). <b>Range:</b> any real; scales with
 * price (see {@link NormalizedSlope} for the scale-free form). Always available after the warm-up
 * (0 for a constant series).
 */
public final class LinearRegressionSlope implements StreamingMetric {

  /** The default window. */
  public static final int DEFAULT_PERIOD = 20;

  private final int n;
  private final Ring ring;
  private final double sumX;
  private final double divisor;
  private long count;
  private double ref;
  private double sumY;
  private double sumXy;
  private double slope;
  private boolean available;
  private boolean dirty;

  /** Creates the metric with the default window (20). */
  public LinearRegressionSlope() {
    this(DEFAULT_PERIOD);
  }

  /**
   * Creates the metric.
   *
   * @param period the window, at least 2
   * @throws io.github.mmsdk.api.InvalidConfigurationException when {@code period < 2}
   */
  public LinearRegressionSlope(int period) {
    this.n = Inputs.period("regime.slope.period", period, 2);
    this.ring = new Ring(n);
    this.sumX = n * (n - 1) * 0.5;
    double sumXSqr = n * (n - 1) * (2.0 * n - 1) / 6;
    this.divisor = sumX * sumX - n * sumXSqr;
  }

  /** {@return the window} */
  public int period() {
    return n;
  }

  @Override
  public void update(double high, double low, double close) {
    Inputs.check(count, high, low, close);
    accept(close);
  }

  /** Feeds a close that was already validated. */
  void accept(double close) {
    count++;
    double out = ring.push(close);
    if (count < n) {
      return;
    }
    if (count == n || ring.wrapped()) {
      recompute();
    } else {
      double yOut = out - ref;
      sumXy = sumXy + sumY - n * yOut;
      sumY = sumY - yOut + (close - ref);
    }
    available = true;
    dirty = true;
  }

  private double slope() {
    if (dirty) {
      dirty = false;
      // x is the lag (0 = newest), as in TA-Lib: the divisor is negative, the sign comes out right
      slope = (n * sumXy - sumX * sumY) / divisor;
    }
    return slope;
  }

  private void recompute() {
    // ring.pos points at the oldest value now; the newest is just before it.
    double[] a = ring.a;
    int k = ring.pos == 0 ? n - 1 : ring.pos - 1;
    ref = a[k];
    double sy = 0;
    double sxy = 0;
    for (int lag = 0; lag < n; lag++) {
      double y = a[k] - ref;
      sy += y;
      sxy += lag * y;
      k = k == 0 ? n - 1 : k - 1;
    }
    sumY = sy;
    sumXy = sxy;
  }

  @Override
  public boolean isAvailable() {
    return available;
  }

  @Override
  public double valueOr(double fallback) {
    return available ? slope() : fallback;
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public int firstOutputIndex() {
    return n - 1;
  }

  @Override
  public void reset() {
    ring.clear();
    count = 0;
    ref = 0;
    sumY = 0;
    sumXy = 0;
    slope = 0;
    available = false;
    dirty = false;
  }

  /**
   * The slope over a series with the default window.
   *
   * @param series the candles
   * @return one entry per candle
   * @throws io.github.mmsdk.api.InvalidCandleException naming the first bad candle
   */
  public static MetricSeries compute(CandleSeries series) {
    return compute(series, DEFAULT_PERIOD);
  }

  /**
   * The slope over a series.
   *
   * @param series the candles
   * @param period the window, at least 2
   * @return one entry per candle
   * @throws io.github.mmsdk.api.InvalidCandleException naming the first bad candle
   */
  public static MetricSeries compute(CandleSeries series, int period) {
    LinearRegressionSlope m = new LinearRegressionSlope(period);
    int size = series.size();
    double[] out = new double[size];
    for (int i = 0; i < size; i++) {
      m.update(series.high(i), series.low(i), series.close(i));
      out[i] = m.available ? m.slope() : Double.NaN;
    }
    return new MetricSeries(out, m.firstOutputIndex());
  }

  /**
   * The slope over closes.
   *
   * @param close closes, each finite and {@code > 0}
   * @param period the window, at least 2
   * @return one entry per close
   * @throws io.github.mmsdk.api.InvalidCandleException naming the first bad close
   */
  public static MetricSeries compute(double[] close, int period) {
    double[] out = new double[close.length];
    return new MetricSeries(out, computeInto(close, period, out, Double.NaN));
  }

  /**
   * The slope over closes into a caller's array, without allocating: the batch form for hot loops.
   *
   * @param close closes, each finite and {@code > 0}
   * @param period the window, at least 2
   * @param out receives one entry per candle; at least as long as the input
   * @param fallback written where the metric is unavailable (e.g. before the warm-up)
   * @return the warm-up: the first index that can hold a value
   * @throws io.github.mmsdk.api.InvalidCandleException naming the first bad candle
   * @throws io.github.mmsdk.api.InvalidConfigurationException when {@code out} is too short
   */
  public static int computeInto(double[] close, int period, double[] out, double fallback) {
    LinearRegressionSlope m = new LinearRegressionSlope(period);
    int size = close.length;
    Inputs.checkOut(out, size);
    for (int i = 0; i < size; i++) {
      double c = close[i];
      Inputs.check(i, c, c, c);
      m.accept(c);
      out[i] = m.available ? m.slope() : fallback;
    }
    return m.firstOutputIndex();
  }
}
