package io.github.mmsdk.ops;

import static io.github.mmsdk.ops.OpsFixtures.ETH;
import static io.github.mmsdk.ops.OpsFixtures.T0;
import static io.github.mmsdk.ops.OpsFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.cycle.MarketMaker;
import io.github.mmsdk.api.decision.ControlRecord;
import io.github.mmsdk.api.decision.Escalation;
import io.github.mmsdk.api.decision.GridAction;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.decision.RecommendationType;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.notify.NotificationPriority;
import io.github.mmsdk.testkit.TestClock;
import io.github.mmsdk.testkit.exchange.ReplayExchange;
import io.github.mmsdk.testkit.notify.RecordingNotifier;
import io.github.mmsdk.testkit.store.InMemoryDecisionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The operator's side in the alerts: halts, resumes and reconciliation findings. */
class OperatorAlertsTest {

  private final TestClock clock = TestClock.at(T0);
  private final RecordingNotifier notifier = new RecordingNotifier(clock);
  private final OperationalAlerts alerts = new OperationalAlerts(notifier, clock);

  private List<Notification> sent(Notification.Kind kind) {
    return notifier.delivered().stream().filter(n -> n.kind() == kind).toList();
  }

  private static ControlRecord control(
      ControlRecord.Kind kind, Instant at, String actor, String reason) {
    return new ControlRecord.Builder()
        .id(kind.name().toLowerCase() + "-" + at.toEpochMilli())
        .kind(kind)
        .at(at)
        .actor(actor)
        .reason(reason)
        .build();
  }

  private static Recommendation vetoed(String veto) {
    return new Recommendation.Builder()
        .type(RecommendationType.GRID_SETUP)
        .action(GridAction.WAIT)
        .symbol(ETH)
        .confidence(0.7)
        .escalation(Escalation.NOTIFY)
        .addVeto(veto)
        .build();
  }

  private static final String HALT_VETO =
      "global_halt: trading is halted; only an explicit resume lifts it";

