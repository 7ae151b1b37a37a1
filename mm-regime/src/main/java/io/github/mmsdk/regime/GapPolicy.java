package io.github.mmsdk.regime;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InvalidCandleException;
import java.time.Instant;

/**
 * What the regime computations do when candles are missing in time (an exchange outage): the
 * metrics assume one candle per bar, so a gap must be decided, not ignored by accident.
 *
 * <p>{@link CandleSeries} already rejects non-finite, non-positive, {@code high < low}, unsorted,
 * duplicate and off-grid candles with an {@link InvalidCandleException} naming the first bad index;
 * gaps are legal there and handled here.
 */
public enum GapPolicy {
  /**
   * Compute over the candles as if they were consecutive (the missing bars simply do not exist).
   */
  IGNORE,
  /**
   * Insert a flat candle (open = high = low = close = the previous close, volume 0) for every
   * missing bar, up to {@link RegimeConfig#maxForwardFill()} bars per gap; a longer gap is rejected
   * as with {@link #REJECT}. This is the default: a flat, empty bar is what several exchanges
   * publish themselves for an hour without trades.
   */
  FORWARD_FILL,
  /** Refuse any gap with an {@link InvalidCandleException} naming the first candle after it. */
  REJECT;

  /**
   * Applies the policy to a series.
   *
   * @param series candles of one timeframe
   * @param maxForwardFill the longest gap, in bars, that {@link #FORWARD_FILL} fills
   * @return the series itself ({@link #IGNORE}, or no gap), or a copy with filler candles
   * @throws InvalidCandleException naming the first candle after a gap the policy refuses
   */
  public CandleSeries apply(CandleSeries series, int maxForwardFill) {
    if (this == IGNORE) {
      return series;
    }
    long step = series.timeframe().millis();
    int firstGap = -1;
    int filled = 0;
    for (int i = 1; i < series.size(); i++) {
      long missing = (series.openTimeMillis(i) - series.openTimeMillis(i - 1)) / step - 1;
      if (missing > 0) {
        if (this == REJECT || missing > maxForwardFill) {
          throw gap(i, missing, series.openTimeMillis(i - 1), this == REJECT);
        }
        if (firstGap < 0) {
          firstGap = i;
        }
        filled += (int) missing;
      }
    }
    if (firstGap < 0) {
      return series;
    }
    CandleSeries.Builder b =
        CandleSeries.builder(series.symbol(), series.timeframe(), series.size() + filled);
    for (int i = 0; i < series.size(); i++) {
      if (i > 0) {
        double p = series.close(i - 1);
        for (long t = series.openTimeMillis(i - 1) + step;
            t < series.openTimeMillis(i);
            t += step) {
          b.add(t, p, p, p, p, 0);
        }
      }
      b.add(
          series.openTimeMillis(i),
          series.open(i),
          series.high(i),
          series.low(i),
          series.close(i),
          series.volume(i));
    }
    return b.build();
  }

  static InvalidCandleException gap(long index, long missing, long previousOpen, boolean reject) {
    return new InvalidCandleException(
        index > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) index,
        "openTime",
        "follows a gap of "
            + missing
            + " missing candle(s) after "
            + Instant.ofEpochMilli(previousOpen)
            + (reject ? " (gap policy REJECT)" : " (longer than gap policy FORWARD_FILL fills)"));
  }
}
