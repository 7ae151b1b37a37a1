package io.github.mmsdk.regime;

import io.github.mmsdk.api.CandleSeries;

/**
 * Bollinger bandwidth: the width of the bands relative to their middle, from TA-Lib's {@code
 * BBANDS(close, n, k, k, SMA)}.
 *
 * <p><b>Definition.</b> {@code middle} = simple moving average of the last {@code n} closes; {@code
 * σ} = their population standard deviation; {@code upper = middle + k·σ}, {@code lower = middle −
 * k·σ}; bandwidth = {@code (upper − lower) / middle}. The sums roll exactly as TA-Lib's do (a
 * running sum and a running sum of squares, {@code σ² = E[x²] − middle²}, and σ = 0 when that is
 * below TA-Lib's 1e-8), so the bands equal TA-Lib's bit for bit. <b>Defaults:</b> {@code n} = 20,
 * {@code k} = 2. <b>Warm-up:</b> first value at index {@code n − 1} (19). <b>Range:</b> {@code ≥
 * 0}, scale-free; low and stable reads as a range, expanding as a breakout. <b>Unavailable</b>
 * before the warm-up and when the last {@code n} closes are all equal (zero variance).
 */
public final class BollingerBandwidth implements StreamingMetric {

  /** The default window. */
  public static final int DEFAULT_PERIOD = 20;

  /** The default band width in standard deviations. */
  public static final double DEFAULT_DEVIATIONS = 2.0;

  private final int n;
  private final double k;
  private final Ring ring;
  private long count;
  private double periodTotal;
  private double periodTotal2;
  private double lastClose;
  private long sameRun;
  private double sum;
  private double sum2;
  private boolean dirty;
  private double middle;
  private double upper;
  private double lower;
  private boolean available;

  /** Creates the metric with the defaults (20, 2). */
  public BollingerBandwidth() {
    this(DEFAULT_PERIOD, DEFAULT_DEVIATIONS);
  }

  /**
   * Creates the metric.
   *
   * @param period the window, at least 2
   * @param deviations the band distance in standard deviations, finite and {@code > 0}
   * @throws io.github.mmsdk.api.InvalidConfigurationException when a parameter is out of range
   */
  public BollingerBandwidth(int period, double deviations) {
    this.n = Inputs.period("regime.bollinger.period", period, 2);
    if (!(deviations > 0) || Double.isInfinite(deviations)) {
      throw new io.github.mmsdk.api.InvalidConfigurationException(
          "regime.bollinger.deviations", "must be finite and > 0, was " + deviations);
    }
    this.k = deviations;
    this.ring = new Ring(n);
  }

  @Override
  public void update(double high, double low, double close) {
    Inputs.check(count, high, low, close);
    accept(close);
  }

  void accept(double close) {
    long idx = count++;
    sameRun = idx > 0 && close == lastClose ? sameRun + 1 : 1;
    lastClose = close;
    ring.push(close);
    if (idx < n - 1) {
      periodTotal += close;
      periodTotal2 += close * close;
      return;
    }
    periodTotal += close;
    sum = periodTotal;
    // the oldest close of this window leaves the running sums after use, exactly as TA-Lib does
    double oldest = ring.oldest();
    periodTotal -= oldest;
    periodTotal2 += close * close;
    sum2 = periodTotal2;
    periodTotal2 -= oldest * oldest;
    available = sameRun < n;
    dirty = true;
  }

  private void refresh() {
    dirty = false;
    middle = sum / n;
    double meanValue2 = sum2 / n;
    meanValue2 -= middle * middle;
    double sd = meanValue2 < 0.00000001 ? 0.0 : Math.sqrt(meanValue2);
    double t = sd * k;
    upper = middle + t;
    lower = middle - t;
  }

  /** {@return the middle band (SMA) of the last update; 0 before the warm-up} */
  public double middle() {
    if (dirty) {
      refresh();
    }
    return available ? middle : 0;
  }

  @Override
  public boolean isAvailable() {
    return available;
  }

