package io.github.mmsdk.regime;

import io.github.mmsdk.api.CandleSeries;

/**
 * Wilder's Average True Range, computed exactly as TA-Lib's {@code ATR}.
 *
 * <p><b>Definition.</b> True range {@code TR_t = max(h_t − l_t, |c_{t−1} − h_t|, |c_{t−1} − l_t|)}
 * for {@code t ≥ 1}; the first ATR is the mean of {@code TR_1..TR_n}, then {@code ATR ← (ATR·(n −
 * 1) + TR) / n}. <b>Window</b> {@code n} = 14 by default. <b>Warm-up:</b> first value at index
 * {@code n} (14). <b>Range:</b> {@code ≥ 0}, in price units (scales with price). Always available
 * after the warm-up (0 for a constant series). Recursive: the start's influence decays as {@code
 * ((n − 1)/n)^k}.
 */
public final class AverageTrueRange implements StreamingMetric {

  /** The default window. */
  public static final int DEFAULT_PERIOD = 14;

  private final int n;
  private final double invN;
  private final double nMinus1;
  private long count;
  private double prevClose;
  private double atr;
  private boolean available;

  /** Creates the metric with the default window (14). */
  public AverageTrueRange() {
    this(DEFAULT_PERIOD);
  }

  /**
   * Creates the metric.
   *
   * @param period the window, at least 2
   * @throws io.github.mmsdk.api.InvalidConfigurationException when {@code period < 2}
   */
  public AverageTrueRange(int period) {
    this.n = Inputs.period("regime.atr.period", period, 2);
    this.invN = 1.0 / n;
    this.nMinus1 = n - 1;
  }

  /** {@return the window} */
  public int period() {
    return n;
  }

  @Override
  public void update(double high, double low, double close) {
    Inputs.check(count, high, low, close);
    accept(high, low, close);
  }

  /** Feeds a validated candle. */
  void accept(double high, double low, double close) {
    long idx = count++;
    if (idx == 0) {
      prevClose = close;
      return;
    }
    double tr = trueRange(high, low, prevClose);
    prevClose = close;
    if (idx < n) {
      atr += tr;
    } else if (idx == n) {
      atr += tr;
      atr = atr / n;
      available = true;
    } else {
      atr = (atr * nMinus1 + tr) * invN; // TA-Lib divides by n; within a few ulps
    }
  }

  @Override
  public boolean isAvailable() {
    return available;
  }

  @Override
  public double valueOr(double fallback) {
    return available ? atr : fallback;
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public int firstOutputIndex() {
    return n;
  }

  @Override
  public void reset() {
    count = 0;
    prevClose = 0;
    atr = 0;
    available = false;
  }

  /**
   * ATR over a series with the default window.
   *
   * @param series the candles
   * @return one entry per candle
   * @throws io.github.mmsdk.api.InvalidCandleException naming the first bad candle
   */
  public static MetricSeries compute(CandleSeries series) {
    return compute(series, DEFAULT_PERIOD);
  }

  /**
   * ATR over a series.
   *
   * @param series the candles
   * @param period the window, at least 2
   * @return one entry per candle
   * @throws io.github.mmsdk.api.InvalidCandleException naming the first bad candle
   */
  public static MetricSeries compute(CandleSeries series, int period) {
    AverageTrueRange m = new AverageTrueRange(period);
    int size = series.size();
    double[] out = new double[size];
    for (int i = 0; i < size; i++) {
      m.update(series.high(i), series.low(i), series.close(i));
      out[i] = m.available ? m.atr : Double.NaN;
    }
    return new MetricSeries(out, m.firstOutputIndex());
  }

  /**
   * ATR over price columns of equal length.
   *
   * @param high highs
   * @param low lows
   * @param close closes
   * @param period the window, at least 2
   * @return one entry per candle
   * @throws io.github.mmsdk.api.InvalidCandleException naming the first bad candle
   */
  public static MetricSeries compute(double[] high, double[] low, double[] close, int period) {
    double[] out = new double[close.length];
    return new MetricSeries(out, computeInto(high, low, close, period, out, Double.NaN));
  }

  /**
   * ATR over price columns of equal length into a caller's array, without allocating: the batch
   * form for hot loops.
   *
   * @param high highs
   * @param low lows
   * @param close closes
   * @param period the window, at least 2
   * @param out receives one entry per candle; at least as long as the input
   * @param fallback written where the metric is unavailable (e.g. before the warm-up)
   * @return the warm-up: the first index that can hold a value
   * @throws io.github.mmsdk.api.InvalidCandleException naming the first bad candle
   * @throws io.github.mmsdk.api.InvalidConfigurationException when {@code out} is too short
   */
  public static int computeInto(
      double[] high, double[] low, double[] close, int period, double[] out, double fallback) {
    AverageTrueRange m = new AverageTrueRange(period);
    int size = close.length;
    Inputs.checkOut(out, size);
    for (int i = 0; i < size; i++) {
      m.update(high[i], low[i], close[i]);
      out[i] = m.available ? m.atr : fallback;
    }
    return m.firstOutputIndex();
  }

  /**
   * Wilder's true range {@code max(h − l, |h − c_prev|, |l − c_prev|)}, compared in that order as
   * TA-Lib does; shared by the ATR and ADX hot loops (a static call the JIT inlines).
   */
  static double trueRange(double h, double l, double prevClose) {
    double tr = h - l;
    double t2 = Math.abs(h - prevClose);
    if (t2 > tr) {
      tr = t2;
    }
    t2 = Math.abs(l - prevClose);
    if (t2 > tr) {
      tr = t2;
    }
    return tr;
  }
}
