package io.github.mmsdk.grid;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Reads the real KuCoin candles of ../shared/data (never copied into the repository). */
final class SharedData {

  private SharedData() {}

  static Path dataDir() {
    return Path.of(System.getProperty("mm.shared.dir", "../../shared")).resolve("data");
  }

  static CandleSeries load(String base, Timeframe tf) {
    Path dir = dataDir();
    Assumptions.assumeTrue(
        Files.isDirectory(dir), "../shared/data absent: skipping real-data test");
    Path file = dir.resolve(base + "-USDT_" + tf.label() + "_kucoin.csv");
    CandleSeries.Builder b = CandleSeries.builder(Symbol.of(base, "USDT"), tf, 70_000);
    try (BufferedReader r = Files.newBufferedReader(file)) {
      String line = r.readLine();
      while ((line = r.readLine()) != null) {
        String[] f = line.split(",");
        b.add(
            Long.parseLong(f[0]),
            Double.parseDouble(f[1]),
            Double.parseDouble(f[2]),
            Double.parseDouble(f[3]),
            Double.parseDouble(f[4]),
            Double.parseDouble(f[5]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b.build();
  }
}
