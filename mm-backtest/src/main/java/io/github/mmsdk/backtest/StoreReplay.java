package io.github.mmsdk.backtest;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.cycle.CycleConfig;
import io.github.mmsdk.api.cycle.CycleResult;
import io.github.mmsdk.api.cycle.MarketMaker;
import io.github.mmsdk.api.decision.ActionRecord;
import io.github.mmsdk.api.decision.ControlRecord;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.Escalation;
import io.github.mmsdk.api.decision.GridAction;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.exit.ExitAssessment;
import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.api.store.CycleRecords;
import io.github.mmsdk.api.store.DecisionStore;
import io.github.mmsdk.api.store.RecordNotFoundException;
import io.github.mmsdk.testkit.TestClock;
import io.github.mmsdk.testkit.store.InMemoryDecisionStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-runs the decisions recorded in a store (a Git store typically) through the current engines,
 * from the store's own raw candles and snapshots, and reports every decision that would now come
 * out differently and how the operator answered the recorded recommendations.
 *
 * <pre>{@code
 * try (GitDecisionStore store = GitDecisionStore.open(Path.of("market-maker-data"))) {
 *   ReplayResult r = StoreReplay.builder()
 *       .store(store).symbol(Symbol.parse("ETH-USDT"))
 *       .from(Instant.parse("2026-02-01T00:00:00Z")).to(Instant.parse("2026-02-08T00:00:00Z"))
 *       .wiring(wiring)   // the same MarketMakerFactory a backtest takes
 *       .build()
 *       .run();
 *   r.differences().forEach(d -> System.out.println(d.describe()));
 * }
 * }</pre>
 *
 * <p>How: the facade the {@link MarketMakerFactory} wires runs into a fresh {@link
 * InMemoryDecisionStore} over an exchange that serves the store's raw candles ({@code
 * DecisionStore#rawCandles}, nothing after the clock) and, at each recorded decision time, the
 * balance and market data that decision recorded; a {@link TestClock} stands at each recorded
 * decision time in turn. The replay store is first primed with the recorded decisions of the
 * facade's decision memory before the period (so cooldowns and verdict changes see the same past),
 * and everything the operator recorded — grid starts and stops, actions on decisions, halts and
 * resumes — is applied in time order, each before the first decision strictly after it. The replay
 * offers no grid execution, so it never acts; the source store is only read.
 *
 * <p>What is compared per decision: the regime verdict, the exit state of every assessed grid and
 * the recommended actions in order. Symbol rules and fee rates are not recorded by a cycle; the
 * replay uses the replay exchange's defaults for them.
 */
public final class StoreReplay {

  private static final Logger LOG = LoggerFactory.getLogger(StoreReplay.class);

  private final DecisionStore source;
  private final Symbol symbol;
  private final Instant from;
  private final Instant to;
  private final MarketMakerFactory wiring;

  private StoreReplay(Builder b) {
    this.source = b.store;
    this.symbol = b.symbol;
    this.from = b.from;
    this.to = b.to;
    this.wiring = b.wiring;
  }

  /** {@return a builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Something the operator recorded, applied to the replay store at its time. */
  private record Event(Instant at, int order, Runnable apply) {}

