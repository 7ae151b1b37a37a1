package io.github.mmsdk.testkit.exchange;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InvalidCandleException;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads candle files in the shared data format: a header {@code
 * open_time_ms,open,high,low,close,volume}, then one candle per line in strictly ascending
 * open-time order. File names follow {@code <SYMBOL>_<interval>_<exchange>.csv}, e.g. {@code
 * ETH-USDT_1h_kucoin.csv}.
 */
public final class CsvCandles {
  /** The exact header line of a candle file. */
  public static final String HEADER = "open_time_ms,open,high,low,close,volume";

  private CsvCandles() {}

  /**
   * Reads a file whose name says its symbol and timeframe ({@code ETH-USDT_1h_kucoin.csv}).
   *
   * @param file the CSV file
   * @return the candles
   * @throws InvalidConfigurationException when the name does not follow the pattern, the file is
   *     unreadable or a line is malformed
   * @throws InvalidCandleException when a candle breaks an OHLC or ordering invariant
   */
  public static CandleSeries read(Path file) {
    Path name = file.getFileName();
    String[] parts = name == null ? new String[0] : name.toString().split("_");
    if (parts.length < 2) {
      throw new InvalidConfigurationException(
          "csv.file", "'" + file + "' is not named <SYMBOL>_<interval>[_<exchange>].csv");
    }
    String interval =
        parts[1].endsWith(".csv") ? parts[1].substring(0, parts[1].length() - 4) : parts[1];
    return read(file, Symbol.parse(parts[0]), Timeframe.parse(interval));
  }

  /**
   * Reads a candle file.
   *
   * @param file the CSV file
   * @param symbol the symbol of its candles
   * @param timeframe the timeframe of its candles
   * @return the candles
   * @throws InvalidConfigurationException when the file is unreadable or a line is malformed
   * @throws InvalidCandleException when a candle breaks an OHLC or ordering invariant
   */
  public static CandleSeries read(Path file, Symbol symbol, Timeframe timeframe) {
    CandleSeries.Builder b = CandleSeries.builder(symbol, timeframe, 1024);
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = r.readLine();
      if (header == null || !header.trim().equals(HEADER)) {
        throw new InvalidConfigurationException(
            "csv.header", file + ": the first line must be '" + HEADER + "', was '" + header + "'");
      }
      String line;
      int lineNo = 1;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",", -1);
        if (f.length != 6) {
          throw new InvalidConfigurationException(
              "csv.line", file + " line " + lineNo + ": expected 6 fields, found " + f.length);
        }
        try {
          b.add(
              Long.parseLong(f[0].trim()),
              Double.parseDouble(f[1]),
              Double.parseDouble(f[2]),
              Double.parseDouble(f[3]),
              Double.parseDouble(f[4]),
              Double.parseDouble(f[5]));
        } catch (NumberFormatException e) {
          throw new InvalidConfigurationException(
              "csv.line", file + " line " + lineNo + ": not a number (" + e.getMessage() + ")");
        }
      }
    } catch (IOException e) {
      throw new InvalidConfigurationException("csv.file", "cannot read " + file + ": " + e);
    }
    return b.build();
  }
}
