package io.github.mmsdk.api.cycle;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.decision.ActionRecord;
import io.github.mmsdk.api.decision.ControlRecord;
import io.github.mmsdk.api.decision.DecisionGrader;
import io.github.mmsdk.api.decision.GridManager;
import io.github.mmsdk.api.exchange.ExchangeInterface;
import io.github.mmsdk.api.exit.ExitEvaluator;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.notify.Notifier;
import io.github.mmsdk.api.regime.RegimeEngine;
import io.github.mmsdk.api.store.DecisionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestration facade: runs decision cycles against the contracts only.
 *
 * <p>One cycle (ARCHITECTURE.md §2): load state from the store; fetch candles, balance and market
 * data; evaluate the regime; evaluate exits of running grids (the restart gates for stopped ones);
 * build recommendations; write everything in one atomic commit; notify; grade matured decisions;
 * return a {@link CycleResult}. Partial failures never abort a cycle: the exchange down gives an
 * incomplete cycle that is still recorded, a store failure still notifies, a notify failure is
 * still stored.
 *
 * <pre>{@code
 * try (MarketMaker mm = MarketMaker.builder()
 *     .exchange(exchange).regimeEngine(engine).store(store).build()) {
 *   CycleResult result = mm.runCycle(Symbol.parse("ETH-USDT"), clock.instant());
 * }
 * }</pre>
 *
 * <p>Thread-safe: cycles of different symbols may run concurrently ({@link #runCycles}), and one
 * symbol's failure never blocks another. {@link #close()} drains: no new cycles, running ones
 * finish, then the adapters are closed (exchange, store, notifier) unless the builder said the host
 * owns them.
 */
public final class MarketMaker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MarketMaker.class);

  private final Components components;
  private final boolean closeAdapters;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Object inFlightLock = new Object();
  private int inFlight;

  private MarketMaker(Builder b) {
    CycleListener listener = CycleListener.composite(b.listener);
    ExchangeCalls calls = new ExchangeCalls(listener, b.ticker);
    this.components =
        new Components(
            b.exchange,
            b.regimeEngine,
            Optional.ofNullable(b.exitEvaluator),
            Optional.ofNullable(b.gridManager),
            Optional.ofNullable(b.decisionGrader),
            b.store,
            b.notifier,
            b.clock,
            b.ticker,
            b.config,
            listener,
            calls,
            libraryVersion(),
            new ControlPlane(b.exchange, b.store, b.clock, b.config, calls));
    this.closeAdapters = b.closeAdapters;
  }

  /** {@return a builder} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs one decision cycle for a symbol.
   *
   * @param symbol the pair
   * @param asOf the decision time: candles closing after it are not seen
   * @return what the cycle did; never throws for a failing adapter
   * @throws IllegalStateException when the facade is closed
   */
  public CycleResult runCycle(Symbol symbol, Instant asOf) {
    enter();
    try {
      return new CycleRun(components, symbol, asOf).run();
    } finally {
      leave();
    }
  }

  /**
   * Runs one cycle per symbol concurrently; each symbol is isolated from the others.
   *
   * @param symbols the pairs
   * @param asOf the decision time
   * @return the results, in the order of {@code symbols}
   */
  public Map<Symbol, CycleResult> runCycles(Collection<Symbol> symbols, Instant asOf) {
    if (symbols.size() <= 1) {
      Map<Symbol, CycleResult> out = new LinkedHashMap<>();
      symbols.forEach(s -> out.put(s, runCycle(s, asOf)));
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(symbols.size(), 8));
    try {
      List<CompletableFuture<CycleResult>> futures = new ArrayList<>();
      for (Symbol s : symbols) {
        futures.add(CompletableFuture.supplyAsync(() -> runCycle(s, asOf), pool));
      }
      Map<Symbol, CycleResult> out = new LinkedHashMap<>();
      int i = 0;
      for (Symbol s : symbols) {
        out.put(s, futures.get(i++).join());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The correlation id of the cycle running on the calling thread, for adapters that tag their
   * requests or records with it. It is also in the SLF4J MDC as {@code cycle_id} (and the symbol as
   * {@code symbol}) when the logging backend supports an MDC.
   *
   * @return the id, when called from inside a cycle
   */
  public static Optional<String> currentCycleId() {
    return Optional.ofNullable(CycleRun.CURRENT.get());
  }

  /**
   * Records what the operator did with a recommendation (approved, declined, executed with what was
   * actually done, ignored) as an append-only record next to its decision. These records drive
   * cooldowns, expiry and the grading of action quality apart from recommendation quality.
   *
   * @param action the action, naming its decision
   * @return the store's commit id
   * @throws io.github.mmsdk.api.store.RecordNotFoundException when the decision does not exist
   */
  public String recordAction(ActionRecord action) {
    String commit = components.store().appendAction(action);
    LOG.info(
        "operator action recorded decision_id={} kind={} actor={}",
        action.decisionId(),
        action.kind(),
        action.actor());
    return commit;
  }

  /**
   * Records a manual start or stop of a grid: appends its history entry (seed Req 19), the only
   * record of whether it runs.
   *
   * @param gridId the grid
   * @param entry who started or stopped it, when and why
   * @return the store's commit id
   * @throws io.github.mmsdk.api.store.RecordNotFoundException when the grid does not exist
   */
  public String recordGridChange(String gridId, GridHistoryEntry entry) {
    String commit = components.store().appendGridHistory(gridId, entry);
    LOG.info(
        "grid change recorded grid_id={} event={} actor={}", gridId, entry.event(), entry.actor());
    return commit;
  }

  /**
   * Halts risk-increasing actions (no grid setups) until {@link #resume}: exits are still assessed,
   * recommended and notified. The halt is recorded in the store and survives a restart.
   *
   * @param actor who halts
   * @param reason why, in the operator's words
   * @return the stored record
   */
  public ControlRecord halt(String actor, String reason) {
    return components.control().setHalt(ControlRecord.Kind.HALT, actor, reason);
  }

  /**
   * Lifts a halt, recorded in the store.
   *
   * @param actor who resumes
   * @param reason why
   * @return the stored record
   */
  public ControlRecord resume(String actor, String reason) {
    return components.control().setHalt(ControlRecord.Kind.RESUME, actor, reason);
  }

  /** {@return the operator halt in force, read from the store on first use} */
  public Optional<ControlRecord> haltState() {
    return components.control().halt();
  }

  /**
   * Reconciles, at start, what the store believes with what the exchange reports: commands left
   * pending by a crash are retried under their own idempotency key (so an exchange that executed
   * them does not execute them again), running grids without open orders and allocations above the
   * account's total are recorded as findings rather than acted on.
   *
   * @return the findings recorded, empty when store and exchange agree
   */
  public List<ControlRecord> reconcile() {
    return components.control().reconcile(components.config().reconcileLookback());
  }

  /** {@return the aggregated health of the wired adapters} */
  public Health health() {
    return components.health();
  }

  /** {@return the configuration} */
  public CycleConfig config() {
    return components.config();
  }

  private void enter() {
    synchronized (inFlightLock) {
      if (closed.get()) {
        throw new IllegalStateException("MarketMaker is closed");
      }
      inFlight++;
    }
  }

  private void leave() {
    synchronized (inFlightLock) {
      inFlight--;
      inFlightLock.notifyAll();
    }
  }

  /**
   * Drains: refuses new cycles, waits up to 5 minutes for running ones, then closes the adapters
   * (unless the host owns them).
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long deadline = components.ticker().getAsLong() + TimeUnit.MINUTES.toNanos(5);
    synchronized (inFlightLock) {
      while (inFlight > 0) {
        long left = deadline - components.ticker().getAsLong();
        if (left <= 0) {
          LOG.warn("closing with cycles still running in_flight={}", inFlight);
          break;
        }
        try {
          inFlightLock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    if (closeAdapters) {
      closeQuietly("exchange", components.exchange());
      closeQuietly("store", components.store());
      closeQuietly("notifier", components.notifier());
    }
  }

  private static void closeQuietly(String what, AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.warn("closing {} failed error={}", what, e.toString());
    }
  }

  private static String libraryVersion() {
    String v = MarketMaker.class.getPackage().getImplementationVersion();
    return v != null ? v : "dev";
  }

  /** Builds a {@link MarketMaker}. Exchange, regime engine and store are required. */
  public static final class Builder {
    private ExchangeInterface exchange;
    private RegimeEngine regimeEngine;
    private ExitEvaluator exitEvaluator;
    private GridManager gridManager;
    private DecisionGrader decisionGrader;
    private DecisionStore store;
    private Notifier notifier = Notifier.noop();
    private Clock clock = Clock.systemUTC();
    private LongSupplier ticker = System::nanoTime;
    private CycleConfig config = CycleConfig.defaults();
    private CycleListener listener = CycleListener.noop();
    private boolean closeAdapters = true;

    private Builder() {}

    /**
     * Sets the exchange (required).
     *
     * @param exchange the exchange
     * @return this builder
     */
    public Builder exchange(ExchangeInterface exchange) {
      this.exchange = Objects.requireNonNull(exchange, "exchange");
      return this;
    }

    /**
     * Sets the regime engine (required).
     *
     * @param regimeEngine the engine
     * @return this builder
     */
    public Builder regimeEngine(RegimeEngine regimeEngine) {
      this.regimeEngine = Objects.requireNonNull(regimeEngine, "regimeEngine");
      return this;
    }

    /**
     * Sets the exit evaluator; without one, running grids are not assessed.
     *
     * @param exitEvaluator the evaluator
     * @return this builder
     */
    public Builder exitEvaluator(ExitEvaluator exitEvaluator) {
      this.exitEvaluator = Objects.requireNonNull(exitEvaluator, "exitEvaluator");
      return this;
    }

    /**
     * Sets the grid manager; without one, no recommendation is made.
     *
     * @param gridManager the manager
     * @return this builder
     */
    public Builder gridManager(GridManager gridManager) {
      this.gridManager = Objects.requireNonNull(gridManager, "gridManager");
      return this;
    }

    /**
     * Sets the decision grader; without one, decisions are not graded.
     *
     * @param decisionGrader the grader
     * @return this builder
     */
    public Builder decisionGrader(DecisionGrader decisionGrader) {
      this.decisionGrader = Objects.requireNonNull(decisionGrader, "decisionGrader");
      return this;
    }

    /**
     * Sets the store (required).
     *
     * @param store the store
     * @return this builder
     */
    public Builder store(DecisionStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets the notifier; {@link Notifier#noop()} by default.
     *
     * @param notifier the notifier
     * @return this builder
     */
    public Builder notifier(Notifier notifier) {
      this.notifier = Objects.requireNonNull(notifier, "notifier");
      return this;
    }

    /**
     * Sets the clock that stamps records; the system UTC clock by default.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the monotonic nanosecond source that times steps; {@code System::nanoTime} by default.
     *
     * @param ticker the ticker
     * @return this builder
     */
    public Builder ticker(LongSupplier ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Sets the cycle configuration.
     *
     * @param config the configuration
     * @return this builder
     */
    public Builder config(CycleConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * Sets the listener that hears cycle events.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(CycleListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Says whether {@link MarketMaker#close()} closes the adapters (default) or the host does.
     *
     * @param closeAdapters {@code true} to close them with the facade
     * @return this builder
     */
    public Builder closeAdapters(boolean closeAdapters) {
      this.closeAdapters = closeAdapters;
      return this;
    }

    /**
     * Builds the facade.
     *
     * @return the facade
     * @throws InvalidConfigurationException when a required component is missing
     */
    public MarketMaker build() {
      require(exchange, "exchange");
      require(regimeEngine, "regimeEngine");
      require(store, "store");
      return new MarketMaker(this);
    }

    private static void require(Object o, String name) {
      if (o == null) {
        throw new InvalidConfigurationException("market_maker." + name, "is required");
      }
    }
  }
}
