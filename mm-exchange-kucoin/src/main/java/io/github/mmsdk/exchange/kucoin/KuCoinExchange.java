package io.github.mmsdk.exchange.kucoin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Secret;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.exchange.AccountBalance;
import io.github.mmsdk.api.exchange.ApiCredentials;
import io.github.mmsdk.api.exchange.AuthenticationException;
import io.github.mmsdk.api.exchange.CandleStream;
import io.github.mmsdk.api.exchange.CurrencyBalance;
import io.github.mmsdk.api.exchange.ExchangeInterface;
import io.github.mmsdk.api.exchange.ExchangeSettings;
import io.github.mmsdk.api.exchange.FeeRates;
import io.github.mmsdk.api.exchange.KeyPermissions;
import io.github.mmsdk.api.exchange.MarketData;
import io.github.mmsdk.api.exchange.OpenOrder;
import io.github.mmsdk.api.exchange.OpenOrders;
import io.github.mmsdk.api.exchange.PermanentExchangeException;
import io.github.mmsdk.api.exchange.PermissionRefusedException;
import io.github.mmsdk.api.exchange.SymbolRules;
import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.health.HealthStatus;
import io.github.mmsdk.exchange.kucoin.internal.Candles;
import io.github.mmsdk.exchange.kucoin.internal.ErrorClassifier;
import io.github.mmsdk.exchange.kucoin.internal.KuCoinConfig;
import io.github.mmsdk.exchange.kucoin.internal.LiveCandles;
import io.github.mmsdk.exchange.kucoin.internal.RateBudget.Pool;
import io.github.mmsdk.exchange.kucoin.internal.RestClient;
import io.github.mmsdk.exchange.kucoin.internal.Sleeper;
import io.github.mmsdk.exchange.kucoin.internal.wire.Account;
import io.github.mmsdk.exchange.kucoin.internal.wire.ApiKeyInfo;
import io.github.mmsdk.exchange.kucoin.internal.wire.HfFill;
import io.github.mmsdk.exchange.kucoin.internal.wire.HfOrder;
import io.github.mmsdk.exchange.kucoin.internal.wire.Level1;
import io.github.mmsdk.exchange.kucoin.internal.wire.Stats;
import io.github.mmsdk.exchange.kucoin.internal.wire.SymbolInfo;
import io.github.mmsdk.exchange.kucoin.internal.wire.Wire;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KuCoin spot through its REST API (and its WebSocket for live candles).
 *
 * <p>What it does: signed requests as KuCoin documents them (HMAC-SHA256, base64; passphrase signed
 * for key versions 2 and 3), a server-time offset measured with {@code /api/v1/timestamp} and
 * re-measured on error 400002; candles paged through KuCoin's 1,500-row limit, ascending,
 * de-duplicated, closed only; market data from level 1 and 24 h stats; balances summed per currency
 * over KuCoin's account types; symbol rules from {@code /api/v2/symbols}; open HF orders; HF fills
 * ({@link #fills}); fee rates (the pair's base rates from the 24 h stats: the account's VIP rates
 * need an endpoint this adapter does not call). Grid execution is absent: KuCoin cannot manage spot
 * grids through its API.
 *
 * <p>Resilience (Failsafe): a retry with exponential backoff and jitter on transient failures, the
 * rate-limit reset honoured on 429, a circuit breaker that opens after 3 consecutive failed calls
 * for 30 minutes on the injected clock, a timeout on every HTTP attempt, and a proactive rate
 * budget read from the {@code gw-ratelimit-*} headers. Every failure is one of the typed exchange
 * exceptions.
 *
 * <p>Key guard (seed Req 11): before the first private call other than {@link #keyPermissions()},
 * the key's permissions are read; a key that may withdraw ({@code Transfer}) or has no IP whitelist
 * is refused with {@link PermissionRefusedException}, as is a key without the {@code Spot}
 * permission when {@code require_trade=true}.
 *
 * <p>Options ({@link ExchangeSettings#options()}): {@code key_version} (1, 2 or 3; default 3, the
 * official SDK's choice; the docs' examples send 2), {@code retry_attempts} (3), {@code
 * retry_min_delay_ms} (1000), {@code retry_max_delay_ms} (10000), {@code retry_jitter} (0.25),
 * {@code breaker_failures} (3), {@code breaker_open_ms} (1800000), {@code require_trade} (false),
 * {@code ws_reconnect_min_ms} (1000), {@code ws_reconnect_max_ms} (30000), {@code
 * ws_welcome_timeout_ms} (10000). Secrets never appear in logs, {@code toString()} or messages.
 * Thread-safe.
 */
public final class KuCoinExchange implements ExchangeInterface {
  private static final Logger LOG = LoggerFactory.getLogger(KuCoinExchange.class);
  private static final String VENUE = ErrorClassifier.VENUE;
  private static final JavaType ACCOUNTS =
      Wire.MAPPER.getTypeFactory().constructType(new TypeReference<List<Account>>() {});
  private static final JavaType ORDERS =
      Wire.MAPPER.getTypeFactory().constructType(new TypeReference<List<HfOrder>>() {});

  private final KuCoinConfig config;
  private final Clock clock;
  private final ExecutorService httpExecutor;
  private final RestClient rest;
  private final LiveCandles live;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object drain = new Object();
  private volatile boolean closed;
  private KeyPermissions checkedKey;
  private volatile KeyPermissions lastRead;
  private PermissionRefusedException refusal;

  /**
   * Creates the adapter; no call is made until a method needs one.
   *
   * @param settings base address (KuCoin's public one when empty), credentials (public data only
   *     when empty), call timeout and options
   * @param clock the clock for signatures, rate budgets, closed-candle checks and circuit timing
   * @throws io.github.mmsdk.api.InvalidConfigurationException when an option is invalid
   */
  public KuCoinExchange(ExchangeSettings settings, Clock clock) {
    this.config = new KuCoinConfig(settings);
    this.clock = clock;
    AtomicInteger n = new AtomicInteger();
    this.httpExecutor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "kucoin-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(config.callTimeout())
            .executor(httpExecutor)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.rest = new RestClient(config, clock, Sleeper.REAL, http);
    this.live = new LiveCandles(config, clock, rest, this::candlesForStream);
  }

  /**
   * Reads credentials from environment variables {@code KUCOIN_API_KEY}, {@code KUCOIN_API_SECRET}
   * and {@code KUCOIN_API_PASSPHRASE}.
   *
   * @param environment the environment, e.g. {@code System.getenv()}
   * @return the credentials when all three are set and not blank
   */
  public static Optional<ApiCredentials> credentialsFromEnvironment(
      Map<String, String> environment) {
    String key = environment.get("KUCOIN_API_KEY");
    String secret = environment.get("KUCOIN_API_SECRET");
    String pass = environment.get("KUCOIN_API_PASSPHRASE");
    if (key == null
        || secret == null
        || pass == null
        || key.isBlank()
        || secret.isBlank()
        || pass.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(ApiCredentials.of(Secret.of(key), Secret.of(secret), Secret.of(pass)));
  }

  @Override
  public String id() {
    return VENUE;
  }

  @Override
  public CandleSeries candles(Symbol symbol, Timeframe timeframe, Instant from, Instant to) {
    return backfill(symbol, timeframe, from, to, BackfillProgress.NONE);
  }

  /**
   * Candles like {@link #candles}, reporting progress after each page: for long histories (21 days
   * of 1m, 540 days of 4h). The rate budget keeps the backfill under KuCoin's limits.
   *
   * @param symbol the pair
   * @param timeframe the interval
   * @param from first open time, inclusive
   * @param to last open time, exclusive
   * @param progress receives progress after each page
   * @return the closed candles, ascending
   * @throws io.github.mmsdk.api.exchange.ExchangeException when KuCoin cannot answer
   */
  public CandleSeries backfill(
      Symbol symbol, Timeframe timeframe, Instant from, Instant to, BackfillProgress progress) {
    return guarded(
        "candles",
        () -> {
          rest.syncTimeOnce();
          long now = rest.serverTimeMillis();
          long fromMs = from.toEpochMilli();
          long toMs = Math.min(to.toEpochMilli(), timeframe.floorMillis(now));
          Candles c = new Candles(symbol, timeframe);
          if (toMs <= fromMs) {
            return CandleSeries.empty(symbol, timeframe);
          }
          long start = timeframe.floorMillis(fromMs);
          long span = Candles.PAGE_ROWS * timeframe.millis();
          int total = (int) ((toMs - start + span - 1) / span);
          int done = 0;
          for (long ps = start; ps < toMs; ps += span) {
            long pe = Math.min(toMs, ps + span);
            Map<String, String> q = new LinkedHashMap<>();
            q.put("symbol", symbol.toString());
            q.put("type", Candles.type(timeframe));
            q.put("startAt", Long.toString(ps / 1000));
            q.put("endAt", Long.toString((pe + 999) / 1000 - 1));
            c.addPage("candles", rest.get("candles", "/api/v1/market/candles", q, Pool.PUBLIC, 3));
            done++;
            progress.onPage(done, total, Instant.ofEpochMilli(pe));
          }
          return c.build("candles", fromMs, toMs, rest.serverTimeMillis());
        });
  }

  private CandleSeries candlesForStream(
      Symbol symbol, Timeframe timeframe, Instant from, Instant to) {
    return candles(symbol, timeframe, from, to);
  }

  @Override
  public MarketData marketData(Symbol symbol) {
    return guarded(
        "market data",
        () -> {
          Map<String, String> q = Map.of("symbol", symbol.toString());
          Level1 l1 =
              RestClient.decode(
                  "market data",
                  rest.get("market data", "/api/v1/market/orderbook/level1", q, Pool.PUBLIC, 2),
                  Level1.class);
          Stats st =
              RestClient.decode(
                  "market data",
                  rest.get("market data", "/api/v1/market/stats", q, Pool.PUBLIC, 15),
                  Stats.class);
          if (l1.price() == null) {
            throw new PermanentExchangeException(
                VENUE, "market data", "no_data", "no last price for " + symbol, null);
          }
          MarketData.Builder b =
              new MarketData.Builder()
                  .symbol(symbol)
                  .lastPrice(l1.price())
                  .change24hPct(
                      st.changeRate() == null ? 0.0 : st.changeRate().doubleValue() * 100.0)
                  .volume24h(st.vol() == null ? BigDecimal.ZERO : st.vol())
                  .asOf(Instant.ofEpochMilli(Math.max(l1.time(), st.time())));
          Optional.ofNullable(l1.bestBid()).ifPresent(b::bestBid);
          Optional.ofNullable(l1.bestAsk()).ifPresent(b::bestAsk);
          return b.build();
        });
  }

  @Override
  public AccountBalance balance(String quoteCurrency) {
    return guarded(
        "balance",
        () -> {
          guardKey();
          List<Account> rows =
              RestClient.decode(
                  "balance",
                  rest.signedGet("balance", "/api/v1/accounts", Map.of(), Pool.MANAGEMENT, 5),
                  ACCOUNTS);
          Map<String, BigDecimal[]> sums = new TreeMap<>();
          for (Account a : rows) {
            if (a.currency() == null || a.balance() == null || a.available() == null) {
              throw new PermanentExchangeException(
                  VENUE, "balance", "malformed", "an account row lacks its amounts", null);
            }
            BigDecimal[] s =
                sums.computeIfAbsent(
                    a.currency(), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            s[0] = s[0].add(a.balance());
            s[1] = s[1].add(a.available());
          }
          Map<String, CurrencyBalance> holdings = new TreeMap<>();
          sums.forEach((c, s) -> holdings.put(c, CurrencyBalance.of(c, s[0], s[1])));
          CurrencyBalance q =
              holdings.getOrDefault(
                  quoteCurrency,
                  CurrencyBalance.of(quoteCurrency, BigDecimal.ZERO, BigDecimal.ZERO));
          return new AccountBalance.Builder()
              .quoteCurrency(quoteCurrency)
              .total(q.total())
              .available(q.available())
              .holdings(holdings)
              .asOf(clock.instant())
              .build();
        });
  }

  @Override
  public KeyPermissions keyPermissions() {
    return guarded("key permissions", this::readKey);
  }

  private KeyPermissions readKey() {
    if (!rest.hasCredentials()) {
      throw noCredentials("key permissions");
    }
    ApiKeyInfo info =
        RestClient.decode(
            "key permissions",
            rest.signedGet(
                "key permissions", "/api/v1/user/api-key", Map.of(), Pool.MANAGEMENT, 20),
            ApiKeyInfo.class);
    Set<String> raw = new LinkedHashSet<>();
    if (info.permission() != null) {
      Arrays.stream(info.permission().split(","))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .forEach(raw::add);
    }
    List<String> ips = new ArrayList<>();
    if (info.ipWhitelist() != null) {
      Arrays.stream(info.ipWhitelist().split(","))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .forEach(ips::add);
    }
    KeyPermissions p =
        new KeyPermissions.Builder()
            .trade(raw.contains("Spot"))
            .withdraw(raw.contains("Transfer"))
            .transfer(raw.contains("InnerTransfer"))
            .ipWhitelist(ips)
            .raw(raw)
            .build();
    lastRead = p;
    return p;
  }

  /** Reads and checks the key once; every private call goes through here first. */
  private synchronized void guardKey() {
    if (!rest.hasCredentials()) {
      throw noCredentials("balance");
    }
    if (refusal != null) {
      throw refusal;
    }
    if (checkedKey != null) {
      return;
    }
    KeyPermissions p = lastRead != null ? lastRead : readKey();
    if (p.withdraw()) {
      refusal =
          new PermissionRefusedException(
              VENUE,
              "withdraw",
              "the API key may withdraw funds; create a key without Transfer permission");
    } else if (!p.hasIpWhitelist()) {
      refusal =
          new PermissionRefusedException(
              VENUE,
              "ip_whitelist",
              "the API key has no IP whitelist; restrict it to your host's IP");
    } else if (config.requireTrade() && !p.trade()) {
      refusal =
          new PermissionRefusedException(
              VENUE, "trade", "trading was asked for but the API key lacks the Spot permission");
    }
    if (refusal != null) {
      LOG.warn("kucoin key refused permission={}", refusal.permission());
      throw refusal;
    }
    checkedKey = p;
  }

  @Override
  public SymbolRules symbolRules(Symbol symbol) {
    return guarded(
        "symbol rules",
        () -> {
          SymbolInfo s =
              RestClient.decode(
                  "symbol rules",
                  rest.get("symbol rules", "/api/v2/symbols/" + symbol, Map.of(), Pool.PUBLIC, 4),
                  SymbolInfo.class);
          BigDecimal quoteMin = s.minFunds() != null ? s.minFunds() : s.quoteMinSize();
          if (s.baseMinSize() == null
              || s.baseIncrement() == null
              || s.priceIncrement() == null
              || quoteMin == null) {
            throw new PermanentExchangeException(
                VENUE, "symbol rules", "malformed", "symbol rules lack a size or increment", null);
          }
          return new SymbolRules.Builder()
              .symbol(symbol)
              .baseMinSize(s.baseMinSize())
              .baseIncrement(s.baseIncrement())
              .quoteMinSize(quoteMin)
              .priceIncrement(s.priceIncrement())
              .tradingEnabled(s.enableTrading())
              .build();
        });
  }

  @Override
  public FeeRates feeRates(Symbol symbol) {
    return guarded(
        "fee rates",
        () -> {
          Stats st =
              RestClient.decode(
                  "fee rates",
                  rest.get(
                      "fee rates",
                      "/api/v1/market/stats",
                      Map.of("symbol", symbol.toString()),
                      Pool.PUBLIC,
                      15),
                  Stats.class);
          if (st.makerFeeRate() == null || st.takerFeeRate() == null) {
            throw new PermanentExchangeException(
                VENUE, "fee rates", "no_data", "no fee rates for " + symbol, null);
          }
          BigDecimal mc = st.makerCoefficient() == null ? BigDecimal.ONE : st.makerCoefficient();
          BigDecimal tc = st.takerCoefficient() == null ? BigDecimal.ONE : st.takerCoefficient();
          return FeeRates.of(
              symbol, st.makerFeeRate().multiply(mc), st.takerFeeRate().multiply(tc));
        });
  }

  @Override
  public Optional<CandleStream> candleStream() {
    return Optional.of(live);
  }

  @Override
  public Optional<OpenOrders> openOrders() {
    return Optional.of(this::activeOrders);
  }

  private List<OpenOrder> activeOrders(Symbol symbol) {
    return guarded(
        "open orders",
        () -> {
          guardKey();
          List<HfOrder> rows =
              RestClient.decode(
                  "open orders",
                  rest.signedGet(
                      "open orders",
                      "/api/v1/hf/orders/active",
                      Map.of("symbol", symbol.toString()),
                      Pool.SPOT,
                      2),
                  ORDERS);
          List<OpenOrder> out = new ArrayList<>();
          for (HfOrder o : rows) {
            out.add(
                new OpenOrder.Builder()
                    .id(o.id())
                    .symbol(symbol)
                    .side(
                        "sell".equalsIgnoreCase(o.side())
                            ? OpenOrder.Side.SELL
                            : OpenOrder.Side.BUY)
                    .price(o.price())
                    .size(o.size())
                    .filledSize(o.dealSize() == null ? BigDecimal.ZERO : o.dealSize())
                    .createdAt(Instant.ofEpochMilli(o.createdAt()))
                    .build());
          }
          return out;
        });
  }

  /**
   * The account's trades of a pair in {@code [from, to)}, oldest first, from {@code GET
   * /api/v1/hf/fills} (the high-frequency account's fills), paged 100 at a time with {@code
   * lastId}. Passes the key guard first.
   *
   * @param symbol the pair
   * @param from first trade time, inclusive
   * @param to last trade time, exclusive
   * @return the fills
   * @throws io.github.mmsdk.api.exchange.ExchangeException when KuCoin cannot answer or the key is
   *     refused
   */
  public List<Fill> fills(Symbol symbol, Instant from, Instant to) {
    return guarded(
        "fills",
        () -> {
          guardKey();
          TreeMap<Long, Fill> out = new TreeMap<>();
          Long lastId = null;
          for (int page = 0; page < 10_000; page++) {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("symbol", symbol.toString());
            q.put("startAt", Long.toString(from.toEpochMilli()));
            q.put("endAt", Long.toString(to.toEpochMilli() - 1));
            q.put("limit", "100");
            if (lastId != null) {
              q.put("lastId", Long.toString(lastId));
            }
            HfFill.Page p =
                RestClient.decode(
                    "fills",
                    rest.signedGet("fills", "/api/v1/hf/fills", q, Pool.SPOT, 2),
                    HfFill.Page.class);
            List<HfFill> items = p.items() == null ? List.of() : p.items();
            for (HfFill f : items) {
              if (f.createdAt() >= from.toEpochMilli() && f.createdAt() < to.toEpochMilli()) {
                out.put(f.id(), fill(symbol, f));
              }
            }
            if (items.size() < 100 || p.lastId() == null || p.lastId().equals(lastId)) {
              break;
            }
            lastId = p.lastId();
          }
          List<Fill> sorted = new ArrayList<>(out.values());
          sorted.sort(java.util.Comparator.comparing(Fill::at).thenComparing(Fill::id));
          return sorted;
        });
  }

  private static Fill fill(Symbol symbol, HfFill f) {
    if (f.price() == null || f.size() == null) {
      throw new PermanentExchangeException(
          VENUE, "fills", "malformed", "a fill lacks price or size", null);
    }
    return new Fill.Builder()
        .id(Long.toString(f.id()))
        .orderId(f.orderId() == null ? "" : f.orderId())
        .symbol(symbol)
        .side("sell".equalsIgnoreCase(f.side()) ? OpenOrder.Side.SELL : OpenOrder.Side.BUY)
        .price(f.price())
        .size(f.size())
        .funds(f.funds() == null ? f.price().multiply(f.size()) : f.funds())
        .fee(f.fee() == null ? BigDecimal.ZERO : f.fee())
        .feeCurrency(f.feeCurrency() == null ? symbol.quote() : f.feeCurrency())
        .maker("maker".equalsIgnoreCase(f.liquidity()))
        .at(Instant.ofEpochMilli(f.createdAt()))
        .build();
  }

  @Override
  public Health health() {
    if (closed) {
      return Health.down("exchange:" + VENUE, "closed");
    }
    Health h = rest.health();
    if (live.health().status() == HealthStatus.UP) {
      return h;
    }
    return Health.aggregate("exchange:" + VENUE, List.of(h, live.health()));
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    live.close();
    synchronized (drain) {
      long rounds = config.callTimeout().toMillis() / 20 + 1;
      while (inFlight.get() > 0 && rounds-- > 0) {
        try {
          drain.wait(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    httpExecutor.shutdownNow();
    LOG.info("kucoin exchange closed");
  }

  @Override
  public String toString() {
    return "KuCoinExchange[" + config + "]";
  }

  private interface Call<T> {
    T run();
  }

  private <T> T guarded(String op, Call<T> call) {
    if (closed) {
      throw new PermanentExchangeException(VENUE, op, "closed", "the exchange is closed", null);
    }
    inFlight.incrementAndGet();
    try {
      return call.run();
    } finally {
      if (inFlight.decrementAndGet() == 0) {
        synchronized (drain) {
          drain.notifyAll();
        }
      }
    }
  }

  private static AuthenticationException noCredentials(String op) {
    return new AuthenticationException(
        VENUE, op, "no_credentials", "this call needs an API key; none is configured");
  }
}
