package io.github.mmsdk.store.git.internal;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Raw candle day files ({@code raw_data/<SYMBOL>/<tf>/<YYYY-MM-DD>.json}): a JSON object with
 * {@code schema_version} and one candle per line, {@code
 * [open_time_ms,open,high,low,close,volume]}, sorted by time. A candle, once stored, is never
 * changed; new candles are merged in.
 */
public final class RawCandles {

  private RawCandles() {}

  /**
   * The candle lines of a stored day file, by open time.
   *
   * @param bytes the file
   * @return open time to line text (without separators)
   */
  public static TreeMap<Long, String> lines(byte[] bytes) {
    TreeMap<Long, String> out = new TreeMap<>();
    String text = new String(bytes, StandardCharsets.UTF_8);
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      String line = text.substring(start, end).trim();
      if (line.endsWith(",")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.startsWith("[") && line.endsWith("]") && line.length() > 2) {
        int comma = line.indexOf(',');
        if (comma > 1) {
          try {
            out.put(Long.parseLong(line.substring(1, comma).trim()), line);
          } catch (NumberFormatException e) {
            throw new WireException("candles", "bad open time in line: " + line);
          }
        }
      }
      start = end + 1;
    }
    return out;
  }

  /**
   * Merges a day's candles of a series into the stored file.
   *
   * @param existing the stored file, if any
   * @param symbol the pair
   * @param tf the timeframe
   * @param day the UTC day
   * @param series the series
   * @param from first index of the day in the series
   * @param to end index (exclusive)
   * @return the new file, or empty when every candle was already stored
   */
  public static Optional<byte[]> merge(
      Optional<TreeMap<Long, String>> existing,
      Symbol symbol,
      Timeframe tf,
      LocalDate day,
      CandleSeries series,
      int from,
      int to) {
    if (existing.isPresent() && containsAll(existing.get(), series, from, to)) {
      return Optional.empty(); // the usual case of a cycle: the day is stored already
    }
    TreeMap<Long, String> lines = existing.map(TreeMap::new).orElseGet(TreeMap::new);
    boolean added = false;
    for (int i = from; i < to; i++) {
      long t = series.openTimeMillis(i);
      if (!lines.containsKey(t)) {
        lines.put(
            t,
            "["
                + t
                + ","
                + series.open(i)
                + ","
                + series.high(i)
                + ","
                + series.low(i)
                + ","
                + series.close(i)
                + ","
                + series.volume(i)
                + "]");
        added = true;
      }
    }
    if (!added) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder(64 + lines.size() * 80);
    sb.append("{\"schema_version\":")
        .append(WireSchema.RAW.current())
        .append(",\"symbol\":\"")
        .append(symbol)
        .append("\",\"timeframe\":\"")
        .append(tf.label())
        .append("\",\"date\":\"")
        .append(day)
        .append("\",\"columns\":[\"open_time\",\"open\",\"high\",\"low\",\"close\",\"volume\"],")
        .append("\"candles\":[\n");
    int n = 0;
    for (Map.Entry<Long, String> e : lines.entrySet()) {
      sb.append(e.getValue()).append(++n < lines.size() ? ",\n" : "\n");
    }
    sb.append("]}\n");
    return Optional.of(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Whether stored open times hold every candle of a day's part of a series.
   *
   * @param times the stored open times, ascending
   * @param series the series (ascending open times)
   * @param from first index of the day in the series
   * @param to end index (exclusive)
   * @return whether every candle is stored
   */
  public static boolean covers(long[] times, CandleSeries series, int from, int to) {
    int k = 0;
    for (int i = from; i < to; i++) {
      long t = series.openTimeMillis(i);
      while (k < times.length && times[k] < t) {
        k++;
      }
      if (k == times.length || times[k] != t) {
        return false;
      }
    }
    return true;
  }

  private static boolean containsAll(
      TreeMap<Long, String> lines, CandleSeries series, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!lines.containsKey(series.openTimeMillis(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Adds the stored candles in {@code [fromMs, toMs)} to a series builder, in time order.
   *
   * @param lines the stored lines
   * @param fromMs start, inclusive
   * @param toMs end, exclusive
   * @param out the builder
   */
  public static void addTo(
      TreeMap<Long, String> lines, long fromMs, long toMs, CandleSeries.Builder out) {
    for (String line : lines.subMap(fromMs, toMs).values()) {
      String[] p = line.substring(1, line.length() - 1).split(",");
      if (p.length != 6) {
        throw new WireException("candles", "expected 6 columns: " + line);
      }
      try {
        out.add(
            Long.parseLong(p[0].trim()),
            Double.parseDouble(p[1]),
            Double.parseDouble(p[2]),
            Double.parseDouble(p[3]),
            Double.parseDouble(p[4]),
            Double.parseDouble(p[5]));
      } catch (NumberFormatException e) {
        throw new WireException("candles", "bad number in line: " + line);
      }
    }
  }
}
