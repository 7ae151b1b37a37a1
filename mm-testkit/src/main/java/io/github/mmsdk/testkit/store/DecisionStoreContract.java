package io.github.mmsdk.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.decision.ActionRecord;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.Escalation;
import io.github.mmsdk.api.decision.EvaluationHorizon;
import io.github.mmsdk.api.decision.EvaluationRecord;
import io.github.mmsdk.api.decision.GridAction;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.decision.RecommendationType;
import io.github.mmsdk.api.decision.RecordMetadata;
import io.github.mmsdk.api.exchange.AccountBalance;
import io.github.mmsdk.api.exchange.CurrencyBalance;
import io.github.mmsdk.api.exchange.MarketData;
import io.github.mmsdk.api.exit.ExitCondition;
import io.github.mmsdk.api.exit.ExitHistory;
import io.github.mmsdk.api.exit.ExitObservation;
import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.api.exit.ExitTransition;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.regime.GateEvaluation;
import io.github.mmsdk.api.regime.GateResult;
import io.github.mmsdk.api.regime.MetricId;
import io.github.mmsdk.api.regime.MetricVote;
import io.github.mmsdk.api.regime.RegimeState;
import io.github.mmsdk.api.regime.RegimeVerdict;
import io.github.mmsdk.api.regime.RestartGate;
import io.github.mmsdk.api.regime.Vote;
import io.github.mmsdk.api.store.CycleRecords;
import io.github.mmsdk.api.store.DecisionStore;
import io.github.mmsdk.api.store.MetricsSnapshot;
import io.github.mmsdk.api.store.RecordImmutableException;
import io.github.mmsdk.api.store.RecordNotFoundException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The conformance test of {@link DecisionStore}. Extend it, return a fresh, empty store from {@link
 * #newStore()}, and every guarantee of the interface is checked: atomic cycles, append-only records
 * with typed refusals, half-open time ranges oldest first, grading bookkeeping, grids with history,
 * thread safety and closing.
 *
 * <pre>{@code
 * class MyStoreContractTest extends DecisionStoreContract {
 *   @Override
 *   protected DecisionStore newStore() {
 *     return new MyStore(tempDir);
 *   }
 * }
 * }</pre>
 *
 * <p>The fixture methods ({@link #decision}, {@link #snapshot}, {@link #cycle}, ...) build complete
 * records and may be reused by implementers' own tests.
 */
public abstract class DecisionStoreContract {

  /** The pair most fixtures use. */
  protected static final Symbol ETH = Symbol.of("ETH", "USDT");

  /** A second pair. */
  protected static final Symbol BTC = Symbol.of("BTC", "USDT");

  /** The time of the first fixture cycle. */
  protected static final Instant T0 = Instant.parse("2026-02-02T14:00:00Z");

  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  /** The store under test, fresh for each test. */
  protected DecisionStore store;

  /** Creates the contract. */
  protected DecisionStoreContract() {}

  /**
   * Creates a new, empty store for one test. It is closed after the test.
   *
   * @return the store
   */
  protected abstract DecisionStore newStore();

  /** {@return how many writers the concurrency test runs at once; override to scale} */
  protected int concurrentWriters() {
    return 4;
  }

  /** {@return the cycles each concurrent writer commits} */
  protected int cyclesPerWriter() {
    return 10;
  }

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  // ------------------------------------------------------------------ fixtures

  /**
   * The id of the fixture decision on a pair at a time.
   *
   * @param symbol the pair
   * @param at the time
   * @return the id, e.g. {@code dec-ETH-USDT-20260202-140000}
   */
  protected static String decisionId(Symbol symbol, Instant at) {
    return "dec-" + symbol + "-" + ID_TIME.format(at);
  }

  /**
   * Record metadata.
   *
   * @param id the record id
   * @param at the observation time
   * @return the metadata
   */
  protected static RecordMetadata metadata(String id, Instant at) {
    return new RecordMetadata.Builder()
        .recordId(id)
        .venue("test")
        .observedAt(at)
        .recordedAt(at.plusSeconds(5))
        .libraryVersion("contract")
        .build();
  }

  /**
   * A regime state with metrics, votes and gates.
   *
   * @param symbol the pair
   * @param at the time
   * @return the state
   */
  protected static RegimeState regime(Symbol symbol, Instant at) {
    return new RegimeState.Builder()
        .symbol(symbol)
        .asOf(at)
        .timeframe(Timeframe.H1)
        .verdict(RegimeVerdict.RANGE_OK)
        .confidence(0.75)
        .putMetric(MetricId.ADX, 17.25)
        .putMetric(MetricId.EFFICIENCY_RATIO, 0.125)
        .putUnavailable(MetricId.OU_HALF_LIFE, "no mean reversion")
        .addVote(MetricVote.of(MetricId.ADX, 17.25, Vote.RANGE, "ADX 17.25 < 20"))
        .addReason("4 of 5 metrics vote range")
        .gates(
            GateEvaluation.of(
                List.of(
                    new GateResult.Builder()
                        .gate(RestartGate.TRADABLE_VOLATILITY)
                        .status(GateResult.Status.PASSED)
                        .putMeasured("atr_pct", 1.5)
                        .putThreshold("atr_pct_min", 0.5)
                        .reason("volatility is tradable")
                        .build())))
        .build();
  }

  /**
   * A metrics snapshot.
   *
   * @param symbol the pair
   * @param at the observation time
   * @return the snapshot
   */
  protected static MetricsSnapshot snapshot(Symbol symbol, Instant at) {
    return new MetricsSnapshot.Builder()
        .metadata(metadata("met-" + symbol + "-" + ID_TIME.format(at), at))
        .symbol(symbol)
        .regime(regime(symbol, at))
        .balance(balance(at))
        .marketData(marketData(symbol, at))
        .putAllGridStatus(java.util.Map.of("eth-grid-1", "running"))
        .build();
  }

  private static AccountBalance balance(Instant at) {
    return new AccountBalance.Builder()
        .quoteCurrency("USDT")
        .total(new BigDecimal("1000.50"))
        .available(new BigDecimal("400.25"))
        .putHolding("ETH", CurrencyBalance.of("ETH", new BigDecimal("0.5"), new BigDecimal("0.1")))
        .asOf(at)
        .build();
  }

  private static MarketData marketData(Symbol symbol, Instant at) {
    return new MarketData.Builder()
        .symbol(symbol)
        .lastPrice(new BigDecimal("2500.12"))
        .bestBid(new BigDecimal("2500.11"))
        .change24hPct(-1.5)
        .volume24h(new BigDecimal("123456.789"))
        .asOf(at)
        .build();
  }

  /**
   * A decision with one recommendation.
   *
   * @param symbol the pair
   * @param at the observation time
   * @return the decision, with a configuration version
   */
  protected static DecisionRecord decision(Symbol symbol, Instant at) {
    return new DecisionRecord.Builder()
        .metadata(metadata(decisionId(symbol, at), at))
        .symbol(symbol)
        .regime(regime(symbol, at))
        .addRecommendation(
            new Recommendation.Builder()
                .type(RecommendationType.GRID_MANAGE)
                .action(GridAction.STOP_GRID)
                .symbol(symbol)
                .gridId("eth-grid-1")
                .confidence(0.8)
                .addReason("trend emerging")
                .escalation(Escalation.REQUIRE_APPROVAL)
                .autoExecutable(true)
                .expiresAt(at.plus(Duration.ofMinutes(30)))
                .build())
        .marketData(marketData(symbol, at))
        .balance(balance(at))
        .configVersion("cfg-contract")
        .build();
  }

  /**
   * An exit history in WARNING with one transition.
   *
   * @param gridId the grid
   * @param at the transition time
   * @return the history
   */
  protected static ExitHistory exitHistory(String gridId, Instant at) {
    return new ExitHistory.Builder()
        .gridId(gridId)
        .current(ExitState.WARNING)
        .since(at)
        .addTransition(
            new ExitTransition.Builder()
                .at(at)
                .fromState(ExitState.NORMAL)
                .toState(ExitState.WARNING)
                .addReason("ADX rising")
                .addCondition(ExitCondition.of("adx", ExitState.WARNING, 26.5, 25.0, "ADX > 25"))
                .putMetric("adx", 26.5)
                .build())
        .putLastNotification(ExitState.WARNING, at)
        .addRecent(ExitObservation.of(at, ExitState.WARNING, 1))
        .build();
  }

  /**
   * A full cycle: snapshot, decision and one exit history.
   *
   * @param symbol the pair
   * @param at the time
   * @return the records
   */
  protected static CycleRecords cycle(Symbol symbol, Instant at) {
    return new CycleRecords.Builder()
        .symbol(symbol)
        .asOf(at)
        .snapshot(snapshot(symbol, at))
        .decision(decision(symbol, at))
        .addExitHistory(exitHistory("eth-grid-1", at))
        .build();
  }

  /**
   * An operator action.
   *
   * @param decisionId the decision
   * @param at when
   * @return the action
   */
  protected static ActionRecord action(String decisionId, Instant at) {
    return new ActionRecord.Builder()
        .decisionId(decisionId)
        .kind(ActionRecord.Kind.EXECUTED)
        .actor("operator")
        .at(at)
        .note("stopped by hand")
        .executedPrice(new BigDecimal("2490.5"))
        .build();
  }

  /**
   * An evaluation.
   *
   * @param decisionId the decision
   * @param horizon the horizon
   * @param at when
   * @return the evaluation
   */
  protected static EvaluationRecord evaluation(
      String decisionId, EvaluationHorizon horizon, Instant at) {
    return new EvaluationRecord.Builder()
        .decisionId(decisionId)
        .horizon(horizon)
        .evaluatedAt(at)
        .priceAtDecision(new BigDecimal("2500.12"))
        .priceAtHorizon(new BigDecimal("2400.00"))
        .economicImpactUsd(new BigDecimal("12.34"))
        .outcome(EvaluationRecord.Outcome.CORRECT)
        .putDetail("max_drawdown", 0.04)
        .build();
  }

  /**
   * A grid with one ENABLED entry.
   *
   * @param id the grid id
   * @return the grid
   */
  protected static GridConfig grid(String id) {
    return new GridConfig.Builder()
        .id(id)
        .symbol(ETH)
        .lowerPrice(new BigDecimal("2000"))
        .upperPrice(new BigDecimal("3000"))
        .levels(20)
        .amountPerGrid(new BigDecimal("25.5"))
        .profitPerGridPct(0.9)
        .stopLossPrice(new BigDecimal("1900"))
        .allocation(new BigDecimal("510"))
        .addHistory(GridHistoryEntry.of(T0, GridHistoryEntry.Event.ENABLED, "operator", "start"))
        .build();
  }

  // ------------------------------------------------------------------ tests

  @Nested
  @DisplayName("an empty store")
  class Empty {
    @Test
    void finds_nothing() {
      assertThat(store.decision("dec-none")).isEmpty();
      assertThat(store.decisions(ETH, Instant.EPOCH, T0.plus(Duration.ofDays(999)))).isEmpty();
      assertThat(store.snapshots(ETH, Instant.EPOCH, T0.plus(Duration.ofDays(999)))).isEmpty();
      assertThat(store.awaitingEvaluation(T0.plus(Duration.ofDays(30)))).isEmpty();
      assertThat(store.grids()).isEmpty();
      assertThat(store.exitHistory(ETH, "eth-grid-1")).isEqualTo(ExitHistory.empty("eth-grid-1"));
    }

    @Test
    void reports_health() {
      Health h = store.health();
      assertThat(h.component()).isNotBlank();
    }
  }

  @Nested
  @DisplayName("cycles")
  class Cycles {
    @Test
    void a_cycle_is_read_back_as_written() {
      CycleRecords c = cycle(ETH, T0);
      String id = store.commitCycle(c);
      assertThat(id).isNotBlank();
      assertThat(store.decision(decisionId(ETH, T0))).contains(c.decision().orElseThrow());
      assertThat(store.snapshots(ETH, T0, T0.plusSeconds(1)))
          .containsExactly(c.snapshot().orElseThrow());
      assertThat(store.exitHistory(ETH, "eth-grid-1")).isEqualTo(exitHistory("eth-grid-1", T0));
    }

    @Test
    void every_write_returns_a_new_version() {
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < 3; i++) {
        ids.add(store.commitCycle(cycle(ETH, T0.plus(Duration.ofHours(i)))));
      }
      assertThat(ids).hasSize(3);
    }

    @Test
    void ranges_are_half_open_oldest_first_and_per_symbol() {
      for (int i = 3; i >= 0; i--) {
        store.commitCycle(cycle(ETH, T0.plus(Duration.ofHours(i))));
      }
      store.commitCycle(cycle(BTC, T0.plus(Duration.ofHours(1))));
      List<DecisionRecord> ds =
          store.decisions(ETH, T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(3)));
      assertThat(ds)
          .extracting(d -> d.metadata().observedAt())
          .containsExactly(T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(2)));
      assertThat(store.snapshots(ETH, T0, T0.plus(Duration.ofHours(4))))
          .extracting(s -> s.metadata().observedAt())
          .containsExactly(
              T0,
              T0.plus(Duration.ofHours(1)),
              T0.plus(Duration.ofHours(2)),
              T0.plus(Duration.ofHours(3)));
      assertThat(store.decisions(BTC, T0, T0.plus(Duration.ofDays(1)))).hasSize(1);
      assertThat(store.snapshots(ETH, T0, T0)).isEmpty();
    }

    @Test
    void a_stored_decision_cannot_be_written_again_and_the_cycle_writes_nothing() {
      store.commitCycle(cycle(ETH, T0));
      CycleRecords again =
          new CycleRecords.Builder()
              .symbol(ETH)
              .asOf(T0.plus(Duration.ofHours(1)))
              .snapshot(snapshot(ETH, T0.plus(Duration.ofHours(1))))
              .decision(decision(ETH, T0))
              .build();
      assertThatThrownBy(() -> store.commitCycle(again))
          .isInstanceOf(RecordImmutableException.class);
      assertThat(store.snapshots(ETH, T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(2))))
          .as("a refused cycle leaves nothing behind")
          .isEmpty();
    }

    @Test
    void a_stored_snapshot_cannot_be_written_again() {
      store.commitCycle(cycle(ETH, T0));
      CycleRecords again =
          new CycleRecords.Builder().symbol(ETH).asOf(T0).snapshot(snapshot(ETH, T0)).build();
      assertThatThrownBy(() -> store.commitCycle(again))
          .isInstanceOf(RecordImmutableException.class);
    }

    @Test
    void the_latest_exit_history_wins() {
      store.commitCycle(cycle(ETH, T0));
      ExitHistory later =
          new ExitHistory.Builder()
              .from(exitHistory("eth-grid-1", T0))
              .current(ExitState.LATEST_ACCEPTABLE_EXIT)
              .build();
      store.commitCycle(
          new CycleRecords.Builder()
              .symbol(ETH)
              .asOf(T0.plus(Duration.ofHours(1)))
              .addExitHistory(later)
              .build());
      assertThat(store.exitHistory(ETH, "eth-grid-1")).isEqualTo(later);
      assertThat(store.exitHistory(BTC, "eth-grid-1").current()).isEqualTo(ExitState.NORMAL);
    }
  }

  @Nested
  @DisplayName("appending to decisions")
  class Appending {
    @Test
    void actions_and_evaluations_are_appended_and_what_was_written_stays() {
      CycleRecords c = cycle(ETH, T0);
      store.commitCycle(c);
      String id = decisionId(ETH, T0);
      ActionRecord a = action(id, T0.plus(Duration.ofMinutes(10)));
      store.appendAction(a);
      EvaluationRecord e = evaluation(id, EvaluationHorizon.H24, T0.plus(Duration.ofHours(24)));
      store.appendEvaluation(e);
      DecisionRecord stored = store.decision(id).orElseThrow();
      assertThat(stored.actions()).containsExactly(a);
      assertThat(stored.evaluations()).containsExactly(e);
      DecisionRecord original = c.decision().orElseThrow();
      assertThat(
              new DecisionRecord.Builder()
                  .from(stored)
                  .actions(List.of())
                  .evaluations(List.of())
                  .build())
          .isEqualTo(original);
    }

    @Test
    void a_horizon_is_graded_once() {
      store.commitCycle(cycle(ETH, T0));
      String id = decisionId(ETH, T0);
      store.appendEvaluation(evaluation(id, EvaluationHorizon.H24, T0.plus(Duration.ofHours(24))));
      assertThatThrownBy(
              () ->
                  store.appendEvaluation(
                      evaluation(id, EvaluationHorizon.H24, T0.plus(Duration.ofHours(25)))))
          .isInstanceOf(RecordImmutableException.class);
      assertThat(store.decision(id).orElseThrow().evaluations()).hasSize(1);
    }

    @Test
    void appending_to_an_unknown_decision_is_refused() {
      assertThatThrownBy(() -> store.appendAction(action("dec-unknown", T0)))
          .isInstanceOf(RecordNotFoundException.class);
      assertThatThrownBy(
              () -> store.appendEvaluation(evaluation("dec-unknown", EvaluationHorizon.H24, T0)))
          .isInstanceOf(RecordNotFoundException.class);
    }

    @Test
    void decisions_await_evaluation_until_every_passed_horizon_is_graded() {
      store.commitCycle(cycle(ETH, T0));
      String id = decisionId(ETH, T0);
      assertThat(store.awaitingEvaluation(T0.plus(Duration.ofHours(23)))).isEmpty();
      assertThat(store.awaitingEvaluation(T0.plus(Duration.ofHours(24))))
          .extracting(DecisionRecord::id)
          .containsExactly(id);
      store.appendEvaluation(evaluation(id, EvaluationHorizon.H24, T0.plus(Duration.ofHours(24))));
      assertThat(store.awaitingEvaluation(T0.plus(Duration.ofHours(71)))).isEmpty();
      assertThat(store.awaitingEvaluation(T0.plus(Duration.ofHours(72)))).hasSize(1);
      store.appendEvaluation(evaluation(id, EvaluationHorizon.H72, T0.plus(Duration.ofHours(72))));
      store.appendEvaluation(evaluation(id, EvaluationHorizon.D7, T0.plus(Duration.ofDays(7))));
      assertThat(store.awaitingEvaluation(T0.plus(Duration.ofDays(30)))).isEmpty();
    }
  }

  @Nested
  @DisplayName("grids")
  class Grids {
    @Test
    void a_grid_is_stored_once_and_its_history_grows() {
      store.addGrid(grid("eth-grid-1"));
      assertThatThrownBy(() -> store.addGrid(grid("eth-grid-1")))
          .isInstanceOf(RecordImmutableException.class);
      GridHistoryEntry stop =
          GridHistoryEntry.of(
              T0.plus(Duration.ofDays(2)), GridHistoryEntry.Event.DISABLED, "operator", "trend");
      store.appendGridHistory("eth-grid-1", stop);
      assertThat(store.grids()).containsExactly(grid("eth-grid-1").withHistoryEntry(stop));
      assertThat(store.grids().get(0).isRunning()).isFalse();
    }

    @Test
    void history_of_an_unknown_grid_is_refused() {
      assertThatThrownBy(
              () ->
                  store.appendGridHistory(
                      "none", GridHistoryEntry.of(T0, GridHistoryEntry.Event.ENABLED, "x", "y")))
          .isInstanceOf(RecordNotFoundException.class);
    }
  }

  @Nested
  @DisplayName("concurrency")
  class Concurrency {
    @Test
    void concurrent_writers_lose_nothing() throws Exception {
      int writers = concurrentWriters();
      int cycles = cyclesPerWriter();
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          Symbol s = Symbol.of("W" + w, "USDT");
          done.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < cycles; i++) {
                      store.commitCycle(cycle(s, T0.plus(Duration.ofHours(i))));
                    }
                    return null;
                  }));
        }
        for (Future<?> f : done) {
          f.get(5, TimeUnit.MINUTES);
        }
      } finally {
        pool.shutdownNow();
      }
      for (int w = 0; w < writers; w++) {
        Symbol s = Symbol.of("W" + w, "USDT");
        assertThat(store.decisions(s, T0, T0.plus(Duration.ofDays(365)))).hasSize(cycles);
        assertThat(store.snapshots(s, T0, T0.plus(Duration.ofDays(365)))).hasSize(cycles);
      }
    }
  }

  @Test
  void close_can_be_called_twice() {
    store.close();
    store.close();
    store = newStore();
    assertThat(store.health()).isNotNull();
  }
}
