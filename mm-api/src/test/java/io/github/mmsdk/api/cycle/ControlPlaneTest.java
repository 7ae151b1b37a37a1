package io.github.mmsdk.api.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.decision.ControlRecord;
import io.github.mmsdk.api.exchange.GridCommand;
import io.github.mmsdk.api.exchange.GridCommandResult;
import io.github.mmsdk.api.exchange.GridExecution;
import io.github.mmsdk.api.exchange.OpenOrder;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.store.StoreException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Operator halt, idempotent command execution and start-up reconciliation through the facade. */
class ControlPlaneTest {
  static final Symbol ETH = MarketMakerTest.ETH;
  static final Instant START = MarketMakerTest.START;
  static final Instant AS_OF = MarketMakerTest.AS_OF;

  /** Executes each idempotency key once, like an exchange that keeps its own key table. */
  static final class CountingExecution implements GridExecution {
    final Map<String, GridCommandResult> seen = new HashMap<>();
    final List<GridCommand> executed = new ArrayList<>();
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public synchronized GridCommandResult execute(GridCommand command) {
      calls.incrementAndGet();
      if (seen.containsKey(command.idempotencyKey())) {
        return GridCommandResult.of(
            command.idempotencyKey(), GridCommandResult.Status.ALREADY_EXECUTED, "seen", AS_OF);
      }
      executed.add(command);
      GridCommandResult r =
          GridCommandResult.of(
              command.idempotencyKey(), GridCommandResult.Status.EXECUTED, "stopped", AS_OF);
      seen.put(command.idempotencyKey(), r);
      return r;
    }
  }

  Fakes.Exchange exchange;
  Fakes.Store store;
  Fakes.Manager manager;
  CountingExecution execution;

  @BeforeEach
  void setUp() {
    exchange = new Fakes.Exchange();
    exchange.hourly.put(ETH, Fakes.hourly(ETH, START, 400));
    store = new Fakes.Store();
    manager = new Fakes.Manager();
    execution = new CountingExecution();
  }

  MarketMaker facade() {
    return facade(CycleListener.noop());
  }

  MarketMaker facade(CycleListener listener) {
    return MarketMaker.builder()
        .listener(listener)
        .exchange(exchange)
        .regimeEngine(new Fakes.Engine())
        .exitEvaluator(new Fakes.Exits())
        .gridManager(manager)
        .store(store)
        .clock(Clock.fixed(AS_OF.plusSeconds(5), ZoneOffset.UTC))
        .closeAdapters(false)
        .build();
  }

