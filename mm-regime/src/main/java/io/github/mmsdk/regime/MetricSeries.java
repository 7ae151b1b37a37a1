package io.github.mmsdk.regime;

import io.github.mmsdk.api.CandleSeries;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * The batch result of a metric: one optional value per input candle, index for index.
 *
 * <p>Index {@code i} holds the metric as of the close of candle {@code i}. Values before {@link
 * #firstOutputIndex()} and values the definition does not give (zero denominator, zero variance)
 * are unavailable: {@link #isAvailable(int)} is false, {@link #value(int)} is empty. Immutable and
 * thread-safe.
 */
public final class MetricSeries {

  private final double[] values; // NaN marks "unavailable"; never handed out
  private final int firstOutputIndex;

  MetricSeries(double[] values, int firstOutputIndex) {
    this.values = values;
    this.firstOutputIndex = firstOutputIndex;
  }

  /**
   * The batch form shared by the metrics that have no column-based loop of their own: feeds every
   * candle of {@code series} to a fresh {@code metric} and records its value after each one, so the
   * batch result is the streaming result by construction.
   *
   * @throws io.github.mmsdk.api.InvalidCandleException naming the first bad candle
   */
  static MetricSeries run(StreamingMetric metric, CandleSeries series) {
    int size = series.size();
    double[] out = new double[size];
    for (int i = 0; i < size; i++) {
      metric.update(series.high(i), series.low(i), series.close(i));
      out[i] = metric.valueOr(Double.NaN);
    }
    return new MetricSeries(out, metric.firstOutputIndex());
  }

  /** {@return the number of entries (the number of input candles)} */
  public int size() {
    return values.length;
  }

  /** {@return the metric's declared warm-up: the first index that can hold a value} */
  public int firstOutputIndex() {
    return firstOutputIndex;
  }

  /**
   * Whether entry {@code i} has a value.
   *
   * @param i index from 0
   * @return true when available
   * @throws IndexOutOfBoundsException when {@code i} is outside the series
   */
  public boolean isAvailable(int i) {
    return !Double.isNaN(values[check(i)]);
  }

  /**
   * Entry {@code i}.
   *
   * @param i index from 0
   * @return the value, or empty when unavailable
   * @throws IndexOutOfBoundsException when {@code i} is outside the series
   */
  public OptionalDouble value(int i) {
    double v = values[check(i)];
    return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  /**
   * Entry {@code i} without allocation.
   *
   * @param i index from 0
   * @param fallback what to return when unavailable
   * @return the value or {@code fallback}
   * @throws IndexOutOfBoundsException when {@code i} is outside the series
   */
  public double valueOr(int i, double fallback) {
    double v = values[check(i)];
    return Double.isNaN(v) ? fallback : v;
  }

  /** {@return the last entry, or empty when the series is empty or the last is unavailable} */
  public OptionalDouble last() {
    return values.length == 0 ? OptionalDouble.empty() : value(values.length - 1);
  }

  /** {@return the number of available entries} */
  public int availableCount() {
    int c = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        c++;
      }
    }
    return c;
  }

  private int check(int i) {
    if (i < 0 || i >= values.length) {
      throw new IndexOutOfBoundsException("index " + i + " of " + values.length);
    }
    return i;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MetricSeries
        && ((MetricSeries) o).firstOutputIndex == firstOutputIndex
        && Arrays.equals(((MetricSeries) o).values, values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values) * 31 + firstOutputIndex;
  }

  @Override
  public String toString() {
    return "MetricSeries{size=" + values.length + ", firstOutputIndex=" + firstOutputIndex + "}";
  }
}
