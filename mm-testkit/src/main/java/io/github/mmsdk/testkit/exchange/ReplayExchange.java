package io.github.mmsdk.testkit.exchange;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.exchange.AccountBalance;
import io.github.mmsdk.api.exchange.AuthenticationException;
import io.github.mmsdk.api.exchange.ExchangeInterface;
import io.github.mmsdk.api.exchange.FeeRates;
import io.github.mmsdk.api.exchange.KeyPermissions;
import io.github.mmsdk.api.exchange.MarketData;
import io.github.mmsdk.api.exchange.PermanentExchangeException;
import io.github.mmsdk.api.exchange.SymbolRules;
import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.health.HealthStatus;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exchange that replays recorded candles as of a {@link Clock}: public market data only.
 *
 * <p>Candles come from {@link CandleSeries} (or CSV files in the shared data format, see {@link
 * CsvCandles}), one per symbol and timeframe. A timeframe that was not given is aggregated from a
 * finer one that divides it (4h from 1h, 1d from 1h, 15m from 5m or 1m), counting only complete
 * buckets. Every answer is what the exchange would have said at the clock's instant: a candle is
 * returned only once it has closed ({@code open + timeframe <= clock.instant()}), and market data
 * is derived from the finest series up to that instant. Move the clock (e.g. a {@code TestClock})
 * to walk through history in a backtest.
 *
 * <p>Private calls ({@link #balance}, {@link #keyPermissions}) throw {@link
 * AuthenticationException}: a replay has no account. Use {@link SimulatedExchange} for one.
 * Thread-safe.
 */
public final class ReplayExchange implements ExchangeInterface {
  private static final Duration DAY = Duration.ofDays(1);
  private static final long YEAR_1000 = Instant.parse("1000-01-01T00:00:00Z").getEpochSecond();
  private static final long YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

  private final String id;
  private final Clock clock;
  private final Map<Symbol, Map<Timeframe, CandleSeries>> series;
  private final Map<Symbol, SymbolRules> rules;
  private final BigDecimal makerFee;
  private final BigDecimal takerFee;
  private final Map<String, CandleSeries> aggregated = new ConcurrentHashMap<>();
  private final Map<Symbol, SymbolRules> defaultRules = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private ReplayExchange(Builder b) {
    this.id = b.id;
    this.clock = b.clock;
    Map<Symbol, Map<Timeframe, CandleSeries>> copy = new HashMap<>();
    b.series.forEach((s, m) -> copy.put(s, new EnumMap<>(m)));
    this.series = copy;
    this.rules = new HashMap<>(b.rules);
    this.makerFee = b.makerFee;
    this.takerFee = b.takerFee;
  }

  /**
   * Starts a replay exchange.
   *
   * @param clock the clock whose instant is "now" for every answer
   * @return a builder
   */
  public static Builder builder(Clock clock) {
    return new Builder(clock);
  }

  /**
   * A replay exchange over some series.
   *
   * @param clock the clock whose instant is "now"
   * @param series the candles, at most one series per symbol and timeframe
   * @return the exchange
   */
  public static ReplayExchange of(Clock clock, CandleSeries... series) {
    Builder b = builder(clock);
    for (CandleSeries s : series) {
      b.add(s);
    }
    return b.build();
  }

  /** {@return the clock this exchange answers at} */
  public Clock clock() {
    return clock;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public CandleSeries candles(Symbol symbol, Timeframe timeframe, Instant from, Instant to) {
    ensureOpen("candles");
    CandleSeries s = series(symbol, timeframe, "candles");
    if (!to.isAfter(from)) {
      return CandleSeries.empty(symbol, timeframe);
    }
    return s.between(from, to).upTo(clock.instant());
  }

  @Override
  public MarketData marketData(Symbol symbol) {
    ensureOpen("market data");
    Instant now = clock.instant();
    CandleSeries s = finest(symbol, "market data").upTo(now);
    if (s.isEmpty()) {
      throw new PermanentExchangeException(
          id, "market data", "no_data", symbol + " has no closed candle at " + now, null);
    }
    int last = s.size() - 1;
    double close = s.close(last);
    CandleSeries before = s.upTo(now.minus(DAY));
    double ref = before.isEmpty() ? s.open(0) : before.close(before.size() - 1);
    double volume = 0;
    for (int i = before.size(); i <= last; i++) {
      volume += s.volume(i);
    }
    return new MarketData.Builder()
        .symbol(symbol)
        .lastPrice(BigDecimal.valueOf(close))
        .change24hPct((close - ref) / ref * 100.0)
        .volume24h(BigDecimal.valueOf(volume))
        .asOf(now)
        .build();
  }

  @Override
  public AccountBalance balance(String quoteCurrency) {
    ensureOpen("balance");
    throw noAccount("balance");
  }

  @Override
  public KeyPermissions keyPermissions() {
    ensureOpen("key permissions");
    throw noAccount("key permissions");
  }

  @Override
  public SymbolRules symbolRules(Symbol symbol) {
    ensureOpen("symbol rules");
    finest(symbol, "symbol rules");
    SymbolRules r = rules.get(symbol);
    if (r != null) {
      return r;
    }
    return defaultRules.computeIfAbsent(symbol, ReplayExchange::permissiveRules);
  }

  private static SymbolRules permissiveRules(Symbol symbol) {
    return new SymbolRules.Builder()
        .symbol(symbol)
        .baseMinSize(new BigDecimal("0.00001"))
        .baseIncrement(new BigDecimal("0.00000001"))
        .quoteMinSize(new BigDecimal("0.1"))
        .priceIncrement(new BigDecimal("0.01"))
        .build();
  }

  @Override
  public FeeRates feeRates(Symbol symbol) {
    ensureOpen("fee rates");
    finest(symbol, "fee rates");
    return FeeRates.of(symbol, makerFee, takerFee);
  }

  @Override
  public Health health() {
    if (closed) {
      return Health.down("exchange:" + id, "closed");
    }
    return new Health.Builder()
        .component("exchange:" + id)
        .status(HealthStatus.UP)
        .putDetail("symbols", String.valueOf(series.size()))
        .putDetail("clock", instantText(clock.instant()))
        .build();
  }

  /**
   * {@code instant.toString()}, written by hand for whole seconds of the years 1000-9999 (the
   * formatter behind it costs a microsecond, and health is read every decision cycle).
   */
  static String instantText(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (instant.getNano() != 0 || seconds < YEAR_1000 || seconds >= YEAR_10000) {
      return instant.toString();
    }
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
    int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
    char[] out = "0000-00-00T00:00:00Z".toCharArray();
    digits(out, 0, day.getYear(), 4);
    digits(out, 5, day.getMonthValue(), 2);
    digits(out, 8, day.getDayOfMonth(), 2);
    digits(out, 11, secondOfDay / 3600, 2);
    digits(out, 14, secondOfDay / 60 % 60, 2);
    digits(out, 17, secondOfDay % 60, 2);
    return new String(out);
  }

  private static void digits(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "ReplayExchange[" + id + ", " + series.keySet() + "]";
  }

  /** The finest timeframe with data for a symbol (used by {@link SimulatedExchange}). */
  Timeframe finestTimeframe(Symbol symbol, String operation) {
    Map<Timeframe, CandleSeries> m = series.get(symbol);
    if (m == null || m.isEmpty()) {
      throw unknown(symbol, operation);
    }
    return m.keySet().iterator().next();
  }

  /** The maker fee (used by {@link SimulatedExchange}). */
  BigDecimal makerFee() {
    return makerFee;
  }

  /** The taker fee (used by {@link SimulatedExchange}). */
  BigDecimal takerFee() {
    return takerFee;
  }

  /** All candles of a symbol and timeframe, ignoring the clock. */
  CandleSeries series(Symbol symbol, Timeframe timeframe, String operation) {
    Map<Timeframe, CandleSeries> m = series.get(symbol);
    if (m == null || m.isEmpty()) {
      throw unknown(symbol, operation);
    }
    CandleSeries exact = m.get(timeframe);
    if (exact != null) {
      return exact;
    }
    Timeframe source = null;
    for (Timeframe t : m.keySet()) {
      if (t.millis() < timeframe.millis() && timeframe.millis() % t.millis() == 0) {
        source = t;
      }
    }
    if (source == null) {
      throw new PermanentExchangeException(
          id,
          operation,
          "unsupported_timeframe",
          symbol + " has no " + timeframe.label() + " candles and none finer to aggregate",
          null);
    }
    CandleSeries from = m.get(source);
    return aggregated.computeIfAbsent(
        symbol + "/" + timeframe.label(), k -> aggregate(from, timeframe));
  }

  private CandleSeries finest(Symbol symbol, String operation) {
    return series(symbol, finestTimeframe(symbol, operation), operation);
  }

  static CandleSeries aggregate(CandleSeries src, Timeframe target) {
    int per = (int) (target.millis() / src.timeframe().millis());
    CandleSeries.Builder b = CandleSeries.builder(src.symbol(), target, src.size() / per + 1);
    int i = 0;
    int n = src.size();
    while (i < n) {
      long bucket = target.floorMillis(src.openTimeMillis(i));
      int j = i;
      double o = src.open(i);
      double h = src.high(i);
      double l = src.low(i);
      double c = src.close(i);
      double v = 0;
      while (j < n && src.openTimeMillis(j) < bucket + target.millis()) {
        h = Math.max(h, src.high(j));
        l = Math.min(l, src.low(j));
        c = src.close(j);
        v += src.volume(j);
        j++;
      }
      if (j - i == per) {
        b.add(bucket, o, h, l, c, v);
      }
      i = j;
    }
    return b.build();
  }

  private void ensureOpen(String operation) {
    if (closed) {
      throw new PermanentExchangeException(id, operation, "closed", "the exchange is closed", null);
    }
  }

  private PermanentExchangeException unknown(Symbol symbol, String operation) {
    return new PermanentExchangeException(
        id, operation, "unknown_symbol", "no data for " + symbol, null);
  }

  private AuthenticationException noAccount(String operation) {
    return new AuthenticationException(
        id, operation, "no_credentials", "a replay exchange has public market data only");
  }

  /** Builds a {@link ReplayExchange}. Not thread-safe. */
  public static final class Builder {
    private final Clock clock;
    private String id = "replay";
    private final Map<Symbol, Map<Timeframe, CandleSeries>> series = new HashMap<>();
    private final Map<Symbol, SymbolRules> rules = new HashMap<>();
    private BigDecimal makerFee = new BigDecimal("0.001");
    private BigDecimal takerFee = new BigDecimal("0.001");

    private Builder(Clock clock) {
      this.clock = clock;
    }

    /**
     * Sets the exchange id (default {@code replay}).
     *
     * @param id a lower-case id
     * @return this builder
     */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /**
     * Adds the candles of one symbol and timeframe, replacing any earlier series of both.
     *
     * @param candles the candles
     * @return this builder
     */
    public Builder add(CandleSeries candles) {
      series
          .computeIfAbsent(candles.symbol(), s -> new EnumMap<>(Timeframe.class))
          .put(candles.timeframe(), candles);
      return this;
    }

    /**
     * Adds a CSV file named {@code <SYMBOL>_<interval>_<exchange>.csv} (see {@link CsvCandles}).
     *
     * @param file the file
     * @return this builder
     */
    public Builder addCsv(Path file) {
      return add(CsvCandles.read(file));
    }

    /**
     * Sets the trading rules of a symbol (otherwise permissive defaults).
     *
     * @param symbolRules the rules
     * @return this builder
     */
    public Builder symbolRules(SymbolRules symbolRules) {
      rules.put(symbolRules.symbol(), symbolRules);
      return this;
    }

    /**
     * Sets the fee rates of every symbol (default 0.001 each).
     *
     * @param maker the maker rate
     * @param taker the taker rate
     * @return this builder
     */
    public Builder fees(BigDecimal maker, BigDecimal taker) {
      this.makerFee = maker;
      this.takerFee = taker;
      return this;
    }

    /** {@return the exchange} */
    public ReplayExchange build() {
      return new ReplayExchange(this);
    }
  }
}
