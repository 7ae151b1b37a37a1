package io.github.mmsdk.regime;

import io.github.mmsdk.api.CandleSeries;

/**
 * Ornstein–Uhlenbeck half-life of the log price, in bars.
 *
 * <p><b>Definition.</b> {@code y = ln c}; the {@code n} pairs {@code (y_{i−1}, y_i − y_{i−1})},
 * {@code i = t−n+1..t}; OLS with intercept of the change on the level, {@code b = S_xy / S_xx}
 * (centred sums). {@code b ≥ 0}: no reversion, the half-life is {@code +∞} ({@link
 * Double#POSITIVE_INFINITY}, a value, not "unavailable"); {@code −1 < b < 0}: {@code −ln 2 / ln(1 +
 * b)} bars. Sums roll in O(1) on levels taken relative to a reference and are recomputed exactly
 * once per window. <b>Window</b> {@code n} = 100 pairs by default. <b>Warm-up:</b> first value at
 * index {@code n} (100). <b>Range:</b> {@code (0, +∞]} bars, scale-free; short reads as a tradable
 * range. <b>Unavailable</b> before the warm-up, when {@code b ≤ −1}, and when the levels have
 * (numerically) zero variance ({@code S_xx} at most 1e-12 of the raw sum of squares, e.g. a
 * constant series).
 */
public final class OuHalfLife implements StreamingMetric {

  /** The default window (number of pairs). */
  public static final int DEFAULT_PERIOD = 100;

  private static final double LN2 = Math.log(2);
  private static final double ZERO_VARIANCE = 1e-12;

  private final int n;
  private final Ring xs; // raw levels y_{i-1}
  private final Ring zs; // changes y_i - y_{i-1}, in step with xs
  private long count;
  private double prevLog;
  private long sameRun;
  private double ref;
  private double sx;
  private double sz;
  private double sxx;
  private double sxz;
  private double value;
  private boolean available;
  private boolean dirty;

  /** Creates the metric with the default window (100 pairs). */
  public OuHalfLife() {
    this(DEFAULT_PERIOD);
  }

  /**
   * Creates the metric.
   *
   * @param period the number of pairs, at least 3
   * @throws io.github.mmsdk.api.InvalidConfigurationException when {@code period < 3}
   */
  public OuHalfLife(int period) {
    this.n = Inputs.period("regime.ou_half_life.period", period, 3);
    this.xs = new Ring(n);
    this.zs = new Ring(n);
  }

  @Override
  public void update(double high, double low, double close) {
    Inputs.check(count, high, low, close);
    acceptLog(Math.log(close));
  }

  /** Feeds the natural log of a validated close. */
  void acceptLog(double y) {
    long idx = count++;
    if (idx == 0) {
      prevLog = y;
      ref = y;
      sameRun = 1;
      return;
    }
    double x = prevLog;
    double z = y - x;
    sameRun = z == 0 ? sameRun + 1 : 1;
    prevLog = y;
    double xOut = xs.push(x);
    double zOut = zs.push(z);
    if (xs.wrapped()) {
      recompute();
    } else {
      double xr = x - ref;
      sx += xr;
      sz += z;
      sxx += xr * xr;
      sxz += xr * z;
      if (idx > n) {
        double xo = xOut - ref;
        sx -= xo;
        sz -= zOut;
        sxx -= xo * xo;
        sxz -= xo * zOut;
      }
    }
    if (idx >= n) {
      dirty = true;
    }
  }

  private void refresh() {
    dirty = false;
    if (sameRun > n) {
      available = false;
      return;
    }
    double cxx = sxx - sx * sx / n;
    if (!(cxx > ZERO_VARIANCE * sxx)) {
      available = false;
      return;
    }
    double b = (sxz - sx * sz / n) / cxx;
    if (b >= 0) {
      value = Double.POSITIVE_INFINITY;
      available = true;
    } else if (b > -1) {
      value = -LN2 / Math.log1p(b);
      available = true;
    } else {
      available = false;
    }
  }

  private void recompute() {
    double[] xa = xs.a;
    double[] za = zs.a;
    ref = xa[n - 1];
    double a = 0;
    double bz = 0;
    double q = 0;
    double p = 0;
    for (int i = 0; i < n; i++) {
      double xr = xa[i] - ref;
      double z = za[i];
      a += xr;
      bz += z;
      q += xr * xr;
      p += xr * z;
    }
    sx = a;
    sz = bz;
    sxx = q;
    sxz = p;
  }

  @Override
  public boolean isAvailable() {
    if (dirty) {
      refresh();
    }
    return available;
  }

  @Override
  public double valueOr(double fallback) {
    return isAvailable() ? value : fallback;
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
    xs.clear();
    zs.clear();
    count = 0;
    prevLog = 0;
    sameRun = 0;
    ref = 0;
    sx = 0;
    sz = 0;
    sxx = 0;
    sxz = 0;
    value = 0;
    available = false;
    dirty = false;
  }

  /**
   * The half-life over a series with the default window.
   *
   * @param series the candles
   * @return one entry per candle
   * @throws io.github.mmsdk.api.InvalidCandleException naming the first bad candle
   */
  public static MetricSeries compute(CandleSeries series) {
    return compute(series, DEFAULT_PERIOD);
  }

  /**
   * The half-life over a series.
   *
   * @param series the candles
   * @param period the number of pairs, at least 3
   * @return one entry per candle
   * @throws io.github.mmsdk.api.InvalidCandleException naming the first bad candle
   */
  public static MetricSeries compute(CandleSeries series, int period) {
    return MetricSeries.run(new OuHalfLife(period), series);
  }
}
