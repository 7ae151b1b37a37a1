package io.github.mmsdk.testkit.exchange;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.exchange.AccountBalance;
import io.github.mmsdk.api.exchange.CurrencyBalance;
import io.github.mmsdk.api.exchange.ExchangeInterface;
import io.github.mmsdk.api.exchange.FeeRates;
import io.github.mmsdk.api.exchange.GridCommand;
import io.github.mmsdk.api.exchange.GridCommandResult;
import io.github.mmsdk.api.exchange.GridExecution;
import io.github.mmsdk.api.exchange.KeyPermissions;
import io.github.mmsdk.api.exchange.MarketData;
import io.github.mmsdk.api.exchange.OpenOrder;
import io.github.mmsdk.api.exchange.OpenOrders;
import io.github.mmsdk.api.exchange.PermanentExchangeException;
import io.github.mmsdk.api.exchange.SymbolRules;
import io.github.mmsdk.api.exchange.TransientExchangeException;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridMode;
import io.github.mmsdk.api.grid.Spacing;
import io.github.mmsdk.api.health.Health;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link ReplayExchange} with an account: balances, open orders and {@link GridExecution} with
 * idempotency keys, filling grid orders from the recorded price path (seed 004's simulated
 * exchange, for backtests and scenario tests).
 *
 * <p>How grids trade: {@link GridCommand.Kind#CREATE} computes the grid's levels (arithmetic or
 * geometric), places a buy of {@code amountPerGrid} quote at every level below the last price and,
 * in {@link GridMode#LONG} mode, buys the base inventory at market (taker fee) and places a sell at
 * every level above it. Each candle of the finest timeframe that closes after the grid was created
 * is walked as the path open, low, high, close (a rising candle) or open, high, low, close (a
 * falling one); a buy fills when the path reaches its price on the way down and places a sell of
 * the same size one level up, a sell fills on the way up and places a buy of the same size one
 * level down. Limit fills pay the maker fee in the quote currency. {@link GridCommand.Kind#STOP}
 * cancels the grid's orders and keeps the holdings; {@link GridCommand.Kind#REDUCE} cancels that
 * fraction of the grid's buy orders, lowest first. A repeated idempotency key returns {@link
 * GridCommandResult.Status#ALREADY_EXECUTED} (or the earlier rejection) and changes nothing.
 *
 * <p>Fills are computed lazily, up to the clock's instant, on every call. {@link
 * AccountBalance#total()} and {@link AccountBalance#available()} count the quote currency only;
 * {@link AccountBalance#holdings()} lists every currency. Thread-safe.
 */
public final class SimulatedExchange implements ExchangeInterface, GridExecution, OpenOrders {
  private static final MathContext MC = MathContext.DECIMAL64;
  private static final int SIZE_SCALE = 8;

  private final ReplayExchange market;
  private final Map<String, BigDecimal> free = new TreeMap<>();
  private final Map<String, BigDecimal> locked = new TreeMap<>();

  /** The holdings last computed, and the free and locked amounts they were computed from. */
  private Map<String, CurrencyBalance> holdings = Map.of();

  private Map<String, BigDecimal> holdingsFree;
  private Map<String, BigDecimal> holdingsLocked;
  private final Map<String, GridCommandResult> results = new HashMap<>();
  private final Map<String, SimGrid> grids = new LinkedHashMap<>();
  private long orderSeq;
  private long fillCount;
  private long executions;
  private int responsesToLose;

  private SimulatedExchange(Builder b) {
    this.market = b.market;
    free.putAll(b.deposits);
  }

  /**
   * Starts a simulated exchange over a replay of the market.
   *
   * @param market the recorded market; its clock drives the simulation
   * @return a builder
   */
  public static Builder over(ReplayExchange market) {
    return new Builder(market);
  }

  @Override
  public String id() {
    return "simulated";
  }

  @Override
  public CandleSeries candles(Symbol symbol, Timeframe timeframe, Instant from, Instant to) {
    return market.candles(symbol, timeframe, from, to);
  }

  @Override
  public MarketData marketData(Symbol symbol) {
    return market.marketData(symbol);
  }

  @Override
  public synchronized AccountBalance balance(String quoteCurrency) {
    sync();
    // the holdings change only with fills and commands: reused while free and locked are equal to
    // those they were computed from (a backtest asks every cycle)
    if (!free.equals(holdingsFree) || !locked.equals(holdingsLocked)) {
      Map<String, CurrencyBalance> computed = new TreeMap<>();
      java.util.Set<String> currencies = new java.util.TreeSet<>(free.keySet());
      currencies.addAll(locked.keySet());
      for (String c : currencies) {
        BigDecimal f = free.getOrDefault(c, BigDecimal.ZERO);
        BigDecimal l = locked.getOrDefault(c, BigDecimal.ZERO);
        computed.put(c, CurrencyBalance.of(c, f.add(l), f));
      }
      holdings = computed;
      holdingsFree = new TreeMap<>(free);
      holdingsLocked = new TreeMap<>(locked);
    }
    CurrencyBalance q = holdings.get(quoteCurrency);
    if (q == null) {
      q = CurrencyBalance.of(quoteCurrency, BigDecimal.ZERO, BigDecimal.ZERO);
    }
    return new AccountBalance.Builder()
        .quoteCurrency(quoteCurrency)
        .total(q.total())
        .available(q.available())
        .holdings(holdings)
        .asOf(market.clock().instant())
        .build();
  }

  @Override
  public KeyPermissions keyPermissions() {
    return new KeyPermissions.Builder()
        .trade(true)
        .withdraw(false)
        .addIpWhitelist("127.0.0.1")
        .addRaw("General", "Spot")
        .build();
  }

  @Override
  public SymbolRules symbolRules(Symbol symbol) {
    return market.symbolRules(symbol);
  }

  @Override
  public FeeRates feeRates(Symbol symbol) {
    return market.feeRates(symbol);
  }

  @Override
  public Optional<OpenOrders> openOrders() {
    return Optional.of(this);
  }

  @Override
  public Optional<GridExecution> gridExecution() {
    return Optional.of(this);
  }

  @Override
  public synchronized List<OpenOrder> openOrders(Symbol symbol) {
    sync();
    List<OpenOrder> out = new ArrayList<>();
    for (SimGrid g : grids.values()) {
      if (!g.symbol.equals(symbol)) {
        continue;
      }
      for (SimOrder o : g.orders) {
        out.add(
            new OpenOrder.Builder()
                .id(o.id)
                .symbol(symbol)
                .side(o.buy ? OpenOrder.Side.BUY : OpenOrder.Side.SELL)
                .price(o.price)
                .size(o.size)
                .filledSize(BigDecimal.ZERO)
                .createdAt(o.createdAt)
                .build());
      }
    }
    out.sort(Comparator.comparing(OpenOrder::price));
    return out;
  }

  /** {@return how many grid orders have filled so far, up to the clock} */
  public synchronized long fillCount() {
    sync();
    return fillCount;
  }

  /** {@return how many commands were carried out (repeated keys and rejections not counted)} */
  public synchronized long executionCount() {
    return executions;
  }

  /**
   * Makes the next {@code n} commands execute but lose their answer: the exchange acts, then the
   * call fails with a {@link TransientExchangeException}, as after a timeout or a crash of the
   * caller between sending and recording. Callers must find out by retrying under the same key.
   *
   * @param n how many answers to lose
   */
  public synchronized void loseNextResponses(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0: " + n);
    }
    responsesToLose = n;
  }

  @Override
  public synchronized GridCommandResult execute(GridCommand command) {
    GridCommandResult r = executeOnce(command);
    if (responsesToLose > 0) {
      responsesToLose--;
      throw new TransientExchangeException(
          id(), "execute", "the answer was lost after the command ran", null, null);
    }
    return r;
  }

  private GridCommandResult executeOnce(GridCommand command) {
    sync();
    GridCommandResult earlier = results.get(command.idempotencyKey());
    if (earlier != null) {
      if (earlier.status() == GridCommandResult.Status.EXECUTED) {
        return GridCommandResult.of(
            command.idempotencyKey(),
            GridCommandResult.Status.ALREADY_EXECUTED,
            earlier.message(),
            market.clock().instant());
      }
      return earlier;
    }
    GridCommandResult r;
    try {
      String message;
      switch (command.kind()) {
        case CREATE:
          message = create(command);
          break;
        case STOP:
          message = stop(command);
          break;
        default:
          message = reduce(command);
          break;
      }
      r = result(command, GridCommandResult.Status.EXECUTED, message);
      executions++;
    } catch (Rejected e) {
      r = result(command, GridCommandResult.Status.REJECTED, e.getMessage());
    }
    results.put(command.idempotencyKey(), r);
    return r;
  }

  @Override
  public Health health() {
    return market.health();
  }

  @Override
  public void close() {
    market.close();
  }

  @Override
  public String toString() {
    return "SimulatedExchange[" + market + "]";
  }

  private GridCommandResult result(
      GridCommand command, GridCommandResult.Status status, String message) {
    return GridCommandResult.of(
        command.idempotencyKey(), status, message, market.clock().instant());
  }

  private String create(GridCommand command) {
    GridConfig cfg = command.grid().orElseThrow(() -> new Rejected("CREATE needs a grid"));
    SimGrid existing = grids.get(command.gridId());
    if (existing != null && !existing.orders.isEmpty()) {
      throw new Rejected("grid " + command.gridId() + " already runs");
    }
    Symbol symbol = command.symbol();
    BigDecimal price;
    try {
      price = market.marketData(symbol).lastPrice();
    } catch (PermanentExchangeException e) {
      throw new Rejected("no market price for " + symbol + ": " + e.getMessage());
    }
    List<BigDecimal> levels = levels(cfg);
    BigDecimal maker = market.makerFee();
    BigDecimal taker = market.takerFee();
    BigDecimal quoteNeeded = BigDecimal.ZERO;
    BigDecimal baseNeeded = BigDecimal.ZERO;
    List<SimOrder> orders = new ArrayList<>();
    Instant now = market.clock().instant();
    for (int i = 0; i < levels.size(); i++) {
      BigDecimal level = levels.get(i);
      BigDecimal size = cfg.amountPerGrid().divide(level, SIZE_SCALE, RoundingMode.DOWN);
      int cmp = level.compareTo(price);
      if (cmp < 0) {
        orders.add(new SimOrder(nextId(), i, true, level, size, now));
        quoteNeeded = quoteNeeded.add(buyLock(level, size, maker));
      } else if (cmp > 0 && cfg.mode() == GridMode.LONG) {
        orders.add(new SimOrder(nextId(), i, false, level, size, now));
        baseNeeded = baseNeeded.add(size);
      }
    }
    BigDecimal inventoryCost = baseNeeded.multiply(price).multiply(BigDecimal.ONE.add(taker), MC);
    BigDecimal total = quoteNeeded.add(inventoryCost);
    if (total.compareTo(free.getOrDefault(symbol.quote(), BigDecimal.ZERO)) > 0) {
      orderSeq -= orders.size();
      throw new Rejected(
          "insufficient "
              + symbol.quote()
              + ": needs "
              + total.stripTrailingZeros().toPlainString());
    }
    add(free, symbol.quote(), total.negate());
    add(locked, symbol.quote(), quoteNeeded);
    add(locked, symbol.base(), baseNeeded);
    Timeframe tf = market.finestTimeframe(symbol, "grid execution");
    long start = tf.floorMillis(now.toEpochMilli());
    if (start < now.toEpochMilli()) {
      start += tf.millis();
    }
    SimGrid g = new SimGrid(command.gridId(), symbol, levels, tf, start);
    g.orders.addAll(orders);
    grids.put(command.gridId(), g);
    return "created "
        + orders.size()
        + " orders on "
        + levels.size()
        + " levels at price "
        + price.toPlainString();
  }

  private String stop(GridCommand command) {
    SimGrid g = grids.get(command.gridId());
    if (g == null) {
      throw new Rejected("no grid " + command.gridId());
    }
    int n = g.orders.size();
    for (SimOrder o : new ArrayList<>(g.orders)) {
      cancel(g, o);
    }
    return "stopped; " + n + " orders cancelled";
  }

  private String reduce(GridCommand command) {
    SimGrid g = grids.get(command.gridId());
    if (g == null) {
      throw new Rejected("no grid " + command.gridId());
    }
    double f = command.reduceFraction().orElse(0.0);
    if (!(f > 0 && f <= 1)) {
      throw new Rejected("reduce fraction must be in (0, 1], was " + f);
    }
    List<SimOrder> buys = new ArrayList<>();
    for (SimOrder o : g.orders) {
      if (o.buy) {
        buys.add(o);
      }
    }
    buys.sort(Comparator.comparing(o -> o.price));
    int n = (int) Math.ceil(f * buys.size());
    for (int i = 0; i < n; i++) {
      cancel(g, buys.get(i));
    }
    return "reduced; " + n + " buy orders cancelled";
  }

  private void cancel(SimGrid g, SimOrder o) {
    g.orders.remove(o);
    if (o.buy) {
      BigDecimal lock = buyLock(o.price, o.size, market.makerFee());
      add(locked, g.symbol.quote(), lock.negate());
      add(free, g.symbol.quote(), lock);
    } else {
      add(locked, g.symbol.base(), o.size.negate());
      add(free, g.symbol.base(), o.size);
    }
  }

  private void sync() {
    Instant now = market.clock().instant();
    for (SimGrid g : grids.values()) {
      if (g.orders.isEmpty()) {
        g.processedTo = Math.max(g.processedTo, g.tf.floorMillis(now.toEpochMilli()));
        continue;
      }
      CandleSeries s =
          market
              .series(g.symbol, g.tf, "grid execution")
              .between(Instant.ofEpochMilli(g.processedTo), now)
              .upTo(now);
      for (int i = 0; i < s.size(); i++) {
        walk(g, s, i);
      }
      if (!s.isEmpty()) {
        g.processedTo = s.closeTimeMillis(s.size() - 1);
      }
    }
  }

  private void walk(SimGrid g, CandleSeries s, int i) {
    double o = s.open(i);
    double h = s.high(i);
    double l = s.low(i);
    double c = s.close(i);
    Instant at = Instant.ofEpochMilli(s.closeTimeMillis(i));
    if (c >= o) {
      segment(g, o, l, at);
      segment(g, l, h, at);
      segment(g, h, c, at);
    } else {
      segment(g, o, h, at);
      segment(g, h, l, at);
      segment(g, l, c, at);
    }
  }

  private void segment(SimGrid g, double from, double to, Instant at) {
    boolean down = to < from;
    double lo = Math.min(from, to);
    double hi = Math.max(from, to);
    while (true) {
      SimOrder next = null;
      for (SimOrder o : g.orders) {
        double p = o.price.doubleValue();
        if (o.buy == down && p >= lo && p <= hi) {
          if (next == null
              || (down ? o.price.compareTo(next.price) > 0 : o.price.compareTo(next.price) < 0)) {
            next = o;
          }
        }
      }
      if (next == null) {
        return;
      }
      fill(g, next, at);
    }
  }

  private void fill(SimGrid g, SimOrder o, Instant at) {
    g.orders.remove(o);
    fillCount++;
    BigDecimal maker = market.makerFee();
    String base = g.symbol.base();
    String quote = g.symbol.quote();
    if (o.buy) {
      add(locked, quote, buyLock(o.price, o.size, maker).negate());
      add(free, base, o.size);
      if (o.level + 1 < g.levels.size()) {
        add(free, base, o.size.negate());
        add(locked, base, o.size);
        g.orders.add(
            new SimOrder(nextId(), o.level + 1, false, g.levels.get(o.level + 1), o.size, at));
      }
    } else {
      add(locked, base, o.size.negate());
      BigDecimal proceeds = o.price.multiply(o.size).multiply(BigDecimal.ONE.subtract(maker), MC);
      add(free, quote, proceeds);
      if (o.level > 0) {
        BigDecimal price = g.levels.get(o.level - 1);
        BigDecimal lock = buyLock(price, o.size, maker);
        if (lock.compareTo(free.getOrDefault(quote, BigDecimal.ZERO)) <= 0) {
          add(free, quote, lock.negate());
          add(locked, quote, lock);
          g.orders.add(new SimOrder(nextId(), o.level - 1, true, price, o.size, at));
        }
      }
    }
  }

  private static BigDecimal buyLock(BigDecimal price, BigDecimal size, BigDecimal maker) {
    return price.multiply(size).multiply(BigDecimal.ONE.add(maker), MC);
  }

  static List<BigDecimal> levels(GridConfig cfg) {
    int n = cfg.levels();
    List<BigDecimal> out = new ArrayList<>(n);
    BigDecimal lo = cfg.lowerPrice();
    BigDecimal hi = cfg.upperPrice();
    if (cfg.spacing() == Spacing.GEOMETRIC) {
      double ratio = Math.pow(hi.doubleValue() / lo.doubleValue(), 1.0 / (n - 1));
      for (int i = 0; i < n; i++) {
        out.add(
            i == n - 1
                ? hi
                : new BigDecimal(lo.doubleValue() * Math.pow(ratio, i), MC)
                    .setScale(SIZE_SCALE, RoundingMode.HALF_EVEN)
                    .stripTrailingZeros());
      }
    } else {
      BigDecimal step = hi.subtract(lo).divide(BigDecimal.valueOf(n - 1L), MC);
      for (int i = 0; i < n; i++) {
        out.add(
            lo.add(step.multiply(BigDecimal.valueOf(i)))
                .setScale(SIZE_SCALE, RoundingMode.HALF_EVEN)
                .stripTrailingZeros());
      }
    }
    return out;
  }

  private String nextId() {
    return "sim-" + (++orderSeq);
  }

  private static void add(Map<String, BigDecimal> m, String currency, BigDecimal amount) {
    BigDecimal v = m.getOrDefault(currency, BigDecimal.ZERO).add(amount);
    m.put(
        currency,
        v.signum() < 0 && v.abs().compareTo(new BigDecimal("1e-12")) < 0 ? BigDecimal.ZERO : v);
  }

  /** A grid command the simulated exchange refuses. */
  private static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Rejected(String message) {
      super(message, null, false, false);
    }
  }

  private static final class SimGrid {
    final Symbol symbol;
    final List<BigDecimal> levels;
    final Timeframe tf;
    final List<SimOrder> orders = new ArrayList<>();
    long processedTo;

    SimGrid(String id, Symbol symbol, List<BigDecimal> levels, Timeframe tf, long start) {
      this.symbol = symbol;
      this.levels = levels;
      this.tf = tf;
      this.processedTo = start;
    }
  }

  private static final class SimOrder {
    final String id;
    final int level;
    final boolean buy;
    final BigDecimal price;
    final BigDecimal size;
    final Instant createdAt;

    SimOrder(
        String id, int level, boolean buy, BigDecimal price, BigDecimal size, Instant createdAt) {
      this.id = id;
      this.level = level;
      this.buy = buy;
      this.price = price;
      this.size = size;
      this.createdAt = createdAt;
    }
  }

  /** Builds a {@link SimulatedExchange}. Not thread-safe. */
  public static final class Builder {
    private final ReplayExchange market;
    private final Map<String, BigDecimal> deposits = new TreeMap<>();

    private Builder(ReplayExchange market) {
      this.market = market;
    }

    /**
     * Deposits an amount of a currency before the simulation starts.
     *
     * @param currency the currency code, e.g. {@code USDT}
     * @param amount the amount
     * @return this builder
     */
    public Builder deposit(String currency, BigDecimal amount) {
      deposits.merge(currency, amount, BigDecimal::add);
      return this;
    }

    /** {@return the exchange} */
    public SimulatedExchange build() {
      return new SimulatedExchange(this);
    }
  }
}
