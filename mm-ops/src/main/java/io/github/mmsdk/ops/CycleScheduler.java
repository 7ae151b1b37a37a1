package io.github.mmsdk.ops;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.cycle.MarketMaker;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.store.DecisionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link MarketMaker} cycles for several symbols on a cadence, aligned to candle closes.
 *
 * <p>Slots are the multiples of the cadence since the epoch in UTC (candle closes: every full hour
 * for 1 h, every quarter for 15 min); a slot's cycle starts {@linkplain Builder#closeDelay a small
 * delay} after it, with the slot as its decision time ({@code asOf}). Each symbol has its own
 * thread (a lane) that runs its slots one after another, in order and once each: a failing or slow
 * symbol never delays another, and a lane that falls behind catches up in order.
 *
 * <p>Resume: with {@link Builder#resumeFrom(DecisionStore)}, each lane starts after the newest
 * decision stored for its symbol within {@link Builder#maxCatchUp(Duration)} — a restart loses no
 * slot and repeats none (a slot whose cycle stored no decision is run again). Without a stored
 * decision a lane starts at the newest slot whose delay has passed.
 *
 * <p>{@link #close()} drains: no new cycle starts, running ones finish (up to {@link
 * Builder#drainTimeout(Duration)}), then the facade is closed unless {@link
 * Builder#closeFacade(boolean)} said otherwise. Time comes from the injected {@link Clock} and
 * waiting from the {@link Sleeper}, so tests run a week in well under a second.
 */
public final class CycleScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CycleScheduler.class);
  private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

  private final MarketMaker marketMaker;
  private final List<Symbol> symbols;
  private final Duration cadence;
  private final Duration closeDelay;
  private final Duration maxCatchUp;
  private final Duration drainTimeout;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Optional<DecisionStore> store;
  private final boolean closeFacade;
  private final ThreadFactory threadFactory;

  private final Object lock = new Object();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final List<Lane> lanes = new ArrayList<>();

  private CycleScheduler(Builder b) {
    this.marketMaker = b.marketMaker;
    this.symbols = List.copyOf(b.symbols);
    this.cadence = b.cadence != null ? b.cadence : b.marketMaker.config().cadence();
    this.closeDelay = b.closeDelay;
    this.maxCatchUp = b.maxCatchUp;
    this.drainTimeout = b.drainTimeout;
    this.clock = b.clock;
    this.sleeper = b.sleeper != null ? b.sleeper : Sleeper.system(b.clock);
    this.store = Optional.ofNullable(b.store);
    this.closeFacade = b.closeFacade;
    this.threadFactory = b.threadFactory;
    long c = cadence.toMillis();
    if (c <= 0 || cadence.getNano() % 1_000_000 != 0 || DAY_MILLIS % c != 0) {
      throw new InvalidConfigurationException(
          "scheduler.every",
          "must divide a day into whole candles (e.g. 15m, 1h, 4h), was " + cadence);
    }
    if (symbols.isEmpty()) {
      throw new InvalidConfigurationException("scheduler.symbols", "must name at least one symbol");
    }
  }

  /**
   * Starts building a scheduler.
   *
   * @param marketMaker the facade that runs the cycles
   * @return a builder
   */
  public static Builder builder(MarketMaker marketMaker) {
    return new Builder(marketMaker);
  }

  /** {@return the cadence} */
  public Duration cadence() {
    return cadence;
  }

  /** {@return the symbols, in the order given} */
  public List<Symbol> symbols() {
    return symbols;
  }

  /**
   * The slot (candle close) at or before an instant.
   *
   * @param instant the instant
   * @return the slot
   */
  public Instant slotAtOrBefore(Instant instant) {
    long c = cadence.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(instant.toEpochMilli(), c) * c);
  }

  /**
   * Starts one lane per symbol; returns at once.
   *
   * @throws IllegalStateException when already started or closed
   */
  public void start() {
    if (stopping.get() || !started.compareAndSet(false, true)) {
      throw new IllegalStateException("scheduler already started or closed");
    }
    synchronized (lock) {
      for (Symbol s : symbols) {
        Lane lane = new Lane(s, firstSlot(s));
        lanes.add(lane);
        LOG.info(
            "scheduler lane starting symbol={} first_slot={} cadence={}", s, lane.next, cadence);
      }
      for (Lane lane : lanes) {
        lane.thread = threadFactory.newThread(lane);
        lane.thread.setName("mm-cycle-" + lane.symbol);
        lane.thread.start();
      }
    }
  }

  /**
   * {@return the slot each symbol's lane started from, in symbol order: after a restart, the slot
   * after the newest stored decision; empty before {@link #start()}}
   */
  public Map<Symbol, Instant> firstSlots() {
    synchronized (lock) {
      Map<Symbol, Instant> m = new LinkedHashMap<>();
      lanes.forEach(l -> m.put(l.symbol, l.first));
      return m;
    }
  }

  /** {@return the next slot each symbol will run, in symbol order} */
  public Map<Symbol, Instant> nextSlots() {
    synchronized (lock) {
      Map<Symbol, Instant> m = new LinkedHashMap<>();
      lanes.forEach(l -> m.put(l.symbol, l.next));
      return m;
    }
  }

  /**
   * Blocks until the scheduler is closed.
   *
   * @throws InterruptedException when interrupted while waiting
   */
  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  private Instant firstSlot(Symbol symbol) {
    Instant now = clock.instant();
    Instant ready = slotAtOrBefore(now.minus(closeDelay));
    Instant earliest = slotAtOrBefore(ready.minus(maxCatchUp));
    if (store.isEmpty()) {
      return ready;
    }
    List<DecisionRecord> stored = store.get().decisions(symbol, earliest, now.plusMillis(1));
    if (stored.isEmpty()) {
      return ready;
    }
    Instant last = stored.get(stored.size() - 1).metadata().observedAt();
    Instant next = slotAtOrBefore(last).plus(cadence);
    LOG.info("scheduler resuming symbol={} last_decision={} next_slot={}", symbol, last, next);
    return next;
  }

  /** One symbol's sequence of slots, on its own thread. */
  private final class Lane implements Runnable {
    final Symbol symbol;
    final Instant first;
    volatile Instant next;
    Thread thread;
    boolean sleeping;

    Lane(Symbol symbol, Instant first) {
      this.symbol = symbol;
      this.first = first;
      this.next = first;
    }

    @Override
    public void run() {
      while (!stopping.get()) {
        Instant slot = next;
        try {
          synchronized (lock) {
            if (stopping.get()) {
              break;
            }
            sleeping = true;
          }
          try {
            sleeper.sleepUntil(slot.plus(closeDelay));
          } finally {
            synchronized (lock) {
              sleeping = false;
              Thread.interrupted(); // an interrupt meant for the sleep must not reach the cycle
            }
          }
        } catch (InterruptedException e) {
          break;
        }
        if (stopping.get()) {
          break;
        }
        runSlot(slot);
        next = slot.plus(cadence);
      }
      LOG.info("scheduler lane stopped symbol={} next_slot={}", symbol, next);
    }

    private void runSlot(Instant slot) {
      try {
        marketMaker.runCycle(symbol, slot);
      } catch (RuntimeException e) {
        LOG.error("scheduled cycle failed symbol={} slot={} error={}", symbol, slot, e.toString());
      }
    }
  }

  /**
   * Drains and stops: no new cycle starts, running cycles finish (up to the drain timeout), then
   * the facade is closed (unless the host owns it). Idempotent.
   */
  @Override
  public void close() {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    List<Lane> toJoin;
    synchronized (lock) {
      toJoin = List.copyOf(lanes);
      for (Lane l : toJoin) {
        if (l.sleeping && l.thread != null) {
          l.thread.interrupt();
        }
      }
    }
    long deadline = System.nanoTime() + drainTimeout.toNanos();
    for (Lane l : toJoin) {
      long left = deadline - System.nanoTime();
      try {
        if (l.thread != null && left > 0) {
          l.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
        if (l.thread != null && l.thread.isAlive()) {
          LOG.warn("scheduler lane still running after drain timeout symbol={}", l.symbol);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (closeFacade) {
      marketMaker.close();
    }
    LOG.info("scheduler stopped symbols={}", symbols);
    terminated.countDown();
  }

  /** Builds a {@link CycleScheduler}. */
  public static final class Builder {
    private final MarketMaker marketMaker;
    private final List<Symbol> symbols = new ArrayList<>();
    private Duration cadence;
    private Duration closeDelay = Duration.ofSeconds(5);
    private Duration maxCatchUp = Duration.ofDays(1);
    private Duration drainTimeout = Duration.ofMinutes(5);
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper;
    private DecisionStore store;
    private boolean closeFacade = true;
    private ThreadFactory threadFactory = Thread::new;

    private Builder(MarketMaker marketMaker) {
      this.marketMaker = Objects.requireNonNull(marketMaker, "marketMaker");
    }

    /**
     * Adds symbols to run.
     *
     * @param symbols the pairs
     * @return this builder
     */
    public Builder symbols(List<Symbol> symbols) {
      this.symbols.addAll(symbols);
      return this;
    }

    /**
     * Sets the cadence; the facade's {@code CycleConfig.cadence()} (1 h by default) unless set. It
     * must divide a day into whole candles (15 min, 1 h, 4 h, …).
     *
     * @param cadence the cadence
     * @return this builder
     */
    public Builder cadence(Duration cadence) {
      this.cadence = Objects.requireNonNull(cadence, "cadence");
      return this;
    }

    /**
     * Sets how long after a candle close its cycle starts, so the exchange has published the candle
     * (5 s by default).
     *
     * @param closeDelay the delay, not negative
     * @return this builder
     */
    public Builder closeDelay(Duration closeDelay) {
      if (closeDelay.isNegative()) {
        throw new InvalidConfigurationException(
            "scheduler.close_delay", "must not be negative, was " + closeDelay);
      }
      this.closeDelay = closeDelay;
      return this;
    }

    /**
     * Sets how far back a resumed lane catches up missed slots (1 day by default); older slots are
     * skipped.
     *
     * @param maxCatchUp the window
     * @return this builder
     */
    public Builder maxCatchUp(Duration maxCatchUp) {
      this.maxCatchUp = Objects.requireNonNull(maxCatchUp, "maxCatchUp");
      return this;
    }

    /**
     * Sets how long {@link CycleScheduler#close()} waits for running cycles (5 min by default).
     *
     * @param drainTimeout the timeout
     * @return this builder
     */
    public Builder drainTimeout(Duration drainTimeout) {
      this.drainTimeout = Objects.requireNonNull(drainTimeout, "drainTimeout");
      return this;
    }

    /**
     * Sets the clock slots are computed from (the system UTC clock by default).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how lanes wait for their next slot ({@link Sleeper#system(Clock)} by default).
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Resumes each symbol after its newest stored decision.
     *
     * @param store the store the facade writes to
     * @return this builder
     */
    public Builder resumeFrom(DecisionStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Says whether {@link CycleScheduler#close()} closes the facade (default) or the host does.
     *
     * @param closeFacade {@code true} to close it with the scheduler
     * @return this builder
     */
    public Builder closeFacade(boolean closeFacade) {
      this.closeFacade = closeFacade;
      return this;
    }

    /**
     * Sets the factory of the lane threads (plain platform threads by default).
     *
     * @param threadFactory the factory
     * @return this builder
     */
    public Builder threadFactory(ThreadFactory threadFactory) {
      this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
      return this;
    }

    /**
     * Builds the scheduler (not started).
     *
     * @return the scheduler
     * @throws InvalidConfigurationException when the cadence does not divide a day or no symbol was
     *     given
     */
    public CycleScheduler build() {
      return new CycleScheduler(this);
    }
  }
}
