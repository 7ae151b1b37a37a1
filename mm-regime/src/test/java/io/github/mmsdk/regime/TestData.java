package io.github.mmsdk.regime;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;

/** Real candles from ../shared/data and generated series. */
final class TestData {
  private TestData() {}

  static final List<String> SYMBOLS = List.of("BTC-USDT", "ETH-USDT", "SOL-USDT");

  static Path dataDir() {
    return Path.of(System.getProperty("mm.shared.dir", "../../shared")).resolve("data");
  }

  static void assumeData() {
    Assumptions.assumeTrue(
        Files.isDirectory(dataDir()), "../shared/data absent: skipping real-data test");
  }

  static CandleSeries load(String symbol, Timeframe tf) {
    Path file = dataDir().resolve(symbol + "_" + tf.label() + "_kucoin.csv");
    try {
      List<String> lines = Files.readAllLines(file);
      CandleSeries.Builder b =
          CandleSeries.builder(Symbol.parse(symbol), tf, Math.max(1, lines.size() - 1));
      for (int i = 1; i < lines.size(); i++) {
        String[] f = lines.get(i).split(",");
        b.add(
            Long.parseLong(f[0]),
            Double.parseDouble(f[1]),
            Double.parseDouble(f[2]),
            Double.parseDouble(f[3]),
            Double.parseDouble(f[4]),
            Double.parseDouble(f[5]));
      }
      return b.build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A random-walk series with regime switches, hourly from 2024-01-01. */
  static CandleSeries random(long seed, int size, double start, double vol) {
    Random r = new Random(seed);
    CandleSeries.Builder b = CandleSeries.builder(Symbol.of("TST", "USDT"), Timeframe.H1, size);
    double c = start;
    long t = 1704067200000L;
    double drift = 0;
    for (int i = 0; i < size; i++) {
      if (r.nextInt(50) == 0) {
        drift = (r.nextDouble() - 0.5) * vol;
      }
      double o = c;
      double ret = drift + vol * r.nextGaussian();
      double close = o * Math.exp(ret);
      double hi = Math.max(o, close) * (1 + Math.abs(r.nextGaussian()) * vol * 0.5);
      double lo = Math.min(o, close) * (1 - Math.abs(r.nextGaussian()) * vol * 0.5);
      if (r.nextInt(40) == 0) {
        close = o; // occasional flat candles
        hi = o;
        lo = o;
      }
      b.add(t, o, hi, lo, close, 1 + r.nextInt(100));
      c = close;
      t += 3_600_000L;
    }
    return b.build();
  }

  static CandleSeries constant(int size, double price) {
    CandleSeries.Builder b = CandleSeries.builder(Symbol.of("TST", "USDT"), Timeframe.H1, size);
    long t = 1704067200000L;
    for (int i = 0; i < size; i++) {
      b.add(t + i * 3_600_000L, price, price, price, price, 1);
    }
    return b.build();
  }

  static CandleSeries scaled(CandleSeries s, double k) {
    CandleSeries.Builder b = CandleSeries.builder(s.symbol(), s.timeframe(), s.size());
    for (int i = 0; i < s.size(); i++) {
      b.add(
          s.openTimeMillis(i),
          s.open(i) * k,
          s.high(i) * k,
          s.low(i) * k,
          s.close(i) * k,
          s.volume(i));
    }
    return b.build();
  }
}
