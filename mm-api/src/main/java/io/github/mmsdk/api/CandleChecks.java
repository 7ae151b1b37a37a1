package io.github.mmsdk.api;

/** The OHLCV invariants, shared by {@link Candle} and {@link CandleSeries.Builder}. */
final class CandleChecks {
  private CandleChecks() {}

  static void check(int index, double open, double high, double low, double close, double volume) {
    price(index, "open", open);
    price(index, "high", high);
    price(index, "low", low);
    price(index, "close", close);
    if (!Double.isFinite(volume) || volume < 0) {
      throw new InvalidCandleException(index, "volume", "must be finite and >= 0, was " + volume);
    }
    if (high < Math.max(open, close)) {
      throw new InvalidCandleException(
          index, "high", high + " is below max(open, close) = " + Math.max(open, close));
    }
    if (low > Math.min(open, close)) {
      throw new InvalidCandleException(
          index, "low", low + " is above min(open, close) = " + Math.min(open, close));
    }
  }

  private static void price(int index, String field, double value) {
    if (!Double.isFinite(value) || value <= 0) {
      throw new InvalidCandleException(index, field, "must be finite and > 0, was " + value);
    }
  }
}