  @Override
  public double valueOr(double fallback) {
    if (!available) {
      return fallback;
    }
    if (dirty) {
      refresh();
    }
    return (upper - lower) / middle;
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
    periodTotal = 0;
    periodTotal2 = 0;
    lastClose = 0;
    sameRun = 0;
    sum = 0;
    sum2 = 0;
    dirty = false;
    middle = 0;
    upper = 0;
    lower = 0;
    available = false;
  }

  /**
   * The bandwidth over a series with the defaults.
   *
   * @param series the candles
   * @return one entry per candle
   * @throws io.github.mmsdk.api.InvalidCandleException naming the first bad candle
   */
  public static MetricSeries compute(CandleSeries series) {
    return compute(series, DEFAULT_PERIOD, DEFAULT_DEVIATIONS);
  }

  /**
   * The bandwidth over a series.
   *
   * @param series the candles
   * @param period the window, at least 2
   * @param deviations the band distance in standard deviations
   * @return one entry per candle
   * @throws io.github.mmsdk.api.InvalidCandleException naming the first bad candle
   */
  public static MetricSeries compute(CandleSeries series, int period, double deviations) {
    BollingerBandwidth m = new BollingerBandwidth(period, deviations);
    int size = series.size();
    double[] out = new double[size];
    for (int i = 0; i < size; i++) {
      m.update(series.high(i), series.low(i), series.close(i));
      out[i] = m.valueOr(Double.NaN);
    }
    return new MetricSeries(out, m.firstOutputIndex());
  }

  /**
   * The bandwidth over closes.
   *
   * @param close closes, each finite and {@code > 0}
   * @param period the window, at least 2
   * @param deviations the band distance in standard deviations
   * @return one entry per close
   * @throws io.github.mmsdk.api.InvalidCandleException naming the first bad close
   */
  public static MetricSeries compute(double[] close, int period, double deviations) {
    double[] out = new double[close.length];
    return new MetricSeries(out, computeInto(close, period, deviations, out, Double.NaN));
  }

  /**
   * The bandwidth over closes into a caller's array, without allocating: the batch form for hot
   * loops.
   *
   * @param close closes, each finite and {@code > 0}
   * @param period the window, at least 2
   * @param deviations the band distance in standard deviations
   * @param out receives one entry per candle; at least as long as the input
   * @param fallback written where the metric is unavailable (e.g. before the warm-up)
   * @return the warm-up: the first index that can hold a value
   * @throws io.github.mmsdk.api.InvalidCandleException naming the first bad candle
   * @throws io.github.mmsdk.api.InvalidConfigurationException when {@code out} is too short
   */
  public static int computeInto(
      double[] close, int period, double deviations, double[] out, double fallback) {
    // The streaming arithmetic, step for step, on locals (identical results, no ring buffer).
    BollingerBandwidth shape = new BollingerBandwidth(period, deviations);
    int n = shape.n;
    double k = shape.k;
    int size = close.length;
    Inputs.checkOut(out, size);
    double periodTotal = 0;
    double periodTotal2 = 0;
    double lastClose = 0;
    long sameRun = 0;
    for (int i = 0; i < size; i++) {
      double c = close[i];
      Inputs.check(i, c, c, c);
      sameRun = i > 0 && c == lastClose ? sameRun + 1 : 1;
      lastClose = c;
      if (i < n - 1) {
        periodTotal += c;
        periodTotal2 += c * c;
        out[i] = fallback;
        continue;
      }
      periodTotal += c;
      double sum = periodTotal;
      double oldest = close[i - n + 1];
      periodTotal -= oldest;
      periodTotal2 += c * c;
      double sum2 = periodTotal2;
      periodTotal2 -= oldest * oldest;
      if (sameRun >= n) {
        out[i] = fallback;
        continue;
      }
      double middle = sum / n;
      double meanValue2 = sum2 / n;
      meanValue2 -= middle * middle;
      double sd = meanValue2 < 0.00000001 ? 0.0 : Math.sqrt(meanValue2);
      double t = sd * k;
      double upper = middle + t;
      double lower = middle - t;
      out[i] = (upper - lower) / middle;
    }
    return n - 1;
  }
}
