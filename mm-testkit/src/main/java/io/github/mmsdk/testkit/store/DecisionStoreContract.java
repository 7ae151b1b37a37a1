package io.github.mmsdk.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.decision.ActionRecord;
import io.github.mmsdk.api.decision.ControlRecord;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The conformance test of {@link DecisionStore}. Extend it, return a fresh, empty store from {@link
 * #newStore()}, and every guarantee of the interface is checked: atomic cycles, append-only records
 * with typed refusals, half-open time ranges oldest first, grading bookkeeping ({@code
 * dueForEvaluation} against its definition on generated decision sets), grids with history, control
 * records and daily KPIs, raw candles, thread safety and closing. A store that persists overrides
 * {@link #reopen} (records survive a restart) and, when it keeps raw candles, {@link
 * #keepsRawCandles()}.
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

  /**
   * Closes a store and opens it again on the same data, for the tests that records survive a
   * restart. The default returns empty: the store keeps nothing past closing, and those tests are
   * skipped.
   *
   * @param closing the store to close (the one under test)
   * @return the reopened store, empty when the store does not persist
   */
  protected Optional<DecisionStore> reopen(DecisionStore closing) {
    return Optional.empty();
  }

  /**
   * {@return whether the store keeps the raw candles of committed cycles; when it does, {@link
   * DecisionStore#rawCandles} must return exactly the committed candles of a range}
   */
  protected boolean keepsRawCandles() {
    return false;
  }

  /** {@return how many random decision sets the {@code dueForEvaluation} property writes} */
  protected int dueExamples() {
    return 60;
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

  /**
   * A control record.
   *
   * @param id the record id
   * @param kind what it says
   * @param at when
   * @return the record; command records carry a key, a symbol and attributes
   */
  protected static ControlRecord control(String id, ControlRecord.Kind kind, Instant at) {
    ControlRecord.Builder b =
        new ControlRecord.Builder().id(id).kind(kind).at(at).actor("alice").reason("maintenance");
    if (kind == ControlRecord.Kind.COMMAND_PENDING || kind == ControlRecord.Kind.COMMAND_DONE) {
      b.key("cmd-" + id)
          .symbol(ETH)
          .putAttribute("command", "STOP_GRID")
          .putAttribute("grid_id", "eth-grid-1");
    }
    return b.build();
  }

  /**
   * Writes a decision of a pair at an hour offset from {@link #T0}, with some horizons graded.
   *
   * @param target the store
   * @param symbol the pair
   * @param hour the offset in hours
   * @param graded the horizons to grade; those whose ordinal is even are graded in the committed
   *     decision, the others by {@link DecisionStore#appendEvaluation}
   */
  protected static void writeDecision(
      DecisionStore target, Symbol symbol, int hour, Set<EvaluationHorizon> graded) {
    Instant at = T0.plus(Duration.ofHours(hour));
    String id = decisionId(symbol, at);
    DecisionRecord.Builder d = new DecisionRecord.Builder().from(decision(symbol, at));
    List<EvaluationRecord> later = new ArrayList<>();
    for (EvaluationHorizon h : graded) {
      EvaluationRecord e = evaluation(id, h, at.plus(h.after()));
      if (h.ordinal() % 2 == 0) {
        d.addEvaluation(e);
      } else {
        later.add(e);
      }
    }
    target.commitCycle(
        new CycleRecords.Builder().symbol(symbol).asOf(at).decision(d.build()).build());
    later.forEach(target::appendEvaluation);
  }

  /** The number of distinct decision codes {@link #writeDecisions} reads. */
  protected static final int DUE_CODES = 240 * 2 * 8;

  /**
   * Writes decisions described by codes, for generated tests: a code {@code c} in {@code [0,
   * DUE_CODES)} is a decision at hour {@code c / 16} from {@link #T0}, on {@link #ETH} or {@link
   * #BTC} ({@code c / 8 % 2}), with the horizons of bit mask {@code c % 8} graded. A pair and hour
   * already written is skipped.
   *
   * @param target the store
   * @param codes the codes
   * @return pair and hour offset to the graded horizons, in writing order
   */
  protected static Map<Map.Entry<Symbol, Integer>, Set<EvaluationHorizon>> writeDecisions(
      DecisionStore target, List<Integer> codes) {
    Map<Map.Entry<Symbol, Integer>, Set<EvaluationHorizon>> written = new LinkedHashMap<>();
    for (int code : codes) {
      Map.Entry<Symbol, Integer> key = Map.entry(code / 8 % 2 == 0 ? ETH : BTC, code / 16);
      if (written.containsKey(key)) {
        continue;
      }
      Set<EvaluationHorizon> graded = EnumSet.noneOf(EvaluationHorizon.class);
      for (EvaluationHorizon h : EvaluationHorizon.values()) {
        if ((code % 8 & (1 << h.ordinal())) != 0) {
          graded.add(h);
        }
      }
      writeDecision(target, key.getKey(), key.getValue(), graded);
      written.put(key, graded);
    }
    return written;
  }

  /**
   * Checks {@link DecisionStore#dueForEvaluation} against its definition: the decisions of {@link
   * DecisionStore#awaitingEvaluation awaitingEvaluation(asOf)}, in the same order, that have an
   * ungraded horizon due in {@code (after, asOf]}; and that those are exactly the decisions a model
   * of what was written expects.
   *
   * @param target the store
   * @param after the previous grading time
   * @param asOf the grading time
   * @param expectedIds the ids the caller's model of the written decisions expects
   */
  protected static void assertDueIsTheFilterOfAwaiting(
      DecisionStore target, Instant after, Instant asOf, Set<String> expectedIds) {
    List<DecisionRecord> filtered = new ArrayList<>();
    for (DecisionRecord d : target.awaitingEvaluation(asOf)) {
      for (EvaluationHorizon h : EvaluationHorizon.values()) {
        Instant due = d.metadata().observedAt().plus(h.after());
        if (due.isAfter(after) && !due.isAfter(asOf) && !d.gradedHorizons().contains(h)) {
          filtered.add(d);
          break;
        }
      }
    }
    List<DecisionRecord> due = target.dueForEvaluation(after, asOf);
    assertThat(due).as("dueForEvaluation(%s, %s)", after, asOf).isEqualTo(filtered);
    assertThat(due)
        .as("oldest first")
        .isSortedAccordingTo(Comparator.comparing(d -> d.metadata().observedAt()));
    assertThat(due).extracting(DecisionRecord::id).containsExactlyInAnyOrderElementsOf(expectedIds);
  }

  /**
   * The ids a model of written decisions expects to be due.
   *
   * @param written pair and hour offset to the graded horizons
   * @param after the previous grading time
   * @param asOf the grading time
   * @return the decision ids
   */
  protected static Set<String> expectedDue(
      Map<Map.Entry<Symbol, Integer>, Set<EvaluationHorizon>> written,
      Instant after,
      Instant asOf) {
    Set<String> out = new HashSet<>();
    written.forEach(
        (key, graded) -> {
          Instant at = T0.plus(Duration.ofHours(key.getValue()));
          for (EvaluationHorizon h : EvaluationHorizon.values()) {
            Instant due = at.plus(h.after());
            if (due.isAfter(after) && !due.isAfter(asOf) && !graded.contains(h)) {
              out.add(decisionId(key.getKey(), at));
            }
          }
        });
    return out;
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
      assertThat(store.controls(Instant.EPOCH, T0.plus(Duration.ofDays(999)))).isEmpty();
      assertThat(store.kpis(LocalDate.of(2026, 2, 2))).isEmpty();
      assertThat(store.dueForEvaluation(Instant.EPOCH, T0.plus(Duration.ofDays(30)))).isEmpty();
      assertThat(store.rawCandles(ETH, Timeframe.H1, Instant.EPOCH, T0).isEmpty()).isTrue();
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

  @Nested
  @DisplayName("grading due decisions")
  class Due {
    private final Instant t1 = T0.plus(Duration.ofHours(1));

    private Instant at(Duration d) {
      return T0.plus(d);
    }

    @Test
    void a_decision_is_due_when_an_ungraded_horizon_falls_in_the_window() {
      store.commitCycle(cycle(ETH, T0));
      store.commitCycle(cycle(ETH, t1));
      store.commitCycle(cycle(BTC, T0));
      String eth0 = decisionId(ETH, T0);
      assertThat(store.dueForEvaluation(at(Duration.ofHours(23)), at(Duration.ofHours(24))))
          .extracting(DecisionRecord::id)
          .as("the horizon at the window's end is due")
          .containsExactlyInAnyOrder(eth0, decisionId(BTC, T0));
      assertThat(store.dueForEvaluation(at(Duration.ofHours(24)), at(Duration.ofHours(25))))
          .extracting(DecisionRecord::id)
          .as("the one at its start was due in the previous window")
          .containsExactly(decisionId(ETH, t1));
      assertThat(store.dueForEvaluation(T0, at(Duration.ofDays(8))))
          .extracting(d -> d.metadata().observedAt())
          .as("oldest first")
          .containsExactly(T0, T0, t1);
    }

    @Test
    void graded_horizons_are_not_due_and_other_horizons_outside_the_window_do_not_count() {
      store.commitCycle(cycle(ETH, T0));
      String id = decisionId(ETH, T0);
      store.appendEvaluation(evaluation(id, EvaluationHorizon.H24, at(Duration.ofHours(24))));
      assertThat(store.dueForEvaluation(at(Duration.ofHours(23)), at(Duration.ofHours(25))))
          .as("H24 is graded; H72 and D7 are not due in this window")
          .isEmpty();
      assertThat(store.dueForEvaluation(at(Duration.ofHours(71)), at(Duration.ofHours(72))))
          .extracting(DecisionRecord::id)
          .containsExactly(id);
      assertThat(store.awaitingEvaluation(at(Duration.ofHours(30))))
          .as("awaitingEvaluation still counts every passed horizon")
          .isEmpty();
    }

    @Test
    void an_empty_or_reversed_window_holds_nothing() {
      store.commitCycle(cycle(ETH, T0));
      Instant due = at(Duration.ofHours(24));
      assertThat(store.dueForEvaluation(due, due)).isEmpty();
      assertThat(store.dueForEvaluation(due.plusSeconds(1), due)).isEmpty();
      assertThat(store.dueForEvaluation(due.minusNanos(1), due)).hasSize(1);
    }

    @Test
    void equals_the_filter_of_awaiting_evaluation_on_random_decision_sets() {
      // a fixed-seed generated property (the contract cannot depend on a property library): each
      // example writes a random set of decisions, some graded, and asks random windows
      Random random = new Random(20_260_202L);
      for (int example = 0; example < dueExamples(); example++) {
        store.close();
        store = newStore();
        List<Integer> codes = new ArrayList<>();
        for (int i = random.nextInt(14); i > 0; i--) {
          codes.add(random.nextInt(DUE_CODES));
        }
        Map<Map.Entry<Symbol, Integer>, Set<EvaluationHorizon>> written =
            writeDecisions(store, codes);
        List<Map.Entry<Symbol, Integer>> keys = new ArrayList<>(written.keySet());
        for (int w = 0; w < 8; w++) {
          Instant after = T0.plus(Duration.ofMinutes(15L * (random.nextInt(2000) - 96)));
          if (!keys.isEmpty() && random.nextInt(3) == 0) {
            // an hourly window around a horizon of a written decision: the facade's question
            EvaluationHorizon h =
                EvaluationHorizon.values()[random.nextInt(EvaluationHorizon.values().length)];
            Instant due =
                T0.plus(Duration.ofHours(keys.get(random.nextInt(keys.size())).getValue()))
                    .plus(h.after());
            after = due.minus(Duration.ofMinutes(new int[] {0, 0, 1, 30, 60}[random.nextInt(5)]));
          }
          Duration length =
              random.nextBoolean()
                  ? Duration.ofHours(1)
                  : Duration.ofMinutes(random.nextInt(400 * 60));
          Instant asOf = after.plus(length);
          assertDueIsTheFilterOfAwaiting(store, after, asOf, expectedDue(written, after, asOf));
        }
      }
    }
  }

  @Nested
  @DisplayName("control records")
  class Controls {
    @Test
    void are_read_back_oldest_first_and_in_writing_order_within_an_instant() {
      Instant t2 = T0.plus(Duration.ofHours(2));
      ControlRecord first = control("halt-1", ControlRecord.Kind.HALT, t2);
      ControlRecord earlier = control("cmd-1", ControlRecord.Kind.COMMAND_PENDING, T0);
      ControlRecord same = control("cmd-2", ControlRecord.Kind.COMMAND_DONE, t2);
      ControlRecord sameAgain = control("resume-1", ControlRecord.Kind.RESUME, t2);
      ControlRecord nextDay =
          control("finding-1", ControlRecord.Kind.FINDING, T0.plus(Duration.ofDays(1)));
      for (ControlRecord r : List.of(first, earlier, same, nextDay, sameAgain)) {
        assertThat(store.appendControl(r)).isNotBlank();
      }
      assertThat(store.controls(T0, T0.plus(Duration.ofDays(2))))
          .containsExactly(earlier, first, same, sameAgain, nextDay);
      assertThat(store.controls(t2, T0.plus(Duration.ofDays(1))))
          .as("half-open")
          .containsExactly(first, same, sameAgain);
      assertThat(store.controls(t2, t2)).isEmpty();
    }

    @Test
    void a_record_id_is_stored_once_even_on_another_day() {
      ControlRecord halt = control("halt-1", ControlRecord.Kind.HALT, T0);
      store.appendControl(halt);
      assertThatThrownBy(
              () -> store.appendControl(control("halt-1", ControlRecord.Kind.RESUME, T0)))
          .isInstanceOf(RecordImmutableException.class);
      assertThatThrownBy(
              () ->
                  store.appendControl(
                      control("halt-1", ControlRecord.Kind.RESUME, T0.plus(Duration.ofDays(3)))))
          .isInstanceOf(RecordImmutableException.class);
      assertThat(store.controls(Instant.EPOCH, T0.plus(Duration.ofDays(9)))).containsExactly(halt);
    }

    @Test
    void survive_reopening() {
      ControlRecord pending = control("cmd-1", ControlRecord.Kind.COMMAND_PENDING, T0);
      store.appendControl(pending);
      Optional<DecisionStore> again = reopen(store);
      Assumptions.assumeTrue(again.isPresent(), "the store keeps nothing past closing");
      store = again.get();
      assertThat(store.controls(T0, T0.plusSeconds(1))).containsExactly(pending);
      assertThatThrownBy(() -> store.appendControl(pending))
          .isInstanceOf(RecordImmutableException.class);
    }
  }

  @Nested
  @DisplayName("daily KPIs")
  class Kpis {
    private final LocalDate day = LocalDate.of(2026, 2, 2);

    private Map<String, Double> figures() {
      Map<String, Double> f = new LinkedHashMap<>();
      f.put("SLAR", 0.95);
      f.put("FER", 0.125);
      f.put("EAW", 3.5);
      f.put("MEC", 0.0);
      f.put("PRR", -1.25e-3);
      return f;
    }

    @Test
    void are_written_once_and_read_back_in_their_order() {
      assertThat(store.writeKpis(day, figures())).isNotBlank();
      assertThat(store.kpis(day)).containsExactlyEntriesOf(figures());
      assertThatThrownBy(() -> store.writeKpis(day, Map.of("SLAR", 0.5)))
          .isInstanceOf(RecordImmutableException.class);
      assertThat(store.kpis(day)).as("the refused write changed nothing").isEqualTo(figures());
      assertThat(store.kpis(day.plusDays(1))).isEmpty();
    }

    @Test
    void survive_reopening() {
      store.writeKpis(day, figures());
      Optional<DecisionStore> again = reopen(store);
      Assumptions.assumeTrue(again.isPresent(), "the store keeps nothing past closing");
      store = again.get();
      assertThat(store.kpis(day)).containsExactlyEntriesOf(figures());
      assertThatThrownBy(() -> store.writeKpis(day, figures()))
          .isInstanceOf(RecordImmutableException.class);
    }
  }

  @Nested
  @DisplayName("raw candles")
  class Raw {
    @Test
    void are_the_committed_candles_of_the_range_or_none() {
      Instant start = T0.minus(Duration.ofHours(29)); // crosses a UTC midnight
      CandleSeries.Builder b = CandleSeries.builder(ETH, Timeframe.H1);
      for (int i = 0; i < 30; i++) {
        double c = 2500 + i * 0.25;
        b.add(start.plus(Duration.ofHours(i)).toEpochMilli(), c - 1, c + 2, c - 3, c, 10.5 + i);
      }
      CandleSeries series = b.build();
      store.commitCycle(
          new CycleRecords.Builder().from(cycle(ETH, T0)).addRawCandle(series).build());
      Instant from = T0.minus(Duration.ofHours(20));
      Instant to = T0.minus(Duration.ofHours(2));
      CandleSeries got = store.rawCandles(ETH, Timeframe.H1, from, to);
      assertThat(got.symbol()).isEqualTo(ETH);
      assertThat(got.timeframe()).isEqualTo(Timeframe.H1);
      if (keepsRawCandles()) {
        assertThat(got).isEqualTo(series.between(from, to));
        assertThat(got.size()).isEqualTo(18);
      } else {
        assertThat(got.isEmpty()).as("a store that keeps no candles returns none").isTrue();
      }
      assertThat(store.rawCandles(ETH, Timeframe.H4, from, to).isEmpty()).isTrue();
      assertThat(store.rawCandles(BTC, Timeframe.H1, from, to).isEmpty()).isTrue();
      assertThat(store.rawCandles(ETH, Timeframe.H1, to, from).isEmpty()).isTrue();
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
