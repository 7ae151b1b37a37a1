package io.github.mmsdk.samples.runner;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.exchange.ExchangeInterface;
import io.github.mmsdk.api.exchange.ExchangeProviders;
import io.github.mmsdk.api.exchange.ExchangeSettings;
import io.github.mmsdk.exchange.kucoin.KuCoinExchange;
import io.github.mmsdk.samples.demo.DemoMarket;
import io.github.mmsdk.testkit.exchange.ReplayExchange;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Where a command's candles come from: {@code demo} (the deterministic demo market), {@code
 * csv:PATH} (a file in the ../shared/data format, 1h or finer, aggregated up to 1h) or {@code
 * kucoin} (public market data).
 *
 * <p>CSV gap policy: the reader invents no candle. A gap in the file stays a gap; when the file is
 * finer than 1h, an hour is built only from a complete set of its candles (an hour with any missing
 * is left out, so it becomes a gap). The regime engine then applies its own gap policy (by default
 * a flat filler candle for gaps up to 6 bars, a refusal beyond).
 */
final class CandleSource {

  /** The header line of a candle file. */
  static final String HEADER = "open_time_ms,open,high,low,close,volume";

  private static final String[] FIELDS = {"open_time_ms", "open", "high", "low", "close", "volume"};

  /** The demo market's first candle, shared by every command that uses it. */
  static final Instant DEMO_START = Instant.parse("2024-01-01T00:00:00Z");

  /** Which source. */
  enum Kind {
    DEMO,
    CSV,
    KUCOIN
  }

  private final Kind kind;
  private final Optional<Path> file;

  private CandleSource(Kind kind, Optional<Path> file) {
    this.kind = kind;
    this.file = file;
  }

