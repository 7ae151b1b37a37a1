package io.github.mmsdk.ops;

import static io.github.mmsdk.ops.OpsFixtures.BTC;
import static io.github.mmsdk.ops.OpsFixtures.ETH;
import static io.github.mmsdk.ops.OpsFixtures.T0;
import static io.github.mmsdk.ops.OpsFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.cycle.CycleResult;
import io.github.mmsdk.api.cycle.CycleStatus;
import io.github.mmsdk.api.cycle.CycleStep;
import io.github.mmsdk.api.cycle.MarketMaker;
import io.github.mmsdk.api.decision.Escalation;
import io.github.mmsdk.api.decision.GridAction;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.decision.RecommendationType;
import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.health.HealthStatus;
import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.notify.NotificationPriority;
import io.github.mmsdk.api.notify.Notifier;
import io.github.mmsdk.api.regime.RegimeState;
import io.github.mmsdk.api.regime.RegimeVerdict;
import io.github.mmsdk.testkit.TestClock;
import io.github.mmsdk.testkit.exchange.ReplayExchange;
import io.github.mmsdk.testkit.notify.RecordingNotifier;
import io.github.mmsdk.testkit.store.InMemoryDecisionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationalAlertsTest {

  private final TestClock clock = TestClock.at(T0);
  private final RecordingNotifier notifier = new RecordingNotifier(clock);
  private final OperationalAlerts alerts = new OperationalAlerts(notifier, clock);

  private List<Notification> sent(Notification.Kind kind) {
    return notifier.delivered().stream().filter(n -> n.kind() == kind).toList();
  }

  private List<Notification> alertsSent() {
    return sent(Notification.Kind.OPERATIONAL_ALERT);
  }

  private List<Notification> recoveries() {
    return sent(Notification.Kind.RECOVERY);
  }

  /** Runs one "cycle" at the clock's time, after moving it on. */
  private void cycle(Duration advance, CycleResult.Builder r) {
    clock.advance(advance);
    alerts.cycleFinished(r.build());
  }

  private CycleResult.Builder fetchFailed(Instant asOf) {
    return result(ETH, asOf)
        .status(CycleStatus.INCOMPLETE)
        .addIncompleteReason("fetch_data: candles 1h: connection refused")
        .addFailedStep(CycleStep.FETCH_DATA);
  }

  @Test
  void exchangeDownAfterThreeFailedFetchesThenOneReminderPerWindowThenOneRecovery() {
    Duration hour = Duration.ofHours(1);
    cycle(hour, fetchFailed(clock.instant()));
    cycle(hour, fetchFailed(clock.instant()));
    assertThat(notifier.delivered()).isEmpty();
    cycle(hour, fetchFailed(clock.instant()));
    assertThat(alertsSent()).hasSize(1);
    Notification first = alertsSent().get(0);
    assertThat(first.priority()).isEqualTo(NotificationPriority.HIGH);
    assertThat(first.title()).contains("Exchange unreachable");
    assertThat(first.message()).contains("Check:").contains("ETH-USDT (3 cycles)");
    assertThat(first.fields()).containsEntry("alert", "EXCHANGE_DOWN").containsKey("check");
    // within the window: no reminder
    cycle(Duration.ofMinutes(30), fetchFailed(clock.instant()));
    assertThat(alertsSent()).hasSize(1);
    // the window has passed: one reminder
    cycle(Duration.ofMinutes(30), fetchFailed(clock.instant()));
    assertThat(alertsSent()).hasSize(2);
    assertThat(alertsSent().get(1).title()).startsWith("Still:");
    assertThat(alerts.openIncidents())
        .singleElement()
        .satisfies(i -> assertThat(i.reminders()).isEqualTo(1));
    // it clears
    cycle(hour, result(ETH, clock.instant()));
    assertThat(recoveries()).hasSize(1);
    assertThat(recoveries().get(0).priority()).isEqualTo(NotificationPriority.LOW);
    assertThat(recoveries().get(0).title()).startsWith("Recovered: Exchange unreachable");
    assertThat(alerts.openIncidents()).isEmpty();
    // nothing more while healthy
    cycle(hour, result(ETH, clock.instant()));
    assertThat(notifier.delivered()).hasSize(3);
  }

  @Test
  void failedStepsAreAlsoHeardFromStepEvents() {
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofHours(1));
      alerts.cycleStarted(ETH, clock.instant(), "c" + i);
      alerts.stepFinished(ETH, CycleStep.FETCH_DATA, Duration.ofSeconds(1), false);
      alerts.cycleFinished(result(ETH, clock.instant()).build());
    }
    assertThat(alertsSent()).hasSize(1);
  }

  @Test
  void anOpenCircuitAlertsAtOnceAndItsClosingRecovers() {
    Health open =
        Health.aggregate(
            "market-maker",
            List.of(
                new Health.Builder()
                    .component("exchange:kucoin")
                    .status(HealthStatus.DEGRADED)
                    .putDetail("circuit", "OPEN")
                    .build()));
    alerts.checkHealth(open);
    assertThat(alertsSent()).hasSize(1);
    assertThat(alertsSent().get(0).message()).contains("circuit is open");
    alerts.checkHealth(open);
    assertThat(alertsSent()).hasSize(1);
    alerts.checkHealth(OpsFixtures.healthy());
    assertThat(recoveries()).hasSize(1);
  }

  @Test
  void aSlowCycleAlertsPerSymbolAndRecovers() {
    cycle(Duration.ofHours(1), result(ETH, clock.instant()).duration(Duration.ofMinutes(6)));
    cycle(Duration.ZERO, result(BTC, clock.instant()).duration(Duration.ofMinutes(1)));
    assertThat(alertsSent()).hasSize(1);
    Notification n = alertsSent().get(0);
    assertThat(n.priority()).isEqualTo(NotificationPriority.NORMAL);
    assertThat(n.symbol()).contains(ETH);
    assertThat(n.message()).contains("took 360 s").contains("Check:");
    cycle(Duration.ofHours(1), result(ETH, clock.instant()).duration(Duration.ofMinutes(6)));
    assertThat(alertsSent()).hasSize(2); // one reminder an hour later
    cycle(Duration.ofHours(1), result(ETH, clock.instant()));
    assertThat(recoveries()).hasSize(1);
  }

  @Test
  void theStoreFailingForNCyclesAlertsOnceAndRecovers() {
    for (int i = 0; i < 2; i++) {
      cycle(
          Duration.ofHours(1),
          result(ETH, clock.instant())
              .addIncompleteReason("store: disk full")
              .addFailedStep(CycleStep.STORE));
    }
    assertThat(alertsSent()).isEmpty();
    cycle(
        Duration.ofHours(1),
        result(BTC, clock.instant())
            .addIncompleteReason("store: disk full")
            .addFailedStep(CycleStep.STORE));
    assertThat(alertsSent()).hasSize(1);
    assertThat(alertsSent().get(0).message())
        .contains("3 consecutive cycles")
        .contains("disk full");
    cycle(Duration.ofMinutes(10), result(ETH, clock.instant()));
    assertThat(recoveries()).hasSize(1);
  }

  @Test
  void aFailingPushInTheStoreHealthCountsAsAStoreFailure() {
    Health pushFailing =
        Health.aggregate(
            "market-maker",
            List.of(
                new Health.Builder()
                    .component("store:git")
                    .status(HealthStatus.DEGRADED)
                    .putDetail("unpushed_commits", "4")
                    .putDetail("last_push_error", "auth failed")
                    .build()));
    for (int i = 0; i < 5; i++) {
      cycle(Duration.ofMinutes(15), result(ETH, clock.instant()).health(pushFailing));
    }
    assertThat(alertsSent()).hasSize(1);
    assertThat(alertsSent().get(0).fields()).containsEntry("alert", "STORE_FAILING");
  }

  @Test
  void staleDataAlertsWhenTheNewestCandleLagsAndRecoversWhenFresh() {
    Instant asOf = T0.plus(Duration.ofHours(10));
    RegimeState old =
        new RegimeState.Builder()
            .symbol(ETH)
            .asOf(asOf.minus(Duration.ofHours(3)))
            .verdict(RegimeVerdict.RANGE_OK)
            .confidence(0.4)
            .build();
    cycle(Duration.ofHours(10), result(ETH, asOf).regime(old));
    assertThat(alertsSent()).hasSize(1);
    assertThat(alertsSent().get(0).message()).contains("180 min");
    // no candles at all, though the fetch worked: still stale, no new alert
    cycle(
        Duration.ofMinutes(5),
        result(ETH, asOf)
            .regime(java.util.Optional.empty())
            .addIncompleteReason("regime: no 1h candles"));
    assertThat(alertsSent()).hasSize(1);
    // the fetch failed: unknown, the stale incident neither clears nor repeats
    cycle(Duration.ofMinutes(5), fetchFailed(asOf).regime(java.util.Optional.empty()));
    assertThat(notifier.delivered()).hasSize(1);
    cycle(Duration.ofMinutes(5), result(ETH, asOf));
    assertThat(recoveries()).hasSize(1);
  }

  @Test
  void aVetoedRecommendationIsARiskLimitAlert() {
    Recommendation vetoed =
        new Recommendation.Builder()
            .type(RecommendationType.GRID_SETUP)
            .action(GridAction.WAIT)
            .symbol(ETH)
            .confidence(0.6)
            .escalation(Escalation.NOTIFY)
            .addVeto("daily loss limit reached: -5.2% of capital")
            .build();
    cycle(Duration.ofHours(1), result(ETH, clock.instant()).addRecommendation(vetoed));
    cycle(Duration.ofMinutes(20), result(ETH, clock.instant()).addRecommendation(vetoed));
    assertThat(alertsSent()).hasSize(1);
    assertThat(alertsSent().get(0).message()).contains("daily loss limit reached");
    assertThat(alertsSent().get(0).priority()).isEqualTo(NotificationPriority.HIGH);
    cycle(Duration.ofHours(1), result(ETH, clock.instant()));
    assertThat(recoveries()).hasSize(1);
  }

  @Test
  void deadLettersPilingUpAreReadFromTheNotifierHealth() {
    Health piling =
        Health.aggregate(
            "market-maker",
            List.of(
                Health.aggregate(
                    "notifier:composite",
                    List.of(
                        new Health.Builder()
                            .component("notifier:pushover")
                            .status(HealthStatus.DEGRADED)
                            .putDetail("dead_letters_pending", "2")
                            .build(),
                        new Health.Builder()
                            .component("notifier:webhook")
                            .status(HealthStatus.DEGRADED)
                            .putDetail("dead_letters", "2")
                            .build()))));
    assertThat(OperationalAlerts.deadLetters(piling)).isEqualTo(4);
    cycle(Duration.ofHours(1), result(ETH, clock.instant()).health(piling));
    alerts.checkHealth(piling);
    assertThat(alertsSent()).hasSize(1);
    assertThat(alertsSent().get(0).message()).contains("4 notifications are undelivered");
    alerts.checkHealth(OpsFixtures.healthy());
    assertThat(recoveries()).hasSize(1);
  }

  @Test
  void remindersFollowTheWindowWhateverTheCycleCadence() {
    // a fault lasting `hours` hours with a cycle every 15 minutes: 1 alert + one reminder an hour
    qt().withFixedSeed(20261123L)
        .withExamples(20)
        .forAll(integers().between(1, 30))
        .checkAssert(
            hours -> {
              TestClock c = TestClock.at(T0);
              RecordingNotifier rec = new RecordingNotifier(c);
              OperationalAlerts a = new OperationalAlerts(rec, c);
              for (int q = 0; q <= hours * 4; q++) {
                a.cycleFinished(result(ETH, c.instant()).duration(Duration.ofMinutes(7)).build());
                c.advance(Duration.ofMinutes(15));
              }
              a.cycleFinished(result(ETH, c.instant()).build());
              List<Notification> all = rec.delivered();
              assertThat(all.stream().filter(n -> n.kind() == Notification.Kind.OPERATIONAL_ALERT))
                  .hasSize(1 + hours);
              assertThat(all.stream().filter(n -> n.kind() == Notification.Kind.RECOVERY))
                  .hasSize(1);
              assertThat(all.stream().map(Notification::id).distinct()).hasSize(all.size());
            });
  }

  @Test
  void thePolicyOverridesPrioritiesWindowsAndThresholds() {
    AlertPolicy policy =
        new AlertPolicy.Builder()
            .slowCycleThreshold(Duration.ofMinutes(1))
            .putPriority(AlertKind.SLOW_CYCLE, NotificationPriority.EMERGENCY)
            .putReminderInterval(AlertKind.SLOW_CYCLE, Duration.ofHours(4))
            .build();
    OperationalAlerts a = new OperationalAlerts(notifier, clock, policy);
    assertThat(a.policy()).isEqualTo(policy);
    for (int h = 0; h < 5; h++) {
      a.cycleFinished(result(ETH, clock.instant()).duration(Duration.ofMinutes(2)).build());
      clock.advance(Duration.ofHours(1));
    }
    assertThat(alertsSent()).hasSize(2); // alert at 0 h, reminder at 4 h
    assertThat(alertsSent().get(0).priority()).isEqualTo(NotificationPriority.EMERGENCY);
    assertThat(policy.reminderInterval(AlertKind.EXCHANGE_DOWN)).isEqualTo(Duration.ofHours(1));
    assertThat(AlertPolicy.defaults().priority(AlertKind.DATA_STALE))
        .isEqualTo(NotificationPriority.NORMAL);
  }

  @Test
  void aBadPolicyIsRefusedWithItsKey() {
    assertThatThrownBy(() -> new AlertPolicy.Builder().fetchFailuresBeforeAlert(0).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("alerts.fetch_failures_before_alert");
    assertThatThrownBy(() -> new AlertPolicy.Builder().reminderInterval(Duration.ZERO).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(
            () ->
                new AlertPolicy.Builder()
                    .putReminderInterval(AlertKind.RISK_LIMIT, Duration.ofMinutes(-1))
                    .build())
        .hasMessageContaining("reminder_intervals.risk-limit");
  }

  @Test
  void aThrowingNotifierNeverBreaksTheCycle() {
    Notifier broken =
        new Notifier() {
          @Override
          public DeliveryReport deliver(Notification n) {
            throw new IllegalStateException("boom");
          }

          @Override
          public Health health() {
            return Health.up("notifier:broken");
          }
        };
    OperationalAlerts a = new OperationalAlerts(broken, clock);
    a.cycleFinished(result(ETH, clock.instant()).duration(Duration.ofMinutes(9)).build());
    assertThat(a.openIncidents()).hasSize(1);
  }

  @Test
  void throughTheFacadeAnExchangeWithoutDataRaisesOneAlert() {
    ReplayExchange empty = ReplayExchange.of(clock);
    InMemoryDecisionStore store = new InMemoryDecisionStore();
    try (MarketMaker mm =
        MarketMaker.builder()
            .exchange(empty)
            .regimeEngine(new OpsFixtures.TrivialRegimeEngine())
            .store(store)
            .notifier(notifier)
            .clock(clock)
            .listener(CycleListeners.composite(alerts))
            .build()) {
      for (int i = 0; i < 4; i++) {
        clock.advance(Duration.ofMinutes(15)); // the 4th cycle falls inside the reminder window
        mm.runCycle(ETH, clock.instant());
      }
    }
    assertThat(alertsSent()).hasSize(1);
    assertThat(alertsSent().get(0).fields()).containsEntry("alert", "EXCHANGE_DOWN");
    assertThat(alerts.openIncidents()).extracting(Incident::kind).contains(AlertKind.EXCHANGE_DOWN);
    assertThat(Map.of("slug", AlertKind.EXCHANGE_DOWN.slug()))
        .containsEntry("slug", "exchange-down");
  }
}
