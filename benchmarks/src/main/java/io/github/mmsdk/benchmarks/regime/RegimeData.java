package io.github.mmsdk.benchmarks.regime;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** The benchmark input: BTC-USDT 1h from ../shared/data, or a seeded random walk of equal size. */
final class RegimeData {
  private RegimeData() {}

  static final int SIZE = 21_610;

  static CandleSeries hourly() {
    Path dir = Path.of(System.getProperty("mm.shared.dir", "../shared")).resolve("data");
    Path file = dir.resolve("BTC-USDT_1h_kucoin.csv");
    if (Files.isRegularFile(file)) {
      try {
        List<String> lines = Files.readAllLines(file);
        CandleSeries.Builder b =
            CandleSeries.builder(Symbol.of("BTC", "USDT"), Timeframe.H1, lines.size());
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
    Random r = new Random(20261123L);
    CandleSeries.Builder b = CandleSeries.builder(Symbol.of("BTC", "USDT"), Timeframe.H1, SIZE);
    double c = 40_000;
    for (int i = 0; i < SIZE; i++) {
      double o = c;
      c = o * Math.exp(0.006 * r.nextGaussian());
      double h = Math.max(o, c) * (1 + 0.002 * Math.abs(r.nextGaussian()));
      double l = Math.min(o, c) * (1 - 0.002 * Math.abs(r.nextGaussian()));
      b.add(1_699_538_400_000L + i * 3_600_000L, o, h, l, c, 100);
    }
    return b.build();
  }
}
