package io.github.mmsdk.regime;

import io.github.mmsdk.api.CandleSeries;

/**
 * Wilder's Average Directional Index, computed exactly as TA-Lib's {@code ADX}.
 *
 * <p><b>Definition.</b> Per candle: +DM/−DM from the change of high and low (only the larger of the
 * two counts, and only when positive), true range {@code max(h − l, |h − c_prev|, |l − c_prev|)}.
 * The first {@code n − 1} of each are summed, then smoothed with Wilder's rule {@code S ← S − S/n +
 * x}; {@code ±DI = 100·±DM/TR}, {@code DX = 100·|+DI − −DI| / (+DI + −DI)}; the first ADX is the
 * mean of the first {@code n} DX values, then {@code ADX ← (ADX·(n − 1) + DX) / n}. Like TA-Lib, a
 * smoothed TR or DI sum below 1e-8 skips that bar's DX (the previous ADX is kept). Divisions by
 * {@code n} and by the smoothed TR are done as multiplications by the reciprocal (two divisions per
 * candle instead of seven), which moves results by a few ulps from TA-Lib's, far inside 1e-9.
 *
 * <p><b>Window</b> {@code n} = 14 by default. <b>Warm-up:</b> first value at index {@code 2n − 1}
 * (27), TA-Lib's lookback. <b>Range:</b> [0, 100]; above 25 reads as a trend, below 20 as a range.
 * <b>Unavailable</b> before the warm-up and while the smoothed true range is exactly 0 (a constant
 * series). <b>Stability:</b> the value is recursive and depends on the first candle; the start's
 * influence decays as {@code ((n − 1)/n)^k}, below 1e-4 relative after about {@code 10·n} (140)
 * further candles, so load at least {@code 12·n} (≈170) candles before trusting it. Scale invariant
 * as long as the smoothed true range stays above TA-Lib's 1e-8 zero threshold.
 */
public final class Adx implements StreamingMetric {

  /** The default window. */
  public static final int DEFAULT_PERIOD = 14;

  private final int n;
  private final double invN;
  private final double nMinus1;
  private long count;
  private double prevHigh;
  private double prevLow;
  private double prevClose;
  private double prevMinusDm;
  private double prevPlusDm;
  private double prevTr;
  private double sumDx;
  private double adx;
  private boolean available;

  /** Creates the metric with the default window (14). */
  public Adx() {
    this(DEFAULT_PERIOD);
  }

