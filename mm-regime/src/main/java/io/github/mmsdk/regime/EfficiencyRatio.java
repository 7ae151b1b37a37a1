package io.github.mmsdk.regime;

import io.github.mmsdk.api.CandleSeries;

/**
 * Kaufman's efficiency ratio: net move over path length.
 *
 * <p><b>Definition.</b> {@code ER_t = |c_t − c_{t−n}| / Σ_{i=t−n+1..t} |c_i − c_{i−1}|}. The path
 * sum rolls in O(1) and is recomputed exactly from its ring buffer once per window; the ratio is
 * clamped to [0, 1] against rounding. <b>Window</b> {@code n} = 20 by default. <b>Warm-up:</b>
 * first value at index {@code n} (20). <b>Range:</b> [0, 1], scale-free; near 1 reads as a trend,
 * near 0 as chop. <b>Unavailable</b> before the warm-up and when the path length is 0 (the last
 * {@code n + 1} closes are equal).
 */
public final class EfficiencyRatio implements StreamingMetric {

  /** The default window. */
  public static final int DEFAULT_PERIOD = 20;

  private final int n;
  private final Ring closes; // n + 1 closes
  private final Ring diffs; // n absolute changes
  private long count;
  private double lastClose;
  private long sameRun;
  private double path;
  private double value;
  private boolean available;
  private boolean dirty;

  /** Creates the metric with the default window (20). */
  public EfficiencyRatio() {
    this(DEFAULT_PERIOD);
  }

  /**
   * Creates the metric.
   *
   * @param period the window, at least 1
   * @throws io.github.mmsdk.api.InvalidConfigurationException when {@code period < 1}
   */
  public EfficiencyRatio(int period) {
    this.n = Inputs.period("regime.efficiency_ratio.period", period, 1);
    this.closes = new Ring(n + 1);
    this.diffs = new Ring(n);
  }

  @Override
  public void update(double high, double low, double close) {
    Inputs.check(count, high, low, close);
    accept(close);
  }

  void accept(double close) {
    long idx = count++;
    closes.push(close);
    if (idx == 0) {
      lastClose = close;
      sameRun = 1;
      return;
    }
    sameRun = close == lastClose ? sameRun + 1 : 1;
    double d = Math.abs(close - lastClose);
    lastClose = close;
    double out = diffs.push(d);
    if (diffs.wrapped()) {
      path = diffs.sum();
    } else {
      path += d - out;
    }
    if (idx >= n) {
      dirty = true;
    }
  }

  private void refresh() {
    dirty = false;
    // the oldest of the n + 1 closes is c_{t-n}; lastClose is c_t
    if (sameRun > n || !(path > 0)) {
      available = false;
      return;
    }
    double er = Math.abs(lastClose - closes.oldest()) / path;
    value = er > 1 ? 1 : er;
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
    closes.clear();
    diffs.clear();
    count = 0;
    lastClose = 0;
    sameRun = 0;
    path = 0;
    value = 0;
    available = false;
    dirty = false;
  }

  /**
   * The efficiency ratio over a series with the default window.
   *
   * @param series the candles
   * @return one entry per candle
   * @throws io.github.mmsdk.api.InvalidCandleException naming the first bad candle
   */
  public static MetricSeries compute(CandleSeries series) {
    return compute(series, DEFAULT_PERIOD);
  }

  /**
   * The efficiency ratio over a series.
   *
   * @param series the candles
   * @param period the window, at least 1
   * @return one entry per candle
   * @throws io.github.mmsdk.api.InvalidCandleException naming the first bad candle
   */
  public static MetricSeries compute(CandleSeries series, int period) {
    return MetricSeries.run(new EfficiencyRatio(period), series);
  }
}
