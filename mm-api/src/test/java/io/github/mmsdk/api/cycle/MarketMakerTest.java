package io.github.mmsdk.api.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.EvaluationHorizon;
import io.github.mmsdk.api.decision.RecordMetadata;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.api.health.HealthStatus;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.regime.RegimeState;
import io.github.mmsdk.api.regime.RegimeVerdict;
import io.github.mmsdk.api.store.CycleRecords;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class MarketMakerTest {
  static final Symbol ETH = Symbol.parse("ETH-USDT");
  static final Symbol BTC = Symbol.parse("BTC-USDT");
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant AS_OF = START.plus(Duration.ofHours(300));

  Fakes.Exchange exchange;
  Fakes.Engine engine;
  Fakes.Store store;
  Fakes.Notify notifier;

  @BeforeEach
  void setUp() {
    exchange = new Fakes.Exchange();
    exchange.hourly.put(ETH, Fakes.hourly(ETH, START, 400));
    exchange.hourly.put(BTC, Fakes.hourly(BTC, START, 400));
    engine = new Fakes.Engine();
    store = new Fakes.Store();
    notifier = new Fakes.Notify();
  }

  MarketMaker.Builder wired() {
    return MarketMaker.builder()
        .exchange(exchange)
        .regimeEngine(engine)
        .exitEvaluator(new Fakes.Exits())
        .gridManager(new Fakes.Manager())
        .decisionGrader(new Fakes.Grader())
        .store(store)
        .notifier(notifier)
        .clock(Clock.fixed(AS_OF.plusSeconds(5), ZoneOffset.UTC));
  }

  static GridConfig runningGrid(Symbol s) {
    return new GridConfig.Builder()
        .id("grid-" + s.base().toLowerCase())
        .symbol(s)
        .lowerPrice(new BigDecimal("90"))
        .upperPrice(new BigDecimal("110"))
        .levels(10)
        .amountPerGrid(new BigDecimal("10"))
        .profitPerGridPct(1)
        .allocation(new BigDecimal("100"))
        .addHistory(GridHistoryEntry.of(START, GridHistoryEntry.Event.ENABLED, "op", "start"))
        .build();
  }

  @Test
  void a_complete_cycle_stores_once_notifies_and_times_every_step() {
    store.grids.add(runningGrid(ETH));
    try (MarketMaker mm = wired().build()) {
      CycleResult r = mm.runCycle(ETH, AS_OF);

      assertThat(r.status()).isEqualTo(CycleStatus.COMPLETE);
      assertThat(r.incompleteReasons()).isEmpty();
      assertThat(r.regime().map(RegimeState::verdict)).contains(RegimeVerdict.RANGE_OK);
      assertThat(r.decisionId()).contains("dec-ETH-USDT-20260113-120000");
      assertThat(r.commitId()).contains("c1");
      assertThat(r.exits()).hasSize(1);
      assertThat(r.recommendations()).hasSize(2);
      assertThat(r.stepDurations()).containsOnlyKeys(CycleStep.values());
      assertThat(r.health().status()).isEqualTo(HealthStatus.UP);

      // one commit holding snapshot, decision, exit history and raw candles
      assertThat(store.commits).hasSize(1);
      CycleRecords c = store.commits.get(0);
      assertThat(c.snapshot()).isPresent();
      assertThat(c.decision().get().configVersion()).contains("cfg1");
      assertThat(c.decision().get().metadata().venue()).isEqualTo("fake");
      assertThat(c.exitHistories()).hasSize(1);
      assertThat(c.rawCandles()).isNotEmpty();

      // the exit notifies, the HOLD notifies, the RECORD_ONLY WAIT does not
      assertThat(notifier.delivered)
          .extracting(Notification::kind)
          .containsExactly(Notification.Kind.EXIT_STATE, Notification.Kind.RECOMMENDATION);
      assertThat(r.deliveries()).hasSize(2);
    }
  }

  @Test
  void decisions_never_see_a_candle_that_closes_after_the_decision_time() {
    try (MarketMaker mm = wired().build()) {
      mm.runCycle(ETH, AS_OF);
      assertThat(engine.lastCloseSeen)
          .singleElement()
          .satisfies(t -> assertThat(t).isLessThanOrEqualTo(AS_OF.toEpochMilli()));
    }
  }

  @Test
  void adapters_see_the_correlation_id_and_it_is_cleared_after() {
    try (MarketMaker mm = wired().build()) {
      CycleResult r = mm.runCycle(ETH, AS_OF);
      assertThat(exchange.mdcSeen).isNotEmpty().allMatch(r.correlationId()::equals);
      assertThat(MDC.get("cycle_id")).isNull();
      assertThat(MarketMaker.currentCycleId()).isEmpty();
    }
  }

  @Test
  void exchange_down_gives_an_incomplete_cycle_that_is_still_recorded() {
    exchange.down.add(ETH);
    try (MarketMaker mm = wired().build()) {
      CycleResult r = mm.runCycle(ETH, AS_OF);
      assertThat(r.status()).isEqualTo(CycleStatus.INCOMPLETE);
      assertThat(r.regime()).isEmpty();
      assertThat(r.incompleteReasons()).anyMatch(s -> s.contains("connection refused"));
      assertThat(store.commits)
          .singleElement()
          .satisfies(c -> assertThat(c.incompleteReasons()).isNotEmpty())
          .satisfies(c -> assertThat(c.decision()).isEmpty());
      assertThat(r.health().status()).isEqualTo(HealthStatus.DOWN);
    }
  }

  @Test
  void partial_data_still_decides_and_names_what_is_missing() {
    exchange.balanceDown = true;
    try (MarketMaker mm = wired().build()) {
      CycleResult r = mm.runCycle(ETH, AS_OF);
      assertThat(r.status()).isEqualTo(CycleStatus.INCOMPLETE);
      assertThat(r.regime()).isPresent();
      assertThat(r.incompleteReasons()).anyMatch(s -> s.contains("balance"));
      assertThat(r.failedSteps()).containsExactly(CycleStep.FETCH_DATA);
      assertThat(store.commits.get(0).decision().get().balance()).isEmpty();
    }
  }

  @Test
  void a_store_failure_still_notifies() {
    store.grids.add(runningGrid(ETH));
    store.writeDown = true;
    try (MarketMaker mm = wired().build()) {
      CycleResult r = mm.runCycle(ETH, AS_OF);
      assertThat(r.status()).isEqualTo(CycleStatus.INCOMPLETE);
      assertThat(r.commitId()).isEmpty();
      assertThat(r.incompleteReasons())
          .anyMatch(s -> s.startsWith("store") && s.contains("disk full"));
      assertThat(notifier.delivered).hasSize(2);
    }
  }

  @Test
  void a_notify_failure_is_still_stored() {
    store.grids.add(runningGrid(ETH));
    notifier.explode = true;
    try (MarketMaker mm = wired().build()) {
      CycleResult r = mm.runCycle(ETH, AS_OF);
      assertThat(r.status()).isEqualTo(CycleStatus.INCOMPLETE);
      assertThat(r.commitId()).isPresent();
      assertThat(r.incompleteReasons()).anyMatch(s -> s.startsWith("notify"));
    }
  }

  @Test
  void an_unreadable_store_and_too_little_data_fail_the_cycle_without_throwing() {
    store.readDown = true;
    store.writeDown = true;
    exchange.hourly.put(ETH, Fakes.hourly(ETH, AS_OF.minus(Duration.ofHours(5)), 5));
    try (MarketMaker mm = wired().build()) {
      CycleResult r = mm.runCycle(ETH, AS_OF);
      assertThat(r.status()).isEqualTo(CycleStatus.FAILED);
      assertThat(r.incompleteReasons())
          .anyMatch(s -> s.startsWith("load_state"))
          .anyMatch(s -> s.startsWith("regime") && s.contains("insufficient"));
    }
  }

  @Test
  void one_failing_symbol_never_blocks_another() {
    exchange.down.add(BTC);
    try (MarketMaker mm = wired().build()) {
      Map<Symbol, CycleResult> results = mm.runCycles(List.of(ETH, BTC), AS_OF);
      assertThat(results.get(ETH).status()).isEqualTo(CycleStatus.COMPLETE);
      assertThat(results.get(BTC).status()).isEqualTo(CycleStatus.INCOMPLETE);
      assertThat(mm.runCycles(List.of(ETH), AS_OF.plus(Duration.ofHours(1)))).hasSize(1);
    }
  }

  @Test
  void matured_decisions_are_graded_once_per_horizon() {
    DecisionRecord old =
        new DecisionRecord.Builder()
            .metadata(
                new RecordMetadata.Builder()
                    .recordId("dec-old")
                    .venue("fake")
                    .observedAt(AS_OF.minus(Duration.ofHours(80)))
                    .recordedAt(AS_OF.minus(Duration.ofHours(80)))
                    .libraryVersion("test")
                    .build())
            .symbol(ETH)
            .regime(
                new RegimeState.Builder()
                    .symbol(ETH)
                    .asOf(AS_OF.minus(Duration.ofHours(80)))
                    .verdict(RegimeVerdict.TREND)
                    .confidence(0.6)
                    .build())
            .build();
    store.decisions.put(old.id(), old);
    try (MarketMaker mm = wired().build()) {
      CycleResult r = mm.runCycle(ETH, AS_OF);
      assertThat(r.evaluations())
          .extracting(e -> e.horizon())
          .containsExactlyInAnyOrder(EvaluationHorizon.H24, EvaluationHorizon.H72);
      CycleResult again = mm.runCycle(ETH, AS_OF.plus(Duration.ofHours(1)));
      assertThat(again.evaluations()).noneMatch(e -> e.decisionId().equals("dec-old"));
    }
  }

  @Test
  void the_previous_verdict_and_gates_flag_reach_the_engine() {
    try (MarketMaker mm = wired().build()) {
      mm.runCycle(ETH, AS_OF);
      mm.runCycle(ETH, AS_OF.plus(Duration.ofHours(1)));
      assertThat(engine.inputs.get(1).previousVerdict()).contains(RegimeVerdict.RANGE_OK);
      assertThat(engine.inputs.get(0).evaluateGates()).isTrue();
    }
  }

  @Test
  void listener_hears_start_steps_and_finish() {
    List<String> events = new CopyOnWriteArrayList<>();
    CycleListener l =
        new CycleListener() {
          @Override
          public void cycleStarted(Symbol s, Instant asOf, String id) {
            events.add("start");
          }

          @Override
          public void stepFinished(Symbol s, CycleStep step, Duration d, boolean ok) {
            events.add(step.name());
          }

          @Override
          public void cycleFinished(CycleResult r) {
            events.add("finish");
          }
        };
    try (MarketMaker mm = wired().listener(l).build()) {
      mm.runCycle(ETH, AS_OF);
    }
    assertThat(events).startsWith("start", "LOAD_STATE").endsWith("GRADE", "finish").hasSize(11);
  }

  @Test
  void listener_hears_every_exchange_call_and_the_store_commit_with_their_outcome() {
    exchange.balanceDown = true;
    Fakes.CallLog l = new Fakes.CallLog();
    AtomicLong nanos = new AtomicLong();
    try (MarketMaker mm =
        wired().listener(l).ticker(() -> nanos.addAndGet(Duration.ofMillis(1).toNanos())).build()) {
      mm.runCycle(ETH, AS_OF);
      store.writeDown = true;
      mm.runCycle(ETH, AS_OF.plus(Duration.ofHours(1)));
    }
    // one tick before and one after each call: every call lasts exactly 1 ms on this ticker
    assertThat(l.calls.subList(0, 6))
        .containsExactly(
            "ETH-USDT candles_1h 1ms ok",
            "ETH-USDT candles_4h 1ms ok",
            "ETH-USDT balance 1ms TransientExchangeException",
            "ETH-USDT market_data 1ms ok",
            "ETH-USDT symbol_rules 1ms ok",
            "ETH-USDT fee_rates 1ms ok");
    assertThat(l.calls).hasSize(12);
    assertThat(l.commits)
        .containsExactly("ETH-USDT 1ms true Optional.empty", "ETH-USDT 1ms false Optional.empty");
  }

  @Test
  void listener_hears_exits_recommendations_and_notifications_and_cannot_break_a_cycle() {
    store.grids.add(runningGrid(ETH));
    List<String> events = new CopyOnWriteArrayList<>();
    CycleListener l =
        new CycleListener() {
          @Override
          public void exitAssessed(Symbol s, io.github.mmsdk.api.exit.ExitAssessment a) {
            events.add("exit:" + a.state());
          }

          @Override
          public void recommendationMade(Symbol s, io.github.mmsdk.api.decision.Recommendation r) {
            events.add("rec:" + r.action());
          }

          @Override
          public void notificationSent(
              Notification n, io.github.mmsdk.api.notify.DeliveryReport r) {
            events.add("sent:" + n.kind());
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void cycleStarted(Symbol s, Instant asOf, String id) {
            throw new IllegalStateException("listener bug");
          }
        };
    try (MarketMaker mm = wired().listener(l).build()) {
      CycleResult r = mm.runCycle(ETH, AS_OF);
      assertThat(r.status()).isEqualTo(CycleStatus.COMPLETE);
    }
    assertThat(events)
        .containsExactly(
            "exit:WARNING", "rec:HOLD", "rec:WAIT", "sent:EXIT_STATE", "sent:RECOMMENDATION");
  }

  @Test
  void operator_actions_and_manual_grid_changes_are_appended_to_the_store() {
    store.grids.add(runningGrid(ETH));
    try (MarketMaker mm = wired().build()) {
      CycleResult r = mm.runCycle(ETH, AS_OF);
      String id = r.decisionId().orElseThrow();
      mm.recordAction(
          new io.github.mmsdk.api.decision.ActionRecord.Builder()
              .decisionId(id)
              .kind(io.github.mmsdk.api.decision.ActionRecord.Kind.DECLINED)
              .actor("alice")
              .at(AS_OF.plusSeconds(600))
              .note("too close to CPI")
              .build());
      assertThat(store.decision(id).orElseThrow().actions())
          .singleElement()
          .satisfies(a -> assertThat(a.actor()).isEqualTo("alice"));
      mm.recordGridChange(
          "grid-eth",
          GridHistoryEntry.of(
              AS_OF.plusSeconds(900), GridHistoryEntry.Event.DISABLED, "alice", "exit"));
      assertThat(store.grids().get(0).isRunning()).isFalse();
      assertThatThrownBy(
              () ->
                  mm.recordGridChange(
                      "nope",
                      GridHistoryEntry.of(AS_OF, GridHistoryEntry.Event.ENABLED, "bob", "x")))
          .isInstanceOf(io.github.mmsdk.api.store.RecordNotFoundException.class);
    }
  }

  @Test
  void slow_steps_are_timed_with_the_injected_ticker() {
    AtomicLong nanos = new AtomicLong();
    try (MarketMaker mm =
        wired()
            .ticker(() -> nanos.addAndGet(Duration.ofSeconds(20).toNanos()))
            .config(new CycleConfig.Builder().gradeDecisions(false).build())
            .build()) {
      CycleResult r = mm.runCycle(ETH, AS_OF);
      assertThat(r.duration()).isGreaterThan(Duration.ofMinutes(5));
      assertThat(r.stepDurations().get(CycleStep.REGIME)).isEqualTo(Duration.ofSeconds(20));
    }
  }

  @Test
  void close_drains_refuses_new_cycles_and_closes_adapters() {
    MarketMaker mm = wired().build();
    mm.runCycle(ETH, AS_OF);
    mm.close();
    mm.close();
    assertThat(exchange.closed).isTrue();
    assertThat(store.closed).isTrue();
    assertThat(notifier.closed).isTrue();
    assertThatThrownBy(() -> mm.runCycle(ETH, AS_OF)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void host_owned_adapters_are_left_open() {
    MarketMaker mm = wired().closeAdapters(false).build();
    mm.close();
    assertThat(exchange.closed).isFalse();
    assertThat(mm.health().status()).isEqualTo(HealthStatus.UP);
  }

  @Test
  void missing_required_components_are_typed_errors() {
    assertThatThrownBy(() -> MarketMaker.builder().regimeEngine(engine).store(store).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("exchange");
    assertThatThrownBy(() -> new CycleConfig.Builder().timeframes(List.of()).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> new CycleConfig.Builder().cadence(Duration.ZERO).build())
        .isInstanceOf(InvalidConfigurationException.class);
    CycleConfig d = CycleConfig.defaults();
    assertThat(d.lookback(io.github.mmsdk.api.Timeframe.H4)).isEqualTo(Duration.ofDays(540));
    assertThat(d.lookback(io.github.mmsdk.api.Timeframe.D1)).isEqualTo(Duration.ofDays(500));
    assertThat(d.primary()).isEqualTo(io.github.mmsdk.api.Timeframe.H1);
    assertThat(new MarketMakerTest().toString()).isNotEmpty();
  }
}
