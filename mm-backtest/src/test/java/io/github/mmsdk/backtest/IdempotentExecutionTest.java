package io.github.mmsdk.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.cycle.CycleResult;
import io.github.mmsdk.api.cycle.CycleStep;
import io.github.mmsdk.api.cycle.MarketMaker;
import io.github.mmsdk.api.decision.ControlRecord;
import io.github.mmsdk.api.decision.Escalation;
import io.github.mmsdk.api.decision.GridAction;
import io.github.mmsdk.api.decision.GridManager;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.decision.RecommendationType;
import io.github.mmsdk.api.exchange.GridCommand;
import io.github.mmsdk.api.exchange.GridCommandResult;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.api.store.DecisionStore;
import io.github.mmsdk.regime.DefaultRegimeEngine;
import io.github.mmsdk.testkit.TestClock;
import io.github.mmsdk.testkit.exchange.ReplayExchange;
import io.github.mmsdk.testkit.exchange.SimulatedExchange;
import io.github.mmsdk.testkit.store.InMemoryDecisionStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seed 003's idempotent execution on the simulated exchange: a crash between executing a command
 * and recording its answer, a restart that reconciles, and a second runner on the same decision
 * never execute a command twice.
 */
class IdempotentExecutionTest {
  private static final Symbol ETH = Symbol.parse("ETH-USDT");
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = START.plus(Duration.ofDays(40));

  /** A manager that wants every running grid of the pair stopped, confidently. */
  private static final GridManager STOP_EVERYTHING =
      ctx ->
          ctx.grids().stream()
              .filter(GridConfig::isRunning)
              .map(
                  g ->
                      new Recommendation.Builder()
                          .type(RecommendationType.GRID_MANAGE)
                          .action(GridAction.STOP_GRID)
                          .symbol(ctx.symbol())
                          .gridId(g.id())
                          .confidence(0.95)
                          .addReason("mandatory exit")
                          .escalation(Escalation.REQUIRE_APPROVAL)
                          .autoExecutable(true)
                          .build())
              .toList();

  private static CandleSeries hourly() {
    CandleSeries.Builder b = CandleSeries.builder(ETH, Timeframe.H1);
    long h = Duration.ofHours(1).toMillis();
    for (int i = 0; i < 24 * 45; i++) {
      double mid = 2000 + 40 * Math.sin(i / 9.0);
      b.add(START.toEpochMilli() + i * h, mid, mid + 6, mid - 6, mid + 1, 1000 + (i % 7));
    }
    return b.build();
  }

  private static GridConfig grid() {
    return new GridConfig.Builder()
        .id("grid-eth")
        .symbol(ETH)
        .lowerPrice(new BigDecimal("1900"))
        .upperPrice(new BigDecimal("2100"))
        .levels(10)
        .amountPerGrid(new BigDecimal("100"))
        .profitPerGridPct(1)
        .allocation(new BigDecimal("1000"))
        .build();
  }

  private static MarketMaker facade(
      SimulatedExchange exchange, DecisionStore store, TestClock clock) {
    return MarketMaker.builder()
        .exchange(exchange)
        .regimeEngine(new DefaultRegimeEngine())
        .gridManager(STOP_EVERYTHING)
        .store(store)
        .clock(clock)
        .closeAdapters(false)
        .build();
  }

  @Test
  void a_lost_answer_a_restart_and_a_second_runner_execute_the_stop_exactly_once() {
    TestClock clock = TestClock.at(T1.minus(Duration.ofDays(1)));
    SimulatedExchange exchange =
        SimulatedExchange.over(ReplayExchange.builder(clock).add(hourly()).build())
            .deposit("USDT", new BigDecimal("10000"))
            .build();
    InMemoryDecisionStore store = new InMemoryDecisionStore();
    GridConfig grid = grid();
    GridCommandResult created =
        exchange.execute(
            new GridCommand.Builder()
                .idempotencyKey("operator-create-1")
                .kind(GridCommand.Kind.CREATE)
                .symbol(ETH)
                .gridId(grid.id())
                .grid(grid)
                .build());
    assertThat(created.status()).isEqualTo(GridCommandResult.Status.EXECUTED);
    store.addGrid(
        grid.withHistoryEntry(
            GridHistoryEntry.of(clock.instant(), GridHistoryEntry.Event.ENABLED, "op", "start")));
    assertThat(exchange.openOrders(ETH)).isNotEmpty();
    long afterCreate = exchange.executionCount();

    // 1. the stop runs on the exchange, but its answer is lost before it is recorded
    clock.set(T1);
    exchange.loseNextResponses(1);
    try (MarketMaker mm = facade(exchange, store, clock)) {
      CycleResult r = mm.runCycle(ETH, T1);
      assertThat(r.failedSteps()).contains(CycleStep.EXECUTE);
      assertThat(r.commands()).isEmpty();
    }
    assertThat(exchange.executionCount()).isEqualTo(afterCreate + 1);
    assertThat(exchange.openOrders(ETH)).isEmpty();

    // 2. restart: reconciliation retries the pending command under its own key
    clock.set(T1.plus(Duration.ofMinutes(10)));
    try (MarketMaker restarted = facade(exchange, store, clock)) {
      List<ControlRecord> findings = restarted.reconcile();
      assertThat(findings)
          .extracting(ControlRecord::reason)
          .anySatisfy(f -> assertThat(f).contains("left pending").contains("ALREADY_EXECUTED"))
          // the store still believes the grid runs: found, recorded, not acted on
          .anySatisfy(f -> assertThat(f).contains("grid-eth").contains("no open order"));
      assertThat(restarted.reconcile())
          .extracting(ControlRecord::reason)
          .noneMatch(f -> f.contains("left pending"));

      // 3. a second runner on the same decision time: the decision exists, nothing is executed
      CycleResult again = restarted.runCycle(ETH, T1);
      assertThat(again.failedSteps()).contains(CycleStep.STORE);
      assertThat(again.commands()).isEmpty();
    }
    assertThat(exchange.executionCount()).isEqualTo(afterCreate + 1);
    List<ControlRecord> command = store.controls(T1, T1.plusMillis(1));
    assertThat(command)
        .extracting(ControlRecord::kind)
        .containsExactly(ControlRecord.Kind.COMMAND_PENDING, ControlRecord.Kind.COMMAND_DONE);
    assertThat(command.get(1).attributes()).containsEntry("status", "ALREADY_EXECUTED");
  }
}
