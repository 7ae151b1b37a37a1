package io.github.mmsdk.exchange.kucoin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InvalidCandleException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.exchange.PermanentExchangeException;
import java.util.Map;
import java.util.TreeMap;

/**
 * KuCoin candle rows (KUCOIN_API.md §6.3): arrays of 7 strings, open time in <b>seconds</b>, then
 * <b>open, close, high, low</b>, volume, turnover; newest first. Rows are collected by open time
 * (which de-duplicates across pages), filtered to the range and to closed candles, and built in
 * ascending order.
 */
public final class Candles {
  /** KuCoin's per-call row limit. */
  public static final int PAGE_ROWS = 1500;

  private final Symbol symbol;
  private final Timeframe timeframe;
  private final TreeMap<Long, double[]> rows = new TreeMap<>();

  /**
   * Starts a collection.
   *
   * @param symbol the pair
   * @param timeframe the interval
   */
  public Candles(Symbol symbol, Timeframe timeframe) {
    this.symbol = symbol;
    this.timeframe = timeframe;
  }

  /**
   * KuCoin's {@code type} for a timeframe.
   *
   * @param tf the timeframe
   * @return e.g. {@code 1hour}
   */
  public static String type(Timeframe tf) {
    switch (tf) {
      case M1:
        return "1min";
      case M5:
        return "5min";
      case M15:
        return "15min";
      case H1:
        return "1hour";
      case H4:
        return "4hour";
      default:
        return "1day";
    }
  }

  /**
   * Parses one row of the REST or WebSocket candle array.
   *
   * @param op the operation, for errors
   * @param row the 7 (at least 6) strings
   * @return open time ms, open, high, low, close, volume
   * @throws PermanentExchangeException when the row is malformed
   */
  public static double[] parseRow(String op, JsonNode row) {
    if (row == null || !row.isArray() || row.size() < 6) {
      throw malformed(op, "a candle row has " + (row == null ? 0 : row.size()) + " fields");
    }
    try {
      long openSec = Long.parseLong(row.get(0).asText());
      double o = Double.parseDouble(row.get(1).asText());
      double c = Double.parseDouble(row.get(2).asText());
      double h = Double.parseDouble(row.get(3).asText());
      double l = Double.parseDouble(row.get(4).asText());
      double v = Double.parseDouble(row.get(5).asText());
      return new double[] {openSec * 1000.0, o, h, l, c, v};
    } catch (NumberFormatException e) {
      throw malformed(op, "a candle field is not a number");
    }
  }

  /**
   * Adds a page of rows.
   *
   * @param op the operation, for errors
   * @param data the envelope's data array
   * @return the number of rows in the page
   */
  public int addPage(String op, JsonNode data) {
    if (data == null || !data.isArray()) {
      throw malformed(op, "candles are not an array");
    }
    for (JsonNode row : data) {
      double[] r = parseRow(op, row);
      rows.put((long) r[0], r);
    }
    return data.size();
  }

  /**
   * Builds the series of candles with open time in {@code [fromMs, toMs)} that closed by {@code
   * nowMs}.
   *
   * @param op the operation, for errors
   * @param fromMs first open time, inclusive
   * @param toMs last open time, exclusive
   * @param nowMs the server's now
   * @return the series
   */
  public CandleSeries build(String op, long fromMs, long toMs, long nowMs) {
    CandleSeries.Builder b = CandleSeries.builder(symbol, timeframe, rows.size());
    for (Map.Entry<Long, double[]> e : rows.subMap(fromMs, true, toMs, false).entrySet()) {
      double[] r = e.getValue();
      if (e.getKey() + timeframe.millis() > nowMs) {
        continue;
      }
      try {
        b.add(e.getKey(), r[1], r[2], r[3], r[4], r[5]);
      } catch (InvalidCandleException x) {
        throw malformed(op, "an invalid candle: " + x.getMessage());
      }
    }
    return b.build();
  }

  private static PermanentExchangeException malformed(String op, String what) {
    return new PermanentExchangeException(ErrorClassifier.VENUE, op, "malformed", what, null);
  }
}
