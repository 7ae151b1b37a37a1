package io.github.mmsdk.regime;

import io.github.mmsdk.api.InvalidCandleException;
import io.github.mmsdk.api.InvalidConfigurationException;

/** Shared input checks and column extraction for the metrics. */
final class Inputs {
  private Inputs() {}

  static void check(long index, double high, double low, double close) {
    // one branch on the hot path (non-short-circuit &); NaN fails every comparison
    if ((low > 0)
        & (high >= low)
        & (high < Double.POSITIVE_INFINITY)
        & (close > 0)
        & (close < Double.POSITIVE_INFINITY)) {
      return;
    }
    fail(index, high, low, close);
  }

  private static void fail(long index, double high, double low, double close) {
    int i = index > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) index;
    if (!(high > 0) || high == Double.POSITIVE_INFINITY) {
      throw new InvalidCandleException(i, "high", "must be finite and > 0, was " + high);
    }
    if (!(low > 0) || low == Double.POSITIVE_INFINITY) {
      throw new InvalidCandleException(i, "low", "must be finite and > 0, was " + low);
    }
    if (!(close > 0) || close == Double.POSITIVE_INFINITY) {
      throw new InvalidCandleException(i, "close", "must be finite and > 0, was " + close);
    }
    throw new InvalidCandleException(i, "high", high + " is below low " + low);
  }

  static void checkOut(double[] out, int size) {
    if (out.length < size) {
      throw new InvalidConfigurationException(
          "out", "array of length " + out.length + " cannot hold " + size + " values");
    }
  }

  static int period(String key, int value, int min) {
    if (value < min) {
      throw new InvalidConfigurationException(key, "must be >= " + min + ", was " + value);
    }
    return value;
  }

  /** TA-Lib's {@code TA_IS_ZERO}: |v| below 1e-8. */
  static boolean taIsZero(double v) {
    return -0.00000001 < v && v < 0.00000001;
  }
}
