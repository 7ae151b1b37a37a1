package io.github.mmsdk.backtest;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.cycle.CycleResult;
import io.github.mmsdk.api.cycle.CycleStatus;
import io.github.mmsdk.api.cycle.MarketMaker;
import io.github.mmsdk.api.decision.GridAction;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.exchange.GridCommand;
import io.github.mmsdk.api.exchange.GridCommandResult;
import io.github.mmsdk.api.exit.ExitAssessment;
import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.api.regime.RegimeVerdict;
import io.github.mmsdk.api.store.DecisionStore;
import io.github.mmsdk.testkit.TestClock;
import io.github.mmsdk.testkit.exchange.ReplayExchange;
import io.github.mmsdk.testkit.exchange.SimulatedExchange;
import io.github.mmsdk.testkit.store.InMemoryDecisionStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays history through the same {@link MarketMaker} facade and modules as live use.
 *
 * <p>A {@link TestClock} walks the decision times (every hour by default, at candle close); a
 * {@link SimulatedExchange} over a {@link ReplayExchange} answers as of that clock (so no candle
 * after the decision time is ever visible); the facade the {@link MarketMakerFactory} wires runs
 * {@link MarketMaker#runCycle} at each decision time into the store (an {@link
 * InMemoryDecisionStore} by default).
 *
 * <p>The candles may be finer than the decisions: with 1m candles the facade still decides on the
 * 1h and 4h candles the replay exchange aggregates from them, while market data and the simulated
 * exchange's grid fills follow the 1m path. For runs longer than the heap holds records (years of
 * hourly cycles in a small heap), record into a {@link WindowedDecisionStore}: it keeps what the
 * facade still reads and hands older records to a sink.
 *
 * <pre>{@code
 * BacktestResult r = Backtest.builder()
 *     .candles(CsvCandles.read(Path.of("ETH-USDT_1h_kucoin.csv")))
 *     .from(Instant.parse("2024-01-01T00:00:00Z")).to(Instant.parse("2025-01-01T00:00:00Z"))
 *     .wiring(wiring)
 *     .build()
 *     .run();
 * }</pre>
 *
 * <p>Deterministic: the same candles, times, wiring and an empty store give byte-identical records
 * (records are stamped with the walking clock). A backtest instance runs once; the facade is not
 * closed by it (wire it with {@code closeAdapters(false)} or close it in the factory's owner) so
 * the store can be read afterwards ({@link #store()}).
 */
public final class Backtest {

  private static final Logger LOG = LoggerFactory.getLogger(Backtest.class);
  private static final String OPERATOR = "backtest";
  private static final Duration HOUR = Timeframe.H1.duration();

  private final CandleSeries candles;
  private final Optional<CandleSeries> confirmation;
  private final Instant from;
  private final Instant to;
  private final Duration cadence;
  private final MarketMakerFactory wiring;
  private final DecisionStore store;
  private final String quoteCurrency;
  private final BigDecimal capital;
  private final boolean keepCycles;
  private final LongSupplier ticker;
  private final boolean follow;
  private final boolean execute;

  private Backtest(Builder b) {
    this.candles = b.candles;
    this.confirmation = Optional.ofNullable(b.confirmation);
    this.cadence = b.cadence;
    this.from = firstDecision(b.from, b.cadence);
    this.to = b.to;
    this.wiring = b.wiring;
    this.store = b.store != null ? b.store : new InMemoryDecisionStore();
    this.quoteCurrency = b.quoteCurrency != null ? b.quoteCurrency : candles.symbol().quote();
    this.capital = b.capital;
    this.keepCycles = b.keepCycles;
    this.ticker = b.ticker;
    this.follow = b.follow;
    this.execute = b.execute;
  }

  /** {@return a builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the store the cycles record into} */
  public DecisionStore store() {
    return store;
  }

  /** {@return the first decision time: the start rounded up to the cadence} */
  public Instant from() {
    return from;
  }

  /** {@return the last decision time allowed} */
  public Instant to() {
    return to;
  }

  /** {@return the decision times this backtest walks, in order} */
  public List<Instant> decisionTimes() {
    List<Instant> out = new ArrayList<>();
    for (Instant t = from; !t.isAfter(to); t = t.plus(cadence)) {
      out.add(t);
    }
    return out;
  }

  private static Instant firstDecision(Instant from, Duration cadence) {
    long step = cadence.toMillis();
    long t = from.toEpochMilli();
    long floor = Math.floorDiv(t, step) * step;
    return Instant.ofEpochMilli(floor == t ? t : floor + step);
  }

  /**
   * Runs the cycles.
   *
   * @return what they did
   */
  public BacktestResult run() {
    Symbol symbol = candles.symbol();
    TestClock clock = TestClock.at(from);
    ReplayExchange.Builder replay = ReplayExchange.builder(clock).add(candles);
    confirmation.ifPresent(replay::add);
    SimulatedExchange exchange =
        SimulatedExchange.over(replay.build()).deposit(quoteCurrency, capital).build();
    MarketMaker mm = wiring.create(exchange, store, clock);
    if (mm == null) {
      throw new InvalidConfigurationException("backtest.wiring", "returned no facade");
    }
    Map<RegimeVerdict, Long> verdicts = new EnumMap<>(RegimeVerdict.class);
    Map<GridAction, Long> actions = new EnumMap<>(GridAction.class);
    Map<ExitState, Long> transitions = new EnumMap<>(ExitState.class);
    List<CycleResult> kept = new ArrayList<>();
    long cycles = 0;
    long incomplete = 0;
    long graded = 0;
    long[] startedStopped = new long[2];
    long start = ticker.getAsLong();
    for (Instant t = from; !t.isAfter(to); t = t.plus(cadence)) {
      clock.set(t);
      CycleResult r = mm.runCycle(symbol, t);
      cycles++;
      if (r.status() != CycleStatus.COMPLETE) {
        incomplete++;
      }
      r.regime().ifPresent(s -> verdicts.merge(s.verdict(), 1L, Long::sum));
      for (Recommendation rec : r.recommendations()) {
        actions.merge(rec.action(), 1L, Long::sum);
      }
      for (ExitAssessment e : r.exits()) {
        if (e.state() != e.previous()) {
          transitions.merge(e.state(), 1L, Long::sum);
        }
      }
      graded += r.evaluations().size();
      if (keepCycles) {
        kept.add(r);
      }
      if (follow) {
        follow(mm, exchange, symbol, t, r, startedStopped);
      }
    }
    Duration wall = Duration.ofNanos(ticker.getAsLong() - start);
    BacktestResult result =
        new BacktestResult.Builder()
            .symbol(symbol)
            .firstDecision(from)
            .lastDecision(to)
            .cycles(cycles)
            .incompleteCycles(incomplete)
            .putAllVerdicts(verdicts)
            .putAllRecommendations(actions)
            .putAllExitTransitions(transitions)
            .evaluationsGraded(graded)
            .gridsStarted(startedStopped[0])
            .gridsStopped(startedStopped[1])
            .gridFills(execute ? exchange.fillCount() : 0)
            .wallTime(wall)
            .addAllCycleResults(kept)
            .build();
    LOG.info(
        "backtest finished symbol={} cycles={} incomplete={} graded={} wall_ms={}",
        symbol,
        cycles,
        incomplete,
        graded,
        wall.toMillis());
    return result;
  }

  /**
   * The operator who follows every recommendation at once: starts the proposed grid of a
   * CREATE_GRID when none of the symbol runs, stops the grid a STOP_GRID names. By default grids
   * live in the store only, so every grid is sized from the whole deposit: runs are comparable and
   * a losing run does not starve the next (the KPIs price each run with their own grid model). When
   * told to execute, the operator also creates the grid on the simulated exchange (under the
   * decision's idempotency key, before recording it; a rejected grid is not started) and stops it
   * there (unless the facade already did, for an auto-executable stop), so its orders fill on the
   * finest candles and the balance the facade reads moves with them.
   */
  private void follow(
      MarketMaker mm,
      SimulatedExchange exchange,
      Symbol symbol,
      Instant t,
      CycleResult r,
      long[] startedStopped) {
    String key = r.decisionId().orElse(r.correlationId());
    String why = "backtest operator followed " + key;
    int index = 0;
    for (Recommendation rec : r.recommendations()) {
      index++;
      if (rec.action() == GridAction.STOP_GRID && rec.gridId().isPresent()) {
        Optional<GridConfig> g =
            store.grids().stream().filter(x -> x.id().equals(rec.gridId().get())).findFirst();
        if (g.isPresent() && g.get().isRunning() && startedBefore(g.get(), t)) {
          String facadeKey = "-cmd-" + index;
          if (execute
              && r.commands().stream().noneMatch(c -> c.idempotencyKey().endsWith(facadeKey))) {
            exchange.execute(
                new GridCommand.Builder()
                    .idempotencyKey(key + "-stop-" + index)
                    .kind(GridCommand.Kind.STOP)
                    .symbol(symbol)
                    .gridId(g.get().id())
                    .build());
          }
          mm.recordGridChange(
              g.get().id(), GridHistoryEntry.of(t, GridHistoryEntry.Event.DISABLED, OPERATOR, why));
          startedStopped[1]++;
        }
      } else if (rec.action() == GridAction.CREATE_GRID && rec.proposedGrid().isPresent()) {
        GridConfig proposed = rec.proposedGrid().get();
        boolean running =
            store.grids().stream().anyMatch(x -> x.symbol().equals(symbol) && x.isRunning());
        if (!running && proposed.history().isEmpty()) {
          String id = proposed.id();
          int n = 1;
          while (known(id)) {
            id = proposed.id() + "-" + ++n;
          }
          GridConfig grid = new GridConfig.Builder().from(proposed).id(id).build();
          if (execute && !created(exchange, key, symbol, grid)) {
            continue;
          }
          store.addGrid(
              grid.withHistoryEntry(
                  GridHistoryEntry.of(t, GridHistoryEntry.Event.ENABLED, OPERATOR, why)));
          startedStopped[0]++;
        }
      }
    }
  }

  private static boolean created(
      SimulatedExchange exchange, String key, Symbol symbol, GridConfig grid) {
    GridCommandResult r =
        exchange.execute(
            new GridCommand.Builder()
                .idempotencyKey(key + "-create")
                .kind(GridCommand.Kind.CREATE)
                .symbol(symbol)
                .gridId(grid.id())
                .grid(grid)
                .build());
    if (r.status() == GridCommandResult.Status.REJECTED) {
      LOG.debug("backtest grid not started grid_id={} reason={}", grid.id(), r.message());
      return false;
    }
    return true;
  }

  private boolean known(String gridId) {
    return store.grids().stream().anyMatch(x -> x.id().equals(gridId));
  }

  private static boolean startedBefore(GridConfig g, Instant t) {
    return g.history().isEmpty() || g.history().get(g.history().size() - 1).at().isBefore(t);
  }

  /** Builds a {@link Backtest}. Candles, start, end and wiring are required. */
  public static final class Builder {
    private CandleSeries candles;
    private CandleSeries confirmation;
    private Instant from;
    private Instant to;
    private Duration cadence = Duration.ofHours(1);
    private MarketMakerFactory wiring;
    private DecisionStore store;
    private String quoteCurrency;
    private BigDecimal capital = BigDecimal.valueOf(10_000);
    private boolean keepCycles;
    private LongSupplier ticker = System::nanoTime;
    private boolean follow;
    private boolean execute;

    private Builder() {}

    /**
     * Says whether the following operator also starts and stops its grids on the simulated exchange
     * (off by default; only with {@link #followRecommendations(boolean)}): the exchange then fills
     * their orders on the finest candles given (1m candles: the 1m path), counted in {@link
     * BacktestResult#gridFills()}, and the balance the facade reads moves with them, so later grids
     * are sized from what is left.
     *
     * @param execute {@code true} to execute the grids on the exchange
     * @return this builder
     */
    public Builder executeGridsOnExchange(boolean execute) {
      this.execute = execute;
      return this;
    }

    /**
     * Says whether a simulated operator follows every recommendation at once (off by default): it
     * starts the proposed grid of a CREATE_GRID when no grid of the symbol runs, and stops the grid
     * a STOP_GRID names, recording both through {@link MarketMaker#recordGridChange} or the store,
     * so that exits and restart gates are exercised.
     *
     * @param follow {@code true} to follow
     * @return this builder
     */
    public Builder followRecommendations(boolean follow) {
      this.follow = follow;
      return this;
    }

    /**
     * Sets the candles replayed (required): 1h candles, or finer ones that divide an hour (1m, 5m,
     * 15m). Finer candles are the path the simulated exchange walks (market data, grid fills), and
     * the replay exchange aggregates the 1h and 4h candles the facade decides on from them,
     * counting an hour only when all of its candles are present. Three years of 1m candles (1.6 M)
     * take about 76 MB in a {@link CandleSeries}; pair them with a {@link WindowedDecisionStore} to
     * run in a small heap.
     *
     * @param candles the candles
     * @return this builder
     */
    public Builder candles(CandleSeries candles) {
      this.candles = Objects.requireNonNull(candles, "candles");
      return this;
    }

    /**
     * Sets 4h candles; otherwise the replay exchange aggregates them from the 1h ones.
     *
     * @param confirmation 4h candles of the same symbol
     * @return this builder
     */
    public Builder confirmation(CandleSeries confirmation) {
      this.confirmation = Objects.requireNonNull(confirmation, "confirmation");
      return this;
    }

    /**
     * Sets the first decision time (required; rounded up to the cadence).
     *
     * @param from the start
     * @return this builder
     */
    public Builder from(Instant from) {
      this.from = Objects.requireNonNull(from, "from");
      return this;
    }

    /**
     * Sets the last decision time (required, inclusive).
     *
     * @param to the end
     * @return this builder
     */
    public Builder to(Instant to) {
      this.to = Objects.requireNonNull(to, "to");
      return this;
    }

    /**
     * Sets the time between decisions: one hour by default.
     *
     * @param cadence a positive whole number of minutes that divides a day
     * @return this builder
     */
    public Builder cadence(Duration cadence) {
      this.cadence = Objects.requireNonNull(cadence, "cadence");
      return this;
    }

    /**
     * Sets how the facade is wired (required).
     *
     * @param wiring the factory
     * @return this builder
     */
    public Builder wiring(MarketMakerFactory wiring) {
      this.wiring = Objects.requireNonNull(wiring, "wiring");
      return this;
    }

    /**
     * Sets the store; a new {@link InMemoryDecisionStore} by default (it keeps every record: about
     * 9 KB per hourly cycle). For long runs in a small heap use a {@link WindowedDecisionStore}.
     *
     * @param store the store
     * @return this builder
     */
    public Builder store(DecisionStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets the starting capital in the quote currency: 10 000 by default.
     *
     * @param capital a positive amount
     * @return this builder
     */
    public Builder capital(BigDecimal capital) {
      this.capital = Objects.requireNonNull(capital, "capital");
      return this;
    }

    /**
     * Sets the currency of the capital; the symbol's quote currency by default.
     *
     * @param quoteCurrency the currency
     * @return this builder
     */
    public Builder quoteCurrency(String quoteCurrency) {
      this.quoteCurrency = Objects.requireNonNull(quoteCurrency, "quoteCurrency");
      return this;
    }

    /**
     * Says whether the result keeps every {@link CycleResult} (off by default: long runs).
     *
     * @param keepCycles {@code true} to keep them
     * @return this builder
     */
    public Builder keepCycleResults(boolean keepCycles) {
      this.keepCycles = keepCycles;
      return this;
    }

    /**
     * Sets the monotonic nanosecond source that times the run; {@code System::nanoTime} by default.
     *
     * @param ticker the ticker
     * @return this builder
     */
    public Builder ticker(LongSupplier ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Builds the backtest.
     *
     * @return the backtest
     * @throws InvalidConfigurationException when a required part is missing or inconsistent
     */
    public Backtest build() {
      if (candles == null || from == null || to == null || wiring == null) {
        throw new InvalidConfigurationException(
            "backtest", "candles, from, to and wiring are required");
      }
      Duration tf = candles.timeframe().duration();
      if (tf.compareTo(HOUR) > 0 || HOUR.toMillis() % tf.toMillis() != 0) {
        throw new InvalidConfigurationException(
            "backtest.candles",
            "1h candles or finer ones that divide an hour (1m, 5m, 15m) are required, got "
                + candles.timeframe().label());
      }
      if (confirmation != null
          && (confirmation.timeframe() != Timeframe.H4
              || !confirmation.symbol().equals(candles.symbol()))) {
        throw new InvalidConfigurationException(
            "backtest.confirmation", "must be 4h candles of " + candles.symbol());
      }
      long minutes = cadence.toMinutes();
      if (minutes <= 0
          || !cadence.equals(Duration.ofMinutes(minutes))
          || Duration.ofDays(1).toMinutes() % minutes != 0) {
        throw new InvalidConfigurationException(
            "backtest.cadence", "must be a whole number of minutes dividing a day: " + cadence);
      }
      if (to.isBefore(from)) {
        throw new InvalidConfigurationException("backtest.to", "is before from");
      }
      if (capital.signum() <= 0) {
        throw new InvalidConfigurationException("backtest.capital", "must be positive");
      }
      return new Backtest(this);
    }
  }
}
