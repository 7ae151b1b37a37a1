package io.github.mmsdk.regime;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Timeframe;

/**
 * Builds 4h candles from 1h candles, the way KuCoin does: buckets start at 00, 04, 08, 12, 16 and
 * 20 UTC; open = first open, high = max, low = min, close = last close, volume = sum.
 *
 * <p>A 4h candle is emitted only for a complete bucket, one holding all four of its hours: an
 * incomplete trailing bucket (still forming) is ignored, and so is an incomplete leading bucket
 * (the series starts mid-bucket) or a bucket that misses hours through a gap the {@link GapPolicy}
 * let through. Checked against KuCoin's own 4h candles for all three symbols in the shared data.
 */
public final class CandleAggregator {
  private CandleAggregator() {}

  /**
   * Aggregates 1h candles into 4h candles.
   *
   * @param hourly 1h candles
   * @return the 4h candles, without an incomplete trailing bucket
   * @throws InvalidConfigurationException when {@code hourly} is not a 1h series
   */
  public static CandleSeries toFourHours(CandleSeries hourly) {
    if (hourly.timeframe() != Timeframe.H1) {
      throw new InvalidConfigurationException(
          "regime.confirmation", "4h aggregation needs 1h candles, got " + hourly.timeframe());
    }
    CandleSeries.Builder b =
        CandleSeries.builder(hourly.symbol(), Timeframe.H4, hourly.size() / 4 + 1);
    Bucket bucket = new Bucket((t, o, h, l, c, v) -> b.add(t, o, h, l, c, v));
    for (int i = 0; i < hourly.size(); i++) {
      bucket.add(
          hourly.openTimeMillis(i),
          hourly.open(i),
          hourly.high(i),
          hourly.low(i),
          hourly.close(i),
          hourly.volume(i));
    }
    return b.build();
  }

  /** Receives finished 4h candles. */
  interface Sink {
    void accept(long openTime, double open, double high, double low, double close, double volume);
  }

  /**
   * The 4h bucket being filled; shared by the batch aggregator and {@link RegimeTracker}. Not
   * thread-safe, allocation-free.
   */
  static final class Bucket {
    private static final long H4 = Timeframe.H4.millis();
    private static final long H1 = Timeframe.H1.millis();

    private final Sink sink;
    private boolean filling;
    private int hours;
    private long start;
    private double o;
    private double h;
    private double l;
    private double c;
    private double v;

    Bucket(Sink sink) {
      this.sink = sink;
    }

    /** Adds an hour (in order); emits the bucket when this hour completes all four. */
    void add(long t, double open, double high, double low, double close, double volume) {
      long s = Math.floorDiv(t, H4) * H4;
      if (filling && s != start) {
        filling = false; // a gap left the previous bucket incomplete: dropped
      }
      if (!filling) {
        filling = true;
        hours = 0;
        start = s;
        o = open;
        h = high;
        l = low;
        v = 0;
      } else {
        if (high > h) {
          h = high;
        }
        if (low < l) {
          l = low;
        }
      }
      c = close;
      v += volume;
      hours++;
      if (t == s + 3 * H1) {
        if (hours == 4) {
          sink.accept(start, o, h, l, c, v);
        }
        filling = false;
      }
    }

    void clear() {
      filling = false;
    }
  }
}