  /**
   * Re-runs the recorded decisions.
   *
   * @return the differences and the operator's responses
   * @throws io.github.mmsdk.api.InsufficientDataException when the store keeps no raw candles of
   *     the symbol's primary timeframe for the period
   */
  public ReplayResult run() {
    List<DecisionRecord> recorded = source.decisions(symbol, from, to.plusNanos(1));
    ReplayResult.Builder result =
        new ReplayResult.Builder().symbol(symbol).decisionsReplayed(recorded.size());
    if (recorded.isEmpty()) {
      LOG.info("store replay found no decisions symbol={} from={} to={}", symbol, from, to);
      return result.periodStart(from).periodEnd(to).build();
    }
    Instant first = recorded.get(0).metadata().observedAt();
    Instant last = recorded.get(recorded.size() - 1).metadata().observedAt();
    result.periodStart(first).periodEnd(last);
    Map<Instant, DecisionRecord> byTime = new HashMap<>();
    recorded.forEach(d -> byTime.put(d.metadata().observedAt(), d));
    TestClock clock = TestClock.at(first);
    InMemoryDecisionStore replay = new InMemoryDecisionStore();
    StoreExchange exchange = new StoreExchange(recorded.get(0).metadata().venue(), clock, byTime);
    MarketMaker mm = wiring.create(exchange, replay, clock);
    if (mm == null) {
      throw new InvalidConfigurationException("replay.wiring", "returned no facade");
    }
    Map<String, List<GridAction>> replayed = new HashMap<>();
    try {
      CycleConfig config = mm.config();
      exchange.load(source, symbol, config, first, last);
      List<DecisionRecord> prior =
          source.decisions(symbol, first.minus(config.decisionMemory()), first);
      for (DecisionRecord p : prior) {
        replay.commitCycle(
            new CycleRecords.Builder()
                .symbol(symbol)
                .asOf(p.metadata().observedAt())
                .decision(
                    new DecisionRecord.Builder()
                        .from(p)
                        .actions(List.of())
                        .evaluations(List.of())
                        .build())
                .addAllExitHistories(p.exits().stream().map(ExitAssessment::history).toList())
                .build());
      }
      List<Event> events = events(mm, replay, clock, prior, recorded, last);
      int next = 0;
      for (DecisionRecord d : recorded) {
        Instant t = d.metadata().observedAt();
        while (next < events.size() && events.get(next).at().isBefore(t)) {
          events.get(next++).apply().run();
        }
        clock.set(t);
        CycleResult r = mm.runCycle(symbol, t);
        List<GridAction> now = r.recommendations().stream().map(Recommendation::action).toList();
        replayed.put(d.id(), now);
        compare(d, r, now).ifPresent(result::addDifference);
      }
    } finally {
      mm.close();
    }
    for (DecisionRecord d : recorded) {
      response(d, replayed.get(d.id())).ifPresent(result::addOperatorResponse);
    }
    ReplayResult out = result.build();
    LOG.info(
        "store replay finished symbol={} decisions={} different={} operator_responses={}",
        symbol,
        out.decisionsReplayed(),
        out.differences().size(),
        out.operatorResponses().size());
    return out;
  }

  /** Grid changes, actions and halts recorded up to the last decision, in time order. */
  private List<Event> events(
      MarketMaker mm,
      InMemoryDecisionStore replay,
      TestClock clock,
      List<DecisionRecord> prior,
      List<DecisionRecord> recorded,
      Instant last) {
    List<Event> events = new ArrayList<>();
    for (GridConfig g : source.grids()) {
      List<GridHistoryEntry> h = g.history();
      Instant added = h.isEmpty() ? Instant.MIN : h.get(0).at();
      GridConfig initial =
          new GridConfig.Builder()
              .from(g)
              .history(h.isEmpty() ? List.of() : h.subList(0, 1))
              .build();
      events.add(new Event(added, events.size(), () -> replay.addGrid(initial)));
      for (GridHistoryEntry e : h.subList(Math.min(1, h.size()), h.size())) {
        events.add(new Event(e.at(), events.size(), () -> replay.appendGridHistory(g.id(), e)));
      }
    }
    List<DecisionRecord> all = new ArrayList<>(prior);
    all.addAll(recorded);
    for (DecisionRecord d : all) {
      for (ActionRecord a : d.actions()) {
        events.add(new Event(a.at(), events.size(), () -> appendAction(replay, a)));
      }
    }
    for (ControlRecord c : source.controls(Instant.EPOCH, last)) {
      if (c.kind() == ControlRecord.Kind.HALT || c.kind() == ControlRecord.Kind.RESUME) {
        events.add(
            new Event(
                c.at(),
                events.size(),
                () -> {
                  clock.set(c.at());
                  if (c.kind() == ControlRecord.Kind.HALT) {
                    mm.halt(c.actor(), c.reason());
                  } else {
                    mm.resume(c.actor(), c.reason());
                  }
                }));
      }
    }
    events.sort(Comparator.comparing(Event::at).thenComparingInt(Event::order));
    return events;
  }

  private static void appendAction(InMemoryDecisionStore replay, ActionRecord a) {
    try {
      replay.appendAction(a);
    } catch (RecordNotFoundException e) {
      // the replay made no such decision: the action has nothing to attach to
      LOG.debug("replayed action without its decision decision_id={}", a.decisionId());
    }
  }

