package io.github.mmsdk.regime;

import io.github.mmsdk.api.CandleSeries;

/**
 * Lag-1 autocorrelation of log returns.
 *
 * <p><b>Definition.</b> {@code r_i = ln c_i − ln c_{i−1}}; the window holds the {@code n} returns
 * {@code r_{t−n+1..t}}; the value is the Pearson correlation of the {@code n − 1} pairs {@code
 * (r_{i−1}, r_i)} in the window, each side centred on its own mean. Sums roll in O(1) and are
 * recomputed exactly once per window. <b>Window</b> {@code n} = 48 by default. <b>Warm-up:</b>
 * first value at index {@code n} (48). <b>Range:</b> [−1, 1] (clamped against rounding),
 * scale-free; below 0 reads as mean-reverting, above 0 as persistent. <b>Unavailable</b> before the
 * warm-up and when either side has (numerically) zero variance: the last {@code n − 1} returns are
 * all 0, or a centred sum of squares is at most 1e-12 times the raw sum of squares (a constant
 * series, constant returns).
 */
public final class Autocorrelation implements StreamingMetric {

  /** The default window (number of returns). */
  public static final int DEFAULT_PERIOD = 48;

  private static final double ZERO_VARIANCE = 1e-12;

  private final int n;
  private final Ring ring; // the last n returns
  private long count;
  private double prevLog;
  private long zeroRun;
  private double sum;
  private double sumSq;
  private double sumProd;
  private double value;
  private boolean available;
  private boolean dirty; // sums changed since the value was computed

  /** Creates the metric with the default window (48 returns). */
  public Autocorrelation() {
    this(DEFAULT_PERIOD);
  }

  /**
   * Creates the metric.
   *
   * @param period the number of returns in the window, at least 3
   * @throws io.github.mmsdk.api.InvalidConfigurationException when {@code period < 3}
   */
  public Autocorrelation(int period) {
    this.n = Inputs.period("regime.autocorrelation.period", period, 3);
    this.ring = new Ring(n);
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
      return;
    }
    double r = y - prevLog;
    prevLog = y;
    zeroRun = r == 0 ? zeroRun + 1 : 0;
    // read before the write: the newest so far, the oldest (once full) and the one after it
    double newestBefore = ring.newest();
    double oldest = ring.oldest();
    double second = ring.secondOldest();
    ring.push(r);
    if (idx <= n) {
      sum += r;
      sumSq += r * r;
      if (idx > 1) {
        sumProd += newestBefore * r;
      }
      if (idx < n) {
        return;
      }
    } else if (ring.wrapped()) {
      recompute();
    } else {
      sum += r - oldest;
      sumSq += r * r - oldest * oldest;
      sumProd += newestBefore * r - oldest * second;
    }
    dirty = true;
  }

  private void recompute() {
    // the ring just wrapped: a[0] is the oldest, a[n - 1] the newest
    double[] a = ring.a;
    double s = 0;
    double q = 0;
    double p = 0;
    for (int i = 0; i < n; i++) {
      double v = a[i];
      s += v;
      q += v * v;
      if (i > 0) {
        p += a[i - 1] * v;
      }
    }
    sum = s;
    sumSq = q;
    sumProd = p;
  }

  private void refresh() {
    dirty = false;
    double newest = ring.newest();
    double oldest = ring.oldest();
    int m = n - 1;
    if (zeroRun >= m) {
      available = false;
      return;
    }
    double sx = sum - newest;
    double sy = sum - oldest;
    double qx = sumSq - newest * newest;
    double qy = sumSq - oldest * oldest;
    double sxx = qx - sx * sx / m;
    double syy = qy - sy * sy / m;
    if (!(sxx > ZERO_VARIANCE * qx) || !(syy > ZERO_VARIANCE * qy)) {
      available = false;
      return;
    }
    double sxy = sumProd - sx * sy / m;
    double c = sxy / Math.sqrt(sxx * syy);
    value = c > 1 ? 1 : (c < -1 ? -1 : c);
    available = true;
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
    ring.clear();
    count = 0;
    prevLog = 0;
    zeroRun = 0;
    sum = 0;
    sumSq = 0;
    sumProd = 0;
    value = 0;
    available = false;
    dirty = false;
  }

  /**
   * The autocorrelation over a series with the default window.
   *
   * @param series the candles
   * @return one entry per candle
   * @throws io.github.mmsdk.api.InvalidCandleException naming the first bad candle
   */
  public static MetricSeries compute(CandleSeries series) {
    return compute(series, DEFAULT_PERIOD);
  }

  /**
   * The autocorrelation over a series.
   *
   * @param series the candles
   * @param period the number of returns in the window, at least 3
   * @return one entry per candle
   * @throws io.github.mmsdk.api.InvalidCandleException naming the first bad candle
   */
  public static MetricSeries compute(CandleSeries series, int period) {
    return MetricSeries.run(new Autocorrelation(period), series);
  }
}
