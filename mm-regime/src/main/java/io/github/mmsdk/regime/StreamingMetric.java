package io.github.mmsdk.regime;

import io.github.mmsdk.api.InvalidCandleException;
import java.util.OptionalDouble;

/**
 * A metric that is updated one closed candle at a time.
 *
 * <p>Every implementation does O(1) work per {@link #update} (recursive or rolling sums; rolling
 * sums are recomputed exactly from a fixed ring buffer once per window, which is O(1) amortised and
 * keeps rounding drift bounded), holds fixed memory chosen at construction, and allocates nothing
 * per update. The batch form of each metric ({@code compute(CandleSeries)}) runs the same
 * arithmetic, so streaming and batch results are identical.
 *
 * <p>"Unavailable" is a documented result, never {@code NaN} and never an exception: before the
 * warm-up ({@link #firstOutputIndex()}) and whenever the definition has no value (a zero
 * denominator, zero variance), {@link #isAvailable()} is false, {@link #value()} is empty and
 * {@link #valueOr(double)} returns the fallback. Instances are not thread-safe.
 */
public interface StreamingMetric {

  /**
   * Feeds the next closed candle.
   *
   * @param high the candle's high, finite and {@code > 0}
   * @param low the candle's low, finite, {@code > 0} and {@code <= high}
   * @param close the candle's close, finite, {@code > 0}
   * @throws InvalidCandleException naming the candle's index ({@link #count()}) when a price is not
   *     finite, not positive, or {@code high < low}; the state is unchanged then
   */
  void update(double high, double low, double close);

  /** {@return whether the metric has a value after the last update} */
  boolean isAvailable();

  /**
   * The current value without allocation.
   *
   * @param fallback what to return when the metric is unavailable
   * @return the value, or {@code fallback}
   */
  double valueOr(double fallback);

  /** {@return the current value, or empty when unavailable (allocates; prefer valueOr in loops)} */
  default OptionalDouble value() {
    return isAvailable() ? OptionalDouble.of(valueOr(0)) : OptionalDouble.empty();
  }

  /** {@return how many candles were fed since construction or the last reset} */
  long count();

  /**
   * The warm-up: the 0-based index of the first candle that can have a value. It equals TA-Lib's
   * lookback for the reference-backed metrics.
   *
   * @return the first output index
   */
  int firstOutputIndex();

  /** Forgets every candle; the metric is as new. */
  void reset();
}