  /**
   * Parses a {@code --source} value.
   *
   * @param spec the command, for the usage error
   * @param text the value
   * @param allowed the kinds the command accepts
   * @return the source
   * @throws CommandLine.ParameterException when the value names no allowed source
   */
  static CandleSource parse(CommandLine.Model.CommandSpec spec, String text, Kind... allowed) {
    CandleSource s;
    if (text.equals("demo")) {
      s = new CandleSource(Kind.DEMO, Optional.empty());
    } else if (text.equals("kucoin")) {
      s = new CandleSource(Kind.KUCOIN, Optional.empty());
    } else if (text.startsWith("csv:") && text.length() > 4) {
      s = new CandleSource(Kind.CSV, Optional.of(Path.of(text.substring(4))));
    } else {
      s = null;
    }
    StringBuilder names = new StringBuilder();
    boolean ok = false;
    for (Kind k : allowed) {
      names.append(names.length() == 0 ? "" : ", ").append(k == Kind.CSV ? "csv:PATH" : label(k));
      ok |= s != null && s.kind == k;
    }
    if (!ok) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--source must be one of " + names + "; was '" + text + "'");
    }
    return s;
  }

  private static String label(Kind k) {
    return k.name().toLowerCase(Locale.ROOT);
  }

  /** {@return which source} */
  Kind kind() {
    return kind;
  }

  /**
   * The 1h candles of a demo or CSV source.
   *
   * @param demoSymbol the demo market's symbol (a CSV file names its own)
   * @param demoHours how many demo hours from {@link #DEMO_START}
   * @param seed the demo market's seed
   * @return the candles
   * @throws CsvFileException when the file is missing or malformed
   */
  CandleSeries hourly(Symbol demoSymbol, int demoHours, long seed) {
    if (kind == Kind.DEMO) {
      return DemoMarket.generate(demoSymbol, Timeframe.H1, DEMO_START, demoHours, seed);
    }
    if (kind == Kind.CSV) {
      return readHourly(file.orElseThrow());
    }
    throw new IllegalStateException("kucoin has no fixed candle series; use exchange()");
  }

  /**
   * The candles of a demo or CSV source at an interval of 1h or finer: the demo market generates
   * them at that interval; a CSV file must hold them at that interval, or finer ones when the
   * interval is 1h (aggregated, as {@link #hourly} does).
   *
   * @param spec the command, for the usage error
   * @param demoSymbol the demo market's symbol (a CSV file names its own)
   * @param interval 1h, 15m, 5m or 1m
   * @param demoHours how many demo hours from {@link #DEMO_START}
   * @param seed the demo market's seed
   * @return the candles
   * @throws CsvFileException when the file is missing or malformed
   * @throws CommandLine.ParameterException when the file's interval is not the one asked for
   */
  CandleSeries candles(
      CommandLine.Model.CommandSpec spec,
      Symbol demoSymbol,
      Timeframe interval,
      int demoHours,
      long seed) {
    if (interval == Timeframe.H1) {
      return hourly(demoSymbol, demoHours, seed);
    }
    int perHour = (int) (Timeframe.H1.millis() / interval.millis());
    if (kind == Kind.DEMO) {
      return DemoMarket.generate(demoSymbol, interval, DEMO_START, demoHours * perHour, seed);
    }
    CandleSeries s = read(file.orElseThrow());
    if (s.timeframe() != interval) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          file.orElseThrow()
              + " holds "
              + s.timeframe().label()
              + " candles, not "
              + interval.label()
              + ": use --interval "
              + s.timeframe().label()
              + " or 1h");
    }
    return s;
  }

  /**
   * An exchange over this source: a replay exchange over the demo or CSV candles as of the clock,
   * or KuCoin's public market data (credentials from the environment when set).
   *
   * @param clock the clock
   * @param demoSymbols the demo market's symbols
   * @param demoHours how many demo hours from {@link #DEMO_START}
   * @param seed the demo market's seed
   * @param env the environment
   * @return the exchange
   */
  ExchangeInterface exchange(
      Clock clock, List<Symbol> demoSymbols, int demoHours, long seed, Map<String, String> env) {
    if (kind == Kind.KUCOIN) {
      ExchangeSettings.Builder settings = new ExchangeSettings.Builder();
      KuCoinExchange.credentialsFromEnvironment(env).ifPresent(settings::credentials);
      return ExchangeProviders.byId("kucoin").create(settings.build(), clock);
    }
    ReplayExchange.Builder b = ReplayExchange.builder(clock).id(label(kind));
    if (kind == Kind.CSV) {
      b.add(readHourly(file.orElseThrow()));
    } else {
      for (Symbol s : demoSymbols) {
        b.add(DemoMarket.generate(s, Timeframe.H1, DEMO_START, demoHours, seed));
      }
    }
    return b.build();
  }

  /**
   * Reads a candle file of the ../shared/data format, 1h or finer, as 1h candles.
   *
   * @param file {@code <SYMBOL>_<interval>[_<exchange>].csv}
   * @return the 1h candles
   * @throws CsvFileException naming the line and column of the first problem
   */
  static CandleSeries readHourly(Path file) {
    CandleSeries s = read(file);
    if (s.timeframe() == Timeframe.H1) {
      return s;
    }
    return toHourly(s);
  }

  /**
   * Reads a candle file of the ../shared/data format, checking every field.
   *
   * @param file {@code <SYMBOL>_<interval>[_<exchange>].csv}
   * @return its candles
   * @throws CsvFileException naming the line and column of the first problem
   */
  static CandleSeries read(Path file) {
    Path name = file.getFileName();
    String[] parts = name == null ? new String[0] : name.toString().split("_");
    if (parts.length < 2 || !name.toString().endsWith(".csv")) {
      throw new CsvFileException(
          file,
          0,
          0,
          "the name must be <SYMBOL>_<interval>[_<exchange>].csv, e.g. ETH-USDT_1h.csv");
    }
    Symbol symbol;
    Timeframe tf;
    try {
      symbol = Symbol.parse(parts[0]);
      tf = Timeframe.parse(parts[1].replace(".csv", ""));
    } catch (RuntimeException e) {
      throw new CsvFileException(
          file, 0, 0, "the name says no symbol and interval: " + e.getMessage());
    }
    if (tf.millis() > Timeframe.H1.millis()) {
      throw new CsvFileException(
          file, 0, 0, "1h or finer candles are needed, the file has " + tf.label());
    }
    CandleSeries.Builder b = CandleSeries.builder(symbol, tf, 1024);
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = r.readLine();
      if (header == null) {
        throw new CsvFileException(file, 1, 1, "the file is empty; expected the header " + HEADER);
      }
      if (header.startsWith("\uFEFF")) {
        header = header.substring(1);
      }
      if (!header.equals(HEADER)) {
        throw new CsvFileException(
            file,
            1,
            firstDifference(header, HEADER) + 1,
            "expected the header '" + HEADER + "', found '" + header + "'");
      }
      String line;
      int lineNo = 1;
      long previous = Long.MIN_VALUE;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        double[] v = new double[5];
        long open = parseLine(file, lineNo, line, v);
        if (open <= previous) {
          throw new CsvFileException(
              file,
              lineNo,
              1,
              "open_time_ms "
                  + open
                  + " is not after the previous line's "
                  + previous
                  + " (rows must rise strictly)");
        }
        if (open % tf.millis() != 0) {
          throw new CsvFileException(
              file,
              lineNo,
              1,
              "open_time_ms " + open + " is not on the " + tf.label() + " grid (UTC)");
        }
        checkCandle(file, lineNo, line, v);
        b.add(open, v[0], v[1], v[2], v[3], v[4]);
        previous = open;
      }
    } catch (NoSuchFileException e) {
      throw new CsvFileException(file, 0, 0, "no such file");
    } catch (IOException e) {
      throw new CsvFileException(file, 0, 0, "cannot read: " + e.getMessage());
    }
    return b.build();
  }

  /** Parses one data line into {@code v} (open, high, low, close, volume); returns the time. */
  private static long parseLine(Path file, int lineNo, String line, double[] v) {
    int start = 0;
    long open = 0;
    for (int f = 0; f < FIELDS.length; f++) {
      int end = line.indexOf(',', start);
      if (f == FIELDS.length - 1) {
        if (end >= 0) {
          throw new CsvFileException(
              file, lineNo, end + 1, "expected 6 fields, found more (an extra ',')");
        }
        end = line.length();
      } else if (end < 0) {
        throw new CsvFileException(
            file,
            lineNo,
            line.length() + 1,
            "expected 6 fields, found " + (f + 1) + " (" + FIELDS[f + 1] + " is missing)");
      }
      String text = line.substring(start, end).strip();
      try {
        if (f == 0) {
          open = Long.parseLong(text);
        } else {
          v[f - 1] = Double.parseDouble(text);
          if (!Double.isFinite(v[f - 1])) {
            throw new NumberFormatException();
          }
        }
      } catch (NumberFormatException e) {
        throw new CsvFileException(
            file,
            lineNo,
            start + 1,
            FIELDS[f]
                + " is not "
                + (f == 0 ? "an integer (epoch milliseconds)" : "a finite number")
                + ": '"
                + text
                + "'");
      }
      start = end + 1;
    }
    return open;
  }

  /** Checks the OHLC invariants, naming the column of the offending field. */
  private static void checkCandle(Path file, int lineNo, String line, double[] v) {
    for (int f = 0; f < 4; f++) {
      if (v[f] <= 0) {
        throw new CsvFileException(
            file, lineNo, column(line, f + 1), FIELDS[f + 1] + " must be > 0, was " + v[f]);
      }
    }
    if (v[4] < 0) {
      throw new CsvFileException(
          file, lineNo, column(line, 5), "volume must not be negative, was " + v[4]);
    }
    if (v[1] < Math.max(v[0], v[3])) {
      throw new CsvFileException(
          file, lineNo, column(line, 2), "high " + v[1] + " is below open or close");
    }
    if (v[2] > Math.min(v[0], v[3])) {
      throw new CsvFileException(
          file, lineNo, column(line, 3), "low " + v[2] + " is above open or close");
    }
  }

  /** The 1-based column where field {@code f} starts. */
  private static int column(String line, int f) {
    int at = 0;
    for (int i = 0; i < f; i++) {
      at = line.indexOf(',', at) + 1;
    }
    return at + 1;
  }

  private static int firstDifference(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      if (a.charAt(i) != b.charAt(i)) {
        return i;
      }
    }
    return n;
  }

  /** Aggregates finer candles into complete hours only (see the class comment). */
  static CandleSeries toHourly(CandleSeries fine) {
    long h = Timeframe.H1.millis();
    int per = (int) (h / fine.timeframe().millis());
    CandleSeries.Builder b = CandleSeries.builder(fine.symbol(), Timeframe.H1, fine.size() / per);
    int i = 0;
    while (i < fine.size()) {
      long hour = Math.floorDiv(fine.openTimeMillis(i), h) * h;
      int j = i;
      while (j < fine.size() && fine.openTimeMillis(j) < hour + h) {
        j++;
      }
      if (j - i == per) {
        double hi = Double.NEGATIVE_INFINITY;
        double lo = Double.POSITIVE_INFINITY;
        double vol = 0;
        for (int k = i; k < j; k++) {
          hi = Math.max(hi, fine.high(k));
          lo = Math.min(lo, fine.low(k));
          vol += fine.volume(k);
        }
        b.add(hour, fine.open(i), hi, lo, fine.close(j - 1), vol);
      }
      i = j;
    }
    return b.build();
  }
}
