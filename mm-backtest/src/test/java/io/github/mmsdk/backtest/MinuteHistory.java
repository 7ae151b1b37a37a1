package io.github.mmsdk.backtest;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Synthetic 1m candles for long runs: a seeded log-price walk that alternates ranges (pulled to a
 * level) and trends up and down (each phase 3 to 15 days), with hourly volatility around 0.6 %, so
 * the regime engine sees every verdict and the price stays within a band over years. Written
 * straight into a {@link CandleSeries} of the exact size: 48 bytes a candle, no growth copies.
 */
final class MinuteHistory {

  private MinuteHistory() {}

  /**
   * Generates the candles.
   *
   * @param symbol the pair
   * @param start the first open time, on the minute
   * @param count how many 1m candles
   * @param seed the seed
   * @return the series
   */
  static CandleSeries generate(Symbol symbol, Instant start, int count, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    CandleSeries.Builder b = CandleSeries.builder(symbol, Timeframe.M1, count);
    long minute = Timeframe.M1.millis();
    long t = Timeframe.M1.floorMillis(start.toEpochMilli());
    double anchor = Math.log(2000);
    double level = anchor;
    double logPrice = anchor;
    int phaseLeft = 0;
    double drift = 0;
    double pull = 0;
    double vol = 0;
    for (int i = 0; i < count; i++) {
      if (phaseLeft == 0) {
        phaseLeft = (3 + rnd.nextInt(13)) * 1440;
        int kind = rnd.nextInt(4);
        level = logPrice;
        // trends lean back towards the anchor, so years of phases stay in a band
        double back = anchor - logPrice > 0 ? 1 : -1;
        drift = kind == 0 ? 0 : (kind == 1 ? back : -back) * (0.5 + rnd.nextDouble()) * 2e-5;
        pull = kind == 0 || kind == 3 ? 2e-4 : 0;
        vol = (0.5 + rnd.nextDouble()) * 8e-4;
      }
      phaseLeft--;
      double open = Math.exp(logPrice);
      logPrice += drift + pull * (level - logPrice) + vol * gaussian(rnd);
      double close = Math.exp(logPrice);
      double high = Math.max(open, close) * (1 + vol * Math.abs(gaussian(rnd)) * 0.5);
      double low = Math.min(open, close) * (1 - vol * Math.abs(gaussian(rnd)) * 0.5);
      double volume = 0.5 + Math.abs(gaussian(rnd));
      b.add(t, cents(open), cents(high), cents(low), cents(close), Math.round(volume * 1e4) / 1e4);
      t += minute;
    }
    return b.build();
  }

  /** Two decimals, like an exchange's price increment. */
  private static double cents(double v) {
    return Math.max(0.01, Math.round(v * 100) / 100.0);
  }

  private static double gaussian(SplittableRandom rnd) {
    double u = 1.0 - rnd.nextDouble();
    double v = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