  @Test
  void anOperatorHaltIsAnnouncedOnceWithItsOwnPriorityAndItsResumeOnce() {
    ControlRecord halt = control(ControlRecord.Kind.HALT, T0, "alice", "exchange maintenance");
    alerts.control(halt);
    assertThat(sent(Notification.Kind.OPERATIONAL_ALERT)).hasSize(1);
    Notification n = sent(Notification.Kind.OPERATIONAL_ALERT).get(0);
    assertThat(n.priority())
        .isEqualTo(AlertKind.OPERATOR_HALT.defaultPriority())
        .isEqualTo(NotificationPriority.HIGH);
    assertThat(n.title()).contains("halted");
    assertThat(n.message())
        .contains("alice")
        .contains("exchange maintenance")
        .contains("Check:")
        .contains("runner resume");
    assertThat(n.fields()).containsEntry("alert", "OPERATOR_HALT");
    assertThat(alerts.openIncidents())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.kind()).isEqualTo(AlertKind.OPERATOR_HALT);
              assertThat(i.since()).isEqualTo(T0);
            });

    // a day of halted cycles: the same halt seen again is not repeated, and its vetoes are not a
    // risk-limit incident of their own
    for (int h = 1; h <= 24; h++) {
      clock.advance(Duration.ofHours(1));
      alerts.checkHalt(Optional.of(halt));
      alerts.cycleFinished(
          result(ETH, clock.instant()).addRecommendation(vetoed(HALT_VETO)).build());
    }
    assertThat(sent(Notification.Kind.OPERATIONAL_ALERT)).hasSize(1);
    assertThat(alerts.openIncidents())
        .extracting(Incident::kind)
        .containsExactly(AlertKind.OPERATOR_HALT);

    // another veto during the halt is still a risk-limit alert
    alerts.cycleFinished(
        result(ETH, clock.instant())
            .addRecommendation(vetoed("daily_loss_limit: -5.2% of capital"))
            .build());
    assertThat(sent(Notification.Kind.OPERATIONAL_ALERT))
        .extracting(x -> x.fields().get("alert"))
        .containsExactly("OPERATOR_HALT", "RISK_LIMIT");

    clock.advance(Duration.ofMinutes(30));
    alerts.control(control(ControlRecord.Kind.RESUME, clock.instant(), "bob", "all clear"));
    assertThat(sent(Notification.Kind.RECOVERY))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.title()).isEqualTo("Trading resumed");
              assertThat(r.message())
                  .contains("bob")
                  .contains("all clear")
                  .contains("Halted for 1470 min")
                  .contains("alice");
              assertThat(r.priority()).isEqualTo(NotificationPriority.LOW);
            });
    assertThat(alerts.openIncidents())
        .extracting(Incident::kind)
        .containsExactly(AlertKind.RISK_LIMIT);
    alerts.checkHalt(Optional.empty());
    assertThat(sent(Notification.Kind.RECOVERY)).hasSize(1);
  }

  @Test
  void routineVetoesAreNotRiskLimitsUnlessThePolicySaysSo() {
    alerts.cycleFinished(
        result(ETH, T0)
            .addRecommendation(vetoed("minimum_confidence: confidence 0.52 is below 0.60"))
            .addRecommendation(vetoed("stale_data: newest candle 3 h old"))
            .build());
    assertThat(notifier.delivered()).isEmpty();
    assertThat(AlertPolicy.defaults().alertsOnVeto("max_total_allocation: 12000 > 10000")).isTrue();
    assertThat(AlertPolicy.defaults().alertsOnVeto("no check name")).isTrue();
    OperationalAlerts strict =
        new OperationalAlerts(
            notifier, clock, new AlertPolicy.Builder().quietVetoChecks(List.of()).build());
    strict.cycleFinished(
        result(ETH, T0)
            .addRecommendation(vetoed("minimum_confidence: confidence 0.52 is below 0.60"))
            .build());
    assertThat(sent(Notification.Kind.OPERATIONAL_ALERT))
        .singleElement()
        .satisfies(n -> assertThat(n.fields()).containsEntry("alert", "RISK_LIMIT"));
  }

  @Test
  void aHaltUnknownToTheAlertsStillSurfacesThroughItsVetoes() {
    alerts.cycleFinished(result(ETH, T0).addRecommendation(vetoed(HALT_VETO)).build());
    assertThat(sent(Notification.Kind.OPERATIONAL_ALERT))
        .singleElement()
        .satisfies(n -> assertThat(n.message()).contains("global_halt"));
  }

  @Test
  void aHaltLiftedElsewhereIsClearedByTheNextCheckAndANewHaltIsAnnouncedAgain() {
    ControlRecord first = control(ControlRecord.Kind.HALT, T0, "alice", "");
    alerts.checkHalt(Optional.of(first));
    clock.advance(Duration.ofHours(2));
    alerts.checkHalt(Optional.empty());
    assertThat(sent(Notification.Kind.RECOVERY))
        .singleElement()
        .satisfies(r -> assertThat(r.message()).contains("no longer in force").contains("120 min"));
    ControlRecord second = control(ControlRecord.Kind.HALT, clock.instant(), "carol", "audit");
    alerts.checkHalt(Optional.of(second));
    ControlRecord third =
        control(ControlRecord.Kind.HALT, clock.instant().plusSeconds(60), "dave", "still audit");
    alerts.control(third); // a newer halt replaces the announced one
    assertThat(sent(Notification.Kind.OPERATIONAL_ALERT))
        .extracting(Notification::message)
        .satisfiesExactly(
            m -> assertThat(m).contains("alice"),
            m -> assertThat(m).contains("carol").contains("audit"),
            m -> assertThat(m).contains("dave"));
    assertThat(alerts.openIncidents())
        .singleElement()
        .satisfies(i -> assertThat(i.message()).contains("dave"));
  }

  @Test
  void aResumeFromAnotherProcessIsAnnouncedAndCommandRecordsAreIgnored() {
    alerts.control(control(ControlRecord.Kind.RESUME, T0, "bob", "maintenance over"));
    assertThat(sent(Notification.Kind.RECOVERY))
        .singleElement()
        .satisfies(
            r -> assertThat(r.message()).isEqualTo("Trading resumed by bob: maintenance over."));
    alerts.control(
        new ControlRecord.Builder()
            .id("cmd-1-pending")
            .kind(ControlRecord.Kind.COMMAND_PENDING)
            .at(T0)
            .actor("system")
            .key("cmd-1")
            .build());
    assertThat(notifier.delivered()).hasSize(1);
  }

  @Test
  void remindersOfAHaltOnlyWhenThePolicyAsksForThem() {
    OperationalAlerts reminding =
        new OperationalAlerts(
            notifier,
            clock,
            new AlertPolicy.Builder()
                .putReminderInterval(AlertKind.OPERATOR_HALT, Duration.ofHours(12))
                .build());
    ControlRecord halt = control(ControlRecord.Kind.HALT, T0, "alice", "weekend");
    reminding.control(halt);
    for (int h = 0; h < 24; h++) {
      clock.advance(Duration.ofHours(1));
      reminding.checkHalt(Optional.of(halt));
    }
    assertThat(sent(Notification.Kind.OPERATIONAL_ALERT))
        .extracting(Notification::title)
        .containsExactly(
            "Trading halted by an operator: trading",
            "Still: Trading halted by an operator: trading",
            "Still: Trading halted by an operator: trading");
    assertThat(AlertKind.OPERATOR_HALT.remindsByDefault()).isFalse();
    assertThat(AlertKind.EXCHANGE_DOWN.remindsByDefault()).isTrue();
  }

  @Test
  void reconciliationFindingsGoOutAsOneMessage() {
    alerts.reconciled(List.of());
    assertThat(notifier.delivered()).isEmpty();
    ControlRecord a =
        control(ControlRecord.Kind.FINDING, T0, "system", "grid g1 runs in the store but not");
    ControlRecord b =
        new ControlRecord.Builder()
            .from(control(ControlRecord.Kind.FINDING, T0, "system", "allocation above total"))
            .id("finding-2")
            .build();
    ControlRecord halt = control(ControlRecord.Kind.HALT, T0, "alice", "x");
    alerts.reconciled(List.of(a, b, halt));
    assertThat(notifier.delivered())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.kind()).isEqualTo(Notification.Kind.OPERATIONAL_ALERT);
              assertThat(n.priority()).isEqualTo(NotificationPriority.NORMAL);
              assertThat(n.fields()).containsEntry("alert", "RECONCILIATION");
              assertThat(n.message())
                  .startsWith("2 findings at start-up:")
                  .contains("grid g1")
                  .contains("allocation above total")
                  .doesNotContain("alice");
            });
    alerts.reconciled(List.of(a, b)); // the same findings again: the same notification id
    assertThat(notifier.delivered()).hasSize(1);
    clock.advance(Duration.ofDays(1));
    alerts.reconciled(
        List.of(control(ControlRecord.Kind.FINDING, clock.instant(), "system", "pending cmd")));
    assertThat(notifier.delivered()).hasSize(2);
    assertThat(notifier.delivered().get(1).message()).startsWith("1 finding at start-up:");
    assertThat(alerts.openIncidents()).isEmpty();
  }

  @Test
  void throughTheFacadeAHaltSurvivesARestartAndIsAnnouncedByTheNewProcess() {
    InMemoryDecisionStore store = new InMemoryDecisionStore();
    try (MarketMaker mm = facade(store)) {
      alerts.control(mm.halt("alice", "exchange maintenance"));
      assertThat(mm.reconcile()).isEmpty();
    }
    RecordingNotifier second = new RecordingNotifier(clock);
    OperationalAlerts restarted = new OperationalAlerts(second, clock);
    clock.advance(Duration.ofHours(1));
    try (MarketMaker mm = facade(store)) {
      restarted.checkHalt(mm.haltState());
      assertThat(second.delivered())
          .singleElement()
          .satisfies(n -> assertThat(n.message()).contains("alice").contains("maintenance"));
      HealthReport report = HealthReport.of(mm.health(), clock.instant(), mm.haltState());
      assertThat(report.halt()).isPresent();
      assertThat(report.toText()).contains("trading HALTED since " + T0 + " by alice");
      restarted.control(mm.resume("bob", "done"));
      assertThat(mm.haltState()).isEmpty();
      assertThat(HealthReport.of(mm.health(), clock.instant(), mm.haltState()).toText())
          .doesNotContain("HALTED");
    }
    assertThat(second.delivered())
        .extracting(Notification::kind)
        .containsExactly(Notification.Kind.OPERATIONAL_ALERT, Notification.Kind.RECOVERY);
    assertThat(notifier.delivered()).hasSize(1);
  }

  private MarketMaker facade(InMemoryDecisionStore store) {
    return MarketMaker.builder()
        .exchange(ReplayExchange.of(clock))
        .regimeEngine(new OpsFixtures.TrivialRegimeEngine())
        .store(store)
        .notifier(notifier)
        .clock(clock)
        .listener(alerts)
        .closeAdapters(false)
        .build();
  }
}