  private static Optional<ReplayDifference> compare(
      DecisionRecord d, CycleResult r, List<GridAction> now) {
    List<GridAction> was = d.recommendations().stream().map(Recommendation::action).toList();
    Map<String, ExitState> exitsWas = exitStates(d.exits());
    ReplayDifference.Builder b =
        new ReplayDifference.Builder()
            .decisionId(d.id())
            .at(d.metadata().observedAt())
            .recordedVerdict(d.regime().verdict())
            .putAllRecordedExits(exitsWas)
            .addAllRecordedRecommendations(was);
    if (r.regime().isEmpty()) {
      return Optional.of(b.build());
    }
    Map<String, ExitState> exitsNow = exitStates(r.exits());
    boolean same =
        r.regime().get().verdict() == d.regime().verdict()
            && exitsNow.equals(exitsWas)
            && now.equals(was);
    if (same) {
      return Optional.empty();
    }
    return Optional.of(
        b.replayedVerdict(r.regime().get().verdict())
            .putAllReplayedExits(exitsNow)
            .addAllReplayedRecommendations(now)
            .build());
  }

  private static Map<String, ExitState> exitStates(List<ExitAssessment> exits) {
    Map<String, ExitState> m = new LinkedHashMap<>();
    exits.forEach(e -> m.put(e.gridId(), e.state()));
    return m;
  }

  private static Optional<OperatorResponse> response(DecisionRecord d, List<GridAction> now) {
    Optional<Escalation> highest =
        d.recommendations().stream().map(Recommendation::escalation).max(Comparator.naturalOrder());
    boolean asked = highest.isPresent() && highest.get() != Escalation.RECORD_ONLY;
    if (!asked && d.actions().isEmpty()) {
      return Optional.empty();
    }
    List<GridAction> was = d.recommendations().stream().map(Recommendation::action).toList();
    return Optional.of(
        new OperatorResponse.Builder()
            .decisionId(d.id())
            .at(d.metadata().observedAt())
            .addAllRecommended(was)
            .escalation(highest.orElse(Escalation.RECORD_ONLY))
            .response(d.actions().stream().max(Comparator.comparing(ActionRecord::at)))
            .stillRecommended(was.equals(now))
            .build());
  }

  /** Builds a {@link StoreReplay}. Store, symbol, period and wiring are required. */
  public static final class Builder {
    private DecisionStore store;
    private Symbol symbol;
    private Instant from;
    private Instant to;
    private MarketMakerFactory wiring;

    private Builder() {}

    /**
     * Sets the store whose decisions are replayed (required); it is only read, never closed.
     *
     * @param store the store, keeping raw candles (a {@code GitDecisionStore} does)
     * @return this builder
     */
    public Builder store(DecisionStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets the pair (required).
     *
     * @param symbol the pair
     * @return this builder
     */
    public Builder symbol(Symbol symbol) {
      this.symbol = Objects.requireNonNull(symbol, "symbol");
      return this;
    }

    /**
     * Sets the first decision time replayed (required, inclusive).
     *
     * @param from the start
     * @return this builder
     */
    public Builder from(Instant from) {
      this.from = Objects.requireNonNull(from, "from");
      return this;
    }

    /**
     * Sets the last decision time replayed (required, inclusive).
     *
     * @param to the end
     * @return this builder
     */
    public Builder to(Instant to) {
      this.to = Objects.requireNonNull(to, "to");
      return this;
    }

    /**
     * Sets how the facade is wired (required): the engines and configuration to judge the recorded
     * decisions with.
     *
     * @param wiring the factory
     * @return this builder
     */
    public Builder wiring(MarketMakerFactory wiring) {
      this.wiring = Objects.requireNonNull(wiring, "wiring");
      return this;
    }

    /**
     * Builds the replay.
     *
     * @return the replay
     * @throws InvalidConfigurationException when a required part is missing or the period is empty
     */
    public StoreReplay build() {
      if (store == null || symbol == null || from == null || to == null || wiring == null) {
        throw new InvalidConfigurationException(
            "replay", "store, symbol, from, to and wiring are required");
      }
      if (to.isBefore(from)) {
        throw new InvalidConfigurationException("replay.to", "is before from");
      }
      return new StoreReplay(this);
    }
  }
}
