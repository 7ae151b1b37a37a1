package io.github.mmsdk.backtest;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.decision.ActionRecord;
import io.github.mmsdk.api.decision.ControlRecord;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.EvaluationHorizon;
import io.github.mmsdk.api.decision.EvaluationRecord;
import io.github.mmsdk.api.exit.ExitHistory;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.health.HealthStatus;
import io.github.mmsdk.api.store.CycleRecords;
import io.github.mmsdk.api.store.DecisionStore;
import io.github.mmsdk.api.store.MetricsSnapshot;
import io.github.mmsdk.testkit.store.InMemoryDecisionStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A {@link DecisionStore} for backtests longer than the heap: it keeps a recent window of records
 * in memory and hands older cycles to a sink, so that years of hourly cycles run in a bounded heap.
 *
 * <p>What stays in memory is everything the facade and the backtest still read: the decisions and
 * snapshots of the last {@link Builder#window(Duration) window} (8 days by default; at least the
 * longest grading horizon, 7 days, plus a day, so every horizon of a decision that leaves has been
 * graded, and more than the facade's 2-day decision memory), every grid with its history, the exit
 * histories, the control records and the daily KPI figures. Once per simulated UTC day (at the
 * first commit of a new day), the decisions and snapshots observed before the window are taken out
 * in time order and handed, one {@link CycleRecords} per decision time (its snapshot and its
 * decision, with every evaluation and action appended so far), to the sinks: a {@link Consumer} (a
 * digest, a counter, a file) and/or another {@link DecisionStore} (e.g. a Git store on disk)
 * through {@link DecisionStore#commitCycle}. {@link #close()} hands over what is left, and gives a
 * sink store the grids, exit histories, control records and KPI figures too, so that the KPIs and
 * the report are computed over the sink store afterwards exactly as over a plain store.
 *
 * <pre>{@code
 * try (GitDecisionStore disk = GitDecisionStore.open(dir);
 *     WindowedDecisionStore store = WindowedDecisionStore.builder().retireInto(disk).build()) {
 *   Backtest.builder().candles(minutes).from(from).to(to).store(store).wiring(wiring)
 *       .build().run();
 * } // closing the windowed store hands the rest to disk; compute the KPIs over disk
 * }</pre>
 *
 * <p>The facade decides exactly as over a plain {@link InMemoryDecisionStore} (same records, same
 * commit ids {@code mem-1}, {@code mem-2}, ... in write order), provided the facade's decision
 * memory is shorter than the window. What differs: a decision that has left can no longer be read
 * ({@link #decision(String)}, {@link #decisions}) nor receive actions or evaluations ({@link
 * io.github.mmsdk.api.store.RecordNotFoundException}); {@link #awaitingEvaluation} no longer lists
 * a decision whose grading was skipped (no price path) once it has left. Deterministic: retirement
 * follows the records' own times, never a clock. Thread-safe.
 */
public final class WindowedDecisionStore implements DecisionStore {

  private static final Instant BEGIN = Instant.EPOCH;
  private static final Instant END = Instant.parse("9999-01-01T00:00:00Z");
  private static final Duration DEFAULT_WINDOW = Duration.ofDays(8);
  private static final Duration LONGEST_HORIZON =
      Arrays.stream(EvaluationHorizon.values())
          .map(EvaluationHorizon::after)
          .max(Comparator.naturalOrder())
          .orElseThrow();

  private final Duration window;
  private final List<Consumer<? super CycleRecords>> sinks;
  private final Optional<DecisionStore> target;
  private final Set<Symbol> symbols = new LinkedHashSet<>();
  private final Map<LocalDate, Map<String, Double>> kpis = new TreeMap<>();
  private InMemoryDecisionStore current = new InMemoryDecisionStore();
  private Instant nextRoll;
  private Instant lastAsOf = BEGIN;
  private long version;
  private long retiredDecisions;
  private long retiredSnapshots;
  private int inMemory;
  private boolean closed;

  private WindowedDecisionStore(Builder b) {
    this.window = b.window;
    this.sinks = List.copyOf(b.sinks);
    this.target = Optional.ofNullable(b.target);
  }

  /** {@return a builder: an 8-day window, records that leave are dropped unless a sink is set} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return how long records stay in memory after their observation time} */
  public Duration window() {
    return window;
  }

  /** {@return how many decisions have been handed to the sinks so far} */
  public synchronized long retiredDecisions() {
    return retiredDecisions;
  }

  /** {@return how many snapshots have been handed to the sinks so far} */
  public synchronized long retiredSnapshots() {
    return retiredSnapshots;
  }

  /** {@return how many decisions are in memory now} */
  public synchronized int decisionsInMemory() {
    return inMemory;
  }

  @Override
  public synchronized String commitCycle(CycleRecords cycle) {
    Instant asOf = cycle.asOf();
    if (!closed) {
      if (nextRoll == null) {
        nextRoll = nextDay(asOf);
      } else if (!asOf.isBefore(nextRoll)) {
        roll(asOf.minus(window));
        nextRoll = nextDay(asOf);
      }
    }
    current.commitCycle(cycle);
    symbols.add(cycle.symbol());
    inMemory += cycle.decision().isPresent() ? 1 : 0;
    if (asOf.isAfter(lastAsOf)) {
      lastAsOf = asOf;
    }
    return nextVersion();
  }

  private static Instant nextDay(Instant t) {
    return t.atOffset(ZoneOffset.UTC)
        .toLocalDate()
        .plusDays(1)
        .atStartOfDay(ZoneOffset.UTC)
        .toInstant();
  }

  /**
   * Hands every cycle observed before {@code keepFrom} to the sinks, oldest first, and keeps the
   * rest in a new in-memory store with the grids, exit histories, controls and KPI figures.
   */
  private void roll(Instant keepFrom) {
    InMemoryDecisionStore next = new InMemoryDecisionStore();
    List<GridConfig> grids = current.grids();
    grids.forEach(next::addGrid);
    current.controls(BEGIN, END).forEach(next::appendControl);
    kpis.forEach(next::writeKpis);
    for (Symbol s : symbols) {
      List<ExitHistory> exits = new ArrayList<>();
      for (GridConfig g : grids) {
        if (g.symbol().equals(s)) {
          exits.add(current.exitHistory(s, g.id()));
        }
      }
      if (!exits.isEmpty()) {
        next.commitCycle(
            new CycleRecords.Builder().symbol(s).asOf(lastAsOf).addAllExitHistories(exits).build());
      }
      List<DecisionRecord> decisions = current.decisions(s, BEGIN, END);
      List<MetricsSnapshot> snapshots = current.snapshots(s, BEGIN, END);
      int i = 0;
      int j = 0;
      while (i < decisions.size() || j < snapshots.size()) {
        Instant td = i < decisions.size() ? decisions.get(i).metadata().observedAt() : END;
        Instant ts = j < snapshots.size() ? snapshots.get(j).metadata().observedAt() : END;
        Instant t = td.isBefore(ts) ? td : ts;
        CycleRecords.Builder b = new CycleRecords.Builder().symbol(s).asOf(t);
        boolean hasDecision = td.equals(t);
        boolean hasSnapshot = ts.equals(t);
        if (hasDecision) {
          b.decision(decisions.get(i++));
        }
        if (hasSnapshot) {
          b.snapshot(snapshots.get(j++));
        }
        CycleRecords cycle = b.build();
        if (t.isBefore(keepFrom)) {
          retiredDecisions += hasDecision ? 1 : 0;
          inMemory -= hasDecision ? 1 : 0;
          retiredSnapshots += hasSnapshot ? 1 : 0;
          retire(cycle);
        } else {
          next.commitCycle(cycle);
        }
      }
    }
    current.close();
    current = next;
  }

  private void retire(CycleRecords cycle) {
    if (target.isPresent()) {
      target.get().commitCycle(cycle);
    }
    for (Consumer<? super CycleRecords> sink : sinks) {
      sink.accept(cycle);
    }
  }

  @Override
  public synchronized String appendAction(ActionRecord action) {
    current.appendAction(action);
    return nextVersion();
  }

  @Override
  public synchronized String appendEvaluation(EvaluationRecord evaluation) {
    current.appendEvaluation(evaluation);
    return nextVersion();
  }

  @Override
  public synchronized String addGrid(GridConfig grid) {
    current.addGrid(grid);
    return nextVersion();
  }

  @Override
  public synchronized String appendGridHistory(String gridId, GridHistoryEntry entry) {
    current.appendGridHistory(gridId, entry);
    return nextVersion();
  }

  @Override
  public synchronized String appendControl(ControlRecord record) {
    current.appendControl(record);
    return nextVersion();
  }

  @Override
  public synchronized List<ControlRecord> controls(Instant from, Instant to) {
    return current.controls(from, to);
  }

  @Override
  public synchronized String writeKpis(LocalDate day, Map<String, Double> figures) {
    current.writeKpis(day, figures);
    kpis.put(day, current.kpis(day));
    return nextVersion();
  }

  @Override
  public synchronized Map<String, Double> kpis(LocalDate day) {
    return current.kpis(day);
  }

  @Override
  public synchronized Optional<DecisionRecord> decision(String decisionId) {
    return current.decision(decisionId);
  }

  @Override
  public synchronized List<DecisionRecord> decisions(Symbol symbol, Instant from, Instant to) {
    return current.decisions(symbol, from, to);
  }

  @Override
  public synchronized List<MetricsSnapshot> snapshots(Symbol symbol, Instant from, Instant to) {
    return current.snapshots(symbol, from, to);
  }

  @Override
  public synchronized List<DecisionRecord> awaitingEvaluation(Instant asOf) {
    return current.awaitingEvaluation(asOf);
  }

  @Override
  public synchronized List<DecisionRecord> dueForEvaluation(Instant after, Instant asOf) {
    return current.dueForEvaluation(after, asOf);
  }

  @Override
  public synchronized ExitHistory exitHistory(Symbol symbol, String gridId) {
    return current.exitHistory(symbol, gridId);
  }

  @Override
  public synchronized List<GridConfig> grids() {
    return current.grids();
  }

  @Override
  public Optional<String> configVersion() {
    return Optional.empty();
  }

  @Override
  public synchronized Health health() {
    return new Health.Builder()
        .component("store:windowed")
        .status(closed ? HealthStatus.DOWN : HealthStatus.UP)
        .putDetail("decisions_in_memory", Integer.toString(inMemory))
        .putDetail("decisions_retired", Long.toString(retiredDecisions))
        .putDetail("window", window.toString())
        .putDetail("version", Long.toString(version))
        .build();
  }

  /**
   * Hands every record still in memory to the sinks (oldest first) and closes; a sink store also
   * receives every grid with its history, the exit histories, the control records and the KPI
   * figures. The sink store itself is left open (its owner closes it). Closing twice does nothing.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    List<GridConfig> grids = current.grids();
    List<ControlRecord> controls = current.controls(BEGIN, END);
    Map<Symbol, List<ExitHistory>> exits = new LinkedHashMap<>();
    for (Symbol s : symbols) {
      for (GridConfig g : grids) {
        if (g.symbol().equals(s)) {
          exits.computeIfAbsent(s, k -> new ArrayList<>()).add(current.exitHistory(s, g.id()));
        }
      }
    }
    roll(END);
    closed = true;
    current.close();
    if (target.isPresent()) {
      DecisionStore t = target.get();
      grids.forEach(t::addGrid);
      exits.forEach(
          (s, h) ->
              t.commitCycle(
                  new CycleRecords.Builder()
                      .symbol(s)
                      .asOf(lastAsOf)
                      .addAllExitHistories(h)
                      .build()));
      controls.forEach(t::appendControl);
      kpis.forEach(t::writeKpis);
    }
  }

  private String nextVersion() {
    return "mem-" + (++version);
  }

  /** Builds a {@link WindowedDecisionStore}. */
  public static final class Builder {
    private Duration window = DEFAULT_WINDOW;
    private final List<Consumer<? super CycleRecords>> sinks = new ArrayList<>();
    private DecisionStore target;

    private Builder() {}

    /**
     * Sets how long records stay in memory after their observation time: 8 days by default, at
     * least the longest grading horizon (7 days) plus one day. It must also exceed the facade's
     * decision memory (2 days by default).
     *
     * @param window the window
     * @return this builder
     */
    public Builder window(Duration window) {
      this.window = Objects.requireNonNull(window, "window");
      return this;
    }

    /**
     * Adds a consumer of the cycles that leave memory (in time order, each with its snapshot and
     * its decision as they stand then); it may be called several times.
     *
     * @param sink the consumer
     * @return this builder
     */
    public Builder onRetired(Consumer<? super CycleRecords> sink) {
      sinks.add(Objects.requireNonNull(sink, "sink"));
      return this;
    }

    /**
     * Sets a store the cycles that leave memory are committed into; {@link
     * WindowedDecisionStore#close()} completes it with the grids, exit histories, control records
     * and KPI figures. It is not closed by this store.
     *
     * @param target the store, e.g. a Git store on disk
     * @return this builder
     */
    public Builder retireInto(DecisionStore target) {
      this.target = Objects.requireNonNull(target, "target");
      return this;
    }

    /**
     * Builds the store.
     *
     * @return the store
     * @throws InvalidConfigurationException when the window is shorter than the longest horizon
     *     plus a day
     */
    public WindowedDecisionStore build() {
      Duration min = LONGEST_HORIZON.plusDays(1);
      if (window.compareTo(min) < 0) {
        throw new InvalidConfigurationException(
            "backtest.store.window", "must be at least " + min + ", got " + window);
      }
      return new WindowedDecisionStore(this);
    }
  }
}
