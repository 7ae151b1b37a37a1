package io.github.mmsdk.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.cycle.CycleResult;
import io.github.mmsdk.api.cycle.CycleStatus;
import io.github.mmsdk.api.cycle.CycleStep;
import io.github.mmsdk.api.decision.Escalation;
import io.github.mmsdk.api.decision.GridAction;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.decision.RecommendationType;
import io.github.mmsdk.api.exit.ExitAssessment;
import io.github.mmsdk.api.exit.ExitHistory;
import io.github.mmsdk.api.exit.ExitObservation;
import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.api.exit.ExitTransition;
import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.health.HealthStatus;
import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.notify.NotificationPriority;
import io.github.mmsdk.api.notify.Notifier;
import io.github.mmsdk.api.regime.RegimeState;
import io.github.mmsdk.api.regime.RegimeVerdict;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MicrometerCycleListenerTest {
  static final Symbol ETH = Symbol.parse("ETH-USDT");
  static final Instant T = Instant.parse("2026-02-02T14:00:00Z");

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final MicrometerCycleListener listener = new MicrometerCycleListener(registry);

  @Test
  void steps_and_cycles_are_timed_with_bounded_tags() {
    listener.stepFinished(ETH, CycleStep.FETCH_DATA, Duration.ofMillis(120), true);
    listener.stepFinished(ETH, CycleStep.FETCH_DATA, Duration.ofMillis(80), false);
    listener.cycleFinished(result(RegimeVerdict.TRANSITION, 0.61));

    assertThat(
            registry
                .get("mm.cycle.step")
                .tags("step", "fetch_data", "outcome", "success")
                .timer()
                .totalTime(TimeUnit.MILLISECONDS))
        .isEqualTo(120);
    assertThat(registry.get("mm.cycle.step").tags("outcome", "failure").timer().count())
        .isEqualTo(1);
    assertThat(registry.get("mm.cycle").tags("status", "incomplete").timer().count()).isEqualTo(1);
    assertThat(registry.get("mm.regime.verdict").tags("symbol", "ETH-USDT").gauge().value())
        .isEqualTo(2);
    assertThat(registry.get("mm.regime.confidence").gauge().value()).isEqualTo(0.61);
    assertThat(registry.get("mm.health").tags("component", "exchange:kucoin").gauge().value())
        .isEqualTo(2);
    assertThat(registry.get("mm.health").tags("component", "market-maker").gauge().value())
        .isEqualTo(2);

    listener.cycleFinished(result(RegimeVerdict.RANGE_OK, 0.8));
    assertThat(registry.get("mm.regime.verdict").gauge().value()).isZero();
    assertThat(registry.get("mm.regime.confidence").gauge().value()).isEqualTo(0.8);
  }

  @Test
  void exit_states_and_transitions_are_recorded_per_grid() {
    listener.exitAssessed(ETH, exit(ExitState.NORMAL, ExitState.WARNING));
    listener.exitAssessed(ETH, exit(ExitState.WARNING, ExitState.MANDATORY_EXIT));
    assertThat(registry.get("mm.exit.state").tags("grid", "eth-grid-1").gauge().value())
        .isEqualTo(3);
    assertThat(
            registry
                .get("mm.exit.transitions")
                .tags("from", "warning", "to", "mandatory_exit")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void recommendations_vetoes_and_notifications_are_counted() {
    Recommendation r =
        new Recommendation.Builder()
            .type(RecommendationType.GRID_SETUP)
            .action(GridAction.WAIT)
            .symbol(ETH)
            .confidence(0.7)
            .escalation(Escalation.RECORD_ONLY)
            .addVeto("max_allocation: 120% of cap")
            .addVeto("daily_loss: limit hit")
            .build();
    listener.recommendationMade(ETH, r);
    assertThat(registry.get("mm.recommendations").tags("action", "wait").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("mm.risk.vetoes").counter().count()).isEqualTo(2);

    Notification n =
        new Notification.Builder()
            .id("n1")
            .kind(Notification.Kind.EXIT_STATE)
            .priority(NotificationPriority.EMERGENCY)
            .title("t")
            .message("m")
            .createdAt(T)
            .build();
    listener.notificationSent(n, Notifier.delivered(n, "pushover", 1, T));
    listener.notificationSent(
        n,
        new DeliveryReport.Builder()
            .notificationId("n1")
            .channel("pushover")
            .status(DeliveryReport.Status.DEAD_LETTERED)
            .attempts(3)
            .at(T)
            .build());
    assertThat(
            registry
                .get("mm.notifications")
                .tags("kind", "exit_state", "status", "delivered")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(registry.get("mm.notifications").tags("status", "dead_lettered").counter().count())
        .isEqualTo(1);
  }

  static ExitAssessment exit(ExitState from, ExitState to) {
    ExitObservation o = ExitObservation.of(T, to, 2);
    return new ExitAssessment.Builder()
        .gridId("eth-grid-1")
        .asOf(T)
        .previous(from)
        .state(to)
        .transition(
            new ExitTransition.Builder().at(T).fromState(from).toState(to).addReason("r").build())
        .shouldNotify(true)
        .priority(to.ordinal() - 1)
        .message("m")
        .observation(o)
        .history(ExitHistory.empty("eth-grid-1"))
        .build();
  }

  @Test
  void exchange_calls_are_timed_by_operation_outcome_and_exception_type() {
    listener.exchangeCallFinished(ETH, "candles_1h", Duration.ofMillis(40), Optional.empty());
    listener.exchangeCallFinished(ETH, "candles_1h", Duration.ofMillis(60), Optional.empty());
    listener.exchangeCallFinished(
        ETH, "balance", Duration.ofMillis(5000), Optional.of(new IllegalStateException("timeout")));

    Timer candles =
        registry
            .get("mm.exchange.call")
            .tags("symbol", "ETH-USDT", "operation", "candles_1h", "outcome", "success")
            .timer();
    assertThat(candles.count()).isEqualTo(2);
    assertThat(candles.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(100);
    assertThat(
            registry
                .get("mm.exchange.call")
                .tags("operation", "balance", "outcome", "failure")
                .timer()
                .getId()
                .getTag("exception"))
        .isEqualTo("IllegalStateException");
  }

  @Test
  void store_commits_are_timed_and_pushes_counted_only_when_the_store_pushed() {
    listener.storeCommitted(ETH, Duration.ofMillis(30), true, Optional.of(true));
    listener.storeCommitted(ETH, Duration.ofMillis(900), true, Optional.of(false));
    listener.storeCommitted(ETH, Duration.ofMillis(10), true, Optional.empty());
    listener.storeCommitted(ETH, Duration.ofMillis(2), false, Optional.empty());

    assertThat(registry.get("mm.store.commit").tags("outcome", "success").timer().count())
        .isEqualTo(3);
    assertThat(registry.get("mm.store.commit").tags("outcome", "failure").timer().count())
        .isEqualTo(1);
    assertThat(registry.get("mm.store.push").tags("outcome", "success").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("mm.store.push").tags("outcome", "failure").counter().count())
        .isEqualTo(1);
  }

  @Test
  void the_circuit_state_in_an_adapters_health_becomes_a_gauge() {
    listener.cycleFinished(withExchangeCircuit("OPEN"));
    assertThat(
            registry
                .get("mm.exchange.circuit")
                .tags("component", "exchange:kucoin")
                .gauge()
                .value())
        .isEqualTo(2);
    listener.cycleFinished(withExchangeCircuit("HALF_OPEN"));
    assertThat(registry.get("mm.exchange.circuit").gauge().value()).isEqualTo(1);
    listener.cycleFinished(withExchangeCircuit("CLOSED"));
    assertThat(registry.get("mm.exchange.circuit").gauge().value()).isZero();
    assertThat(registry.find("mm.exchange.circuit").tags("component", "store:git").gauge())
        .as("only adapters that report a circuit")
        .isNull();
  }

  static CycleResult withExchangeCircuit(String state) {
    Health exchange =
        new Health.Builder()
            .component("exchange:kucoin")
            .status("CLOSED".equals(state) ? HealthStatus.UP : HealthStatus.DEGRADED)
            .putDetail("circuit", state)
            .build();
    return new CycleResult.Builder()
        .from(result(RegimeVerdict.RANGE_OK, 0.8))
        .health(Health.aggregate("market-maker", List.of(Health.up("store:git"), exchange)))
        .build();
  }

  static CycleResult result(RegimeVerdict verdict, double confidence) {
    return new CycleResult.Builder()
        .correlationId("c")
        .symbol(ETH)
        .asOf(T)
        .status(CycleStatus.INCOMPLETE)
        .regime(
            new RegimeState.Builder()
                .symbol(ETH)
                .asOf(T)
                .verdict(verdict)
                .confidence(confidence)
                .build())
        .duration(Duration.ofMillis(900))
        .health(
            Health.aggregate(
                "market-maker",
                List.of(Health.up("store:git"), Health.down("exchange:kucoin", "circuit open"))))
        .build();
  }
}