  /**
   * Creates the metric.
   *
   * @param period the window, at least 2
   * @throws io.github.mmsdk.api.InvalidConfigurationException when {@code period < 2}
   */
  public Adx(int period) {
    this.n = Inputs.period("regime.adx.period", period, 2);
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
      prevHigh = high;
      prevLow = low;
      prevClose = close;
      return;
    }
    double diffP = high - prevHigh;
    prevHigh = high;
    double diffM = prevLow - low;
    prevLow = low;
    double tr = AverageTrueRange.trueRange(high, low, prevClose);
    prevClose = close;
    boolean seeding = idx < n; // TA-Lib sums the first n - 1 values, then smooths
    if (!seeding) {
      prevMinusDm -= prevMinusDm * invN;
      prevPlusDm -= prevPlusDm * invN;
    }
    if (diffM > 0 && diffP < diffM) {
      prevMinusDm += diffM;
    } else if (diffP > 0 && diffP > diffM) {
      prevPlusDm += diffP;
    }
    if (seeding) {
      prevTr += tr;
      return;
    }
    prevTr = prevTr - (prevTr * invN) + tr;
    if (idx < 2L * n - 1) {
      double dx = dx();
      if (!Double.isNaN(dx)) {
        sumDx += dx;
      }
      return;
    }
    if (idx == 2L * n - 1) {
      double dx = dx();
      if (!Double.isNaN(dx)) {
        sumDx += dx;
      }
      adx = sumDx / n;
    } else {
      double dx = dx();
      if (!Double.isNaN(dx)) {
        adx = ((adx * nMinus1) + dx) * invN;
      }
    }
    available = prevTr != 0;
  }

  /** DX of the current smoothed sums, NaN when TA-Lib would skip it. */
  private double dx() {
    if (Inputs.taIsZero(prevTr)) {
      return Double.NaN;
    }
    double scale = 100.0 / prevTr;
    double minusDi = prevMinusDm * scale;
    double plusDi = prevPlusDm * scale;
    double sum = minusDi + plusDi;
    if (Inputs.taIsZero(sum)) {
      return Double.NaN;
    }
    return 100.0 * (Math.abs(minusDi - plusDi) / sum);
  }

  @Override
  public boolean isAvailable() {
    return available;
  }

  @Override
  public double valueOr(double fallback) {
    return available ? adx : fallback;
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public int firstOutputIndex() {
    return 2 * n - 1;
  }

  @Override
  public void reset() {
    count = 0;
    prevHigh = 0;
    prevLow = 0;
    prevClose = 0;
    prevMinusDm = 0;
    prevPlusDm = 0;
    prevTr = 0;
    sumDx = 0;
    adx = 0;
    available = false;
  }

  /**
   * ADX over a series with the default window.
   *
   * @param series the candles
   * @return one entry per candle
   * @throws io.github.mmsdk.api.InvalidCandleException naming the first bad candle
   */
  public static MetricSeries compute(CandleSeries series) {
    return compute(series, DEFAULT_PERIOD);
  }

  /**
   * ADX over a series.
   *
   * @param series the candles
   * @param period the window, at least 2
   * @return one entry per candle
   * @throws io.github.mmsdk.api.InvalidCandleException naming the first bad candle
   */
  public static MetricSeries compute(CandleSeries series, int period) {
    Adx m = new Adx(period);
    int size = series.size();
    double[] out = new double[size];
    for (int i = 0; i < size; i++) {
      m.update(series.high(i), series.low(i), series.close(i));
      out[i] = m.available ? m.adx : Double.NaN;
    }
    return new MetricSeries(out, m.firstOutputIndex());
  }

  /**
   * ADX over price columns of equal length.
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
   * ADX over price columns of equal length into a caller's array, without allocating: the batch
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
    // The streaming arithmetic, step for step, on locals and in TA-Lib's phases (identical
    // results to update(), no field traffic, no phase test in the main loop).
    Adx shape = new Adx(period);
    int n = shape.n;
    double invN = shape.invN;
    double nMinus1 = shape.nMinus1;
    int size = close.length;
    Inputs.checkOut(out, size);
    int first = 2 * n - 1;
    java.util.Arrays.fill(out, 0, Math.min(first, size), fallback);
    if (size == 0) {
      return first;
    }
    Inputs.check(0, high[0], low[0], close[0]);
    double prevHigh = high[0];
    double prevLow = low[0];
    double prevClose = close[0];
    double prevMinusDm = 0;
    double prevPlusDm = 0;
    double prevTr = 0;
    int end = Math.min(n, size);
    for (int i = 1; i < end; i++) {
      double h = high[i];
      double l = low[i];
      double c = close[i];
      Inputs.check(i, h, l, c);
      double diffP = h - prevHigh;
      prevHigh = h;
      double diffM = prevLow - l;
      prevLow = l;
      if (diffM > 0 && diffP < diffM) {
        prevMinusDm += diffM;
      } else if (diffP > 0 && diffP > diffM) {
        prevPlusDm += diffP;
      }
      prevTr += AverageTrueRange.trueRange(h, l, prevClose);
      prevClose = c;
    }
    double sumDx = 0;
    double adx = 0;
    for (int i = n; i < size; i++) {
      double h = high[i];
      double l = low[i];
      double c = close[i];
      Inputs.check(i, h, l, c);
      double diffP = h - prevHigh;
      prevHigh = h;
      double diffM = prevLow - l;
      prevLow = l;
      double tr = AverageTrueRange.trueRange(h, l, prevClose);
      prevClose = c;
      prevMinusDm -= prevMinusDm * invN;
      prevPlusDm -= prevPlusDm * invN;
      if (diffM > 0 && diffP < diffM) {
        prevMinusDm += diffM;
      } else if (diffP > 0 && diffP > diffM) {
        prevPlusDm += diffP;
      }
      prevTr = prevTr - (prevTr * invN) + tr;
      boolean hasDx = false;
      double dx = 0;
      if (!Inputs.taIsZero(prevTr)) {
        double scale = 100.0 / prevTr;
        double minusDi = prevMinusDm * scale;
        double plusDi = prevPlusDm * scale;
        double sum = minusDi + plusDi;
        if (!Inputs.taIsZero(sum)) {
          dx = 100.0 * (Math.abs(minusDi - plusDi) / sum);
          hasDx = true;
        }
      }
      if (i > first) {
        if (hasDx) {
          adx = ((adx * nMinus1) + dx) * invN;
        }
        out[i] = prevTr != 0 ? adx : fallback;
      } else {
        if (hasDx) {
          sumDx += dx;
        }
        if (i == first) {
          adx = sumDx / n;
          out[i] = prevTr != 0 ? adx : fallback;
        }
      }
    }
    return first;
  }
}