  @Test
  void a_halt_is_recorded_reaches_the_grid_manager_and_survives_a_restart() {
    try (MarketMaker mm = facade()) {
      assertThat(mm.haltState()).isEmpty();
      ControlRecord halt = mm.halt("alice", "exchange maintenance");
      assertThat(halt.kind()).isEqualTo(ControlRecord.Kind.HALT);
      assertThat(mm.haltState()).contains(halt);
      mm.runCycle(ETH, AS_OF);
    }
    try (MarketMaker restarted = facade()) {
      assertThat(restarted.haltState().map(ControlRecord::actor)).contains("alice");
      restarted.runCycle(ETH, AS_OF.plus(Duration.ofHours(1)));
      restarted.resume("bob", "maintenance over");
      assertThat(restarted.haltState()).isEmpty();
      restarted.runCycle(ETH, AS_OF.plus(Duration.ofHours(2)));
    }
    assertThat(manager.haltedSeen).containsExactly(true, true, false);
    assertThat(store.controls(Instant.EPOCH, Instant.MAX))
        .extracting(ControlRecord::kind, ControlRecord::actor, ControlRecord::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                ControlRecord.Kind.HALT, "alice", "exchange maintenance"),
            org.assertj.core.groups.Tuple.tuple(
                ControlRecord.Kind.RESUME, "bob", "maintenance over"));
  }

  @Test
  void a_halt_recorded_by_another_process_reaches_a_running_facade_at_its_next_cycle() {
    try (MarketMaker service = facade();
        MarketMaker command = facade()) {
      service.runCycle(ETH, AS_OF);
      command.halt("carol", "news");
      service.runCycle(ETH, AS_OF.plus(Duration.ofHours(1)));
      assertThat(service.haltState().map(ControlRecord::actor)).contains("carol");
      command.resume("carol", "calm again");
      service.runCycle(ETH, AS_OF.plus(Duration.ofHours(2)));
    }
    assertThat(manager.haltedSeen).containsExactly(false, true, false);
  }

  @Test
  void an_auto_executable_stop_runs_once_with_its_state_recorded_before_and_after() {
    exchange.execution = execution;
    manager.stop = true;
    try (MarketMaker mm = facade()) {
      CycleResult r = mm.runCycle(ETH, AS_OF);
      assertThat(r.commands())
          .extracting(GridCommandResult::status)
          .containsExactly(GridCommandResult.Status.EXECUTED);
      assertThat(r.stepDurations()).containsKey(CycleStep.EXECUTE);
    }
    assertThat(execution.executed).hasSize(1);
    GridCommand c = execution.executed.get(0);
    assertThat(c.kind()).isEqualTo(GridCommand.Kind.STOP);
    assertThat(c.gridId()).isEqualTo("grid-eth");
    assertThat(c.idempotencyKey()).isEqualTo("dec-ETH-USDT-20260113-120000-cmd-1");
    List<ControlRecord> records = store.controls(AS_OF, AS_OF.plusMillis(1));
    assertThat(records)
        .extracting(ControlRecord::kind)
        .containsExactly(ControlRecord.Kind.COMMAND_PENDING, ControlRecord.Kind.COMMAND_DONE);
    assertThat(records.get(1).attributes()).containsEntry("status", "EXECUTED");
  }

  @Test
  void a_second_runner_on_the_same_decision_does_not_execute_again() {
    exchange.execution = execution;
    manager.stop = true;
    try (MarketMaker first = facade();
        MarketMaker second = facade()) {
      first.runCycle(ETH, AS_OF);
      // the fake store accepts the second commit of the same decision, as a store on another
      // machine would before the two histories meet: the command state still says "done"
      CycleResult again = second.runCycle(ETH, AS_OF);
      assertThat(again.commands())
          .extracting(GridCommandResult::status)
          .containsExactly(GridCommandResult.Status.ALREADY_EXECUTED);
    }
    assertThat(execution.executed).hasSize(1);
    assertThat(execution.calls.get()).isEqualTo(1);
  }

  @Test
  void a_crash_between_executing_and_recording_is_retried_under_the_same_key_at_start() {
    Fakes.Store crashing =
        new Fakes.Store() {
          boolean crashed;

          @Override
          public String appendControl(ControlRecord record) {
            if (record.kind() == ControlRecord.Kind.COMMAND_DONE && !crashed) {
              crashed = true;
              throw new StoreException("killed before the answer was written", null);
            }
            return super.appendControl(record);
          }
        };
    store = crashing;
    exchange.execution = execution;
    manager.stop = true;
    try (MarketMaker mm = facade()) {
      CycleResult r = mm.runCycle(ETH, AS_OF);
      assertThat(r.failedSteps()).contains(CycleStep.EXECUTE);
    }
    assertThat(execution.executed).hasSize(1);
    try (MarketMaker restarted = facade()) {
      List<ControlRecord> findings = restarted.reconcile();
      assertThat(findings).hasSize(1);
      assertThat(findings.get(0).reason())
          .contains("dec-ETH-USDT-20260113-120000-cmd-1")
          .contains("ALREADY_EXECUTED");
      assertThat(restarted.reconcile()).isEmpty(); // nothing pending any more
    }
    assertThat(execution.executed).hasSize(1);
    assertThat(execution.calls.get()).isEqualTo(2);
  }

  @Test
  void reconciliation_records_grids_the_exchange_does_not_know_and_overcommitted_capital() {
    GridConfig running = MarketMakerTest.runningGrid(ETH);
    GridConfig big =
        new GridConfig.Builder()
            .from(MarketMakerTest.runningGrid(MarketMakerTest.BTC))
            .allocation(new BigDecimal("950"))
            .build();
    store.grids.add(running);
    store.grids.add(big);
    exchange.orders =
        s ->
            s.equals(ETH)
                ? List.of()
                : List.of(
                    new OpenOrder.Builder()
                        .id("o1")
                        .symbol(s)
                        .side(OpenOrder.Side.BUY)
                        .price(BigDecimal.ONE)
                        .size(BigDecimal.ONE)
                        .filledSize(BigDecimal.ZERO)
                        .createdAt(START)
                        .build());
    try (MarketMaker mm = facade()) {
      List<ControlRecord> findings = mm.reconcile();
      assertThat(findings)
          .extracting(ControlRecord::reason)
          .anySatisfy(f -> assertThat(f).contains("grid-eth").contains("no open order"))
          .anySatisfy(f -> assertThat(f).contains("1050").contains("1000"));
      assertThat(findings)
          .allSatisfy(f -> assertThat(f.kind()).isEqualTo(ControlRecord.Kind.FINDING));
    }
  }

  @Test
  void the_listener_times_grid_commands_and_reconciliation_reads_as_exchange_calls() {
    exchange.execution = execution;
    manager.stop = true;
    store.grids.add(MarketMakerTest.runningGrid(ETH));
    exchange.orders = s -> List.of();
    Fakes.CallLog listener = new Fakes.CallLog();
    try (MarketMaker mm = facade(listener)) {
      mm.runCycle(ETH, AS_OF);
      assertThat(listener.calls).anyMatch(c -> c.startsWith("ETH-USDT execute_grid_command "));
      listener.calls.clear();
      mm.reconcile();
    }
    assertThat(listener.calls)
        .singleElement()
        .asString()
        .startsWith("ETH-USDT open_orders ")
        .endsWith(" ok");
  }

  @Test
  void reconciliation_notes_an_exchange_it_cannot_read_instead_of_failing() {
    store.grids.add(MarketMakerTest.runningGrid(ETH));
    exchange.balanceDown = true;
    try (MarketMaker mm = facade()) {
      assertThat(mm.reconcile())
          .extracting(ControlRecord::reason)
          .singleElement()
          .asString()
          .contains("could not be compared");
    }
  }

  @Test
  void command_records_need_their_key() {
    assertThatThrownBy(
            () ->
                new ControlRecord.Builder()
                    .id("x")
                    .kind(ControlRecord.Kind.COMMAND_PENDING)
                    .at(AS_OF)
                    .actor("system")
                    .build())
        .isInstanceOf(InvalidConfigurationException.class);
  }
}
