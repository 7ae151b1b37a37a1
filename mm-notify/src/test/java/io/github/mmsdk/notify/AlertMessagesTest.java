package io.github.mmsdk.notify;

import static io.github.mmsdk.notify.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.notify.NotificationPriority;
import io.github.mmsdk.notify.internal.Rendering;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertMessagesTest {
  static final Symbol ETH = Symbol.of("ETH", "USDT");

  @Test
  void eachAlertHasItsOwnPriorityAndStatesWhatToDo() {
    List<Notification> alerts =
        List.of(
            AlertMessages.circuitOpen("exchange:kucoin", 3, T0),
            AlertMessages.cycleTooSlow(Duration.ofSeconds(90), T0),
            AlertMessages.cycleTooSlow(Duration.ofMinutes(6), T0),
            AlertMessages.pushFailing("origin", 2, T0),
            AlertMessages.deadLettersPilingUp(12, Duration.ofMinutes(95), T0),
            AlertMessages.riskLimitHit("max_capital_per_grid", "1200 > 1000 USDT", ETH, T0),
            AlertMessages.staleData(ETH, Duration.ofMinutes(180), T0));
    assertThat(alerts)
        .extracting(Notification::priority)
        .containsExactly(
            NotificationPriority.HIGH,
            NotificationPriority.NORMAL,
            NotificationPriority.HIGH,
            NotificationPriority.NORMAL,
            NotificationPriority.HIGH,
            NotificationPriority.HIGH,
            NotificationPriority.NORMAL);
    assertThat(alerts)
        .extracting(Notification::kind)
        .containsOnly(Notification.Kind.OPERATIONAL_ALERT);
    assertThat(alerts).allSatisfy(n -> assertThat(Rendering.plainBody(n)).startsWith("Action: "));
    assertThat(alerts.get(0).id())
        .isEqualTo("alert-circuit-open-exchange_kucoin-" + T0.getEpochSecond());
    assertThat(alerts.get(0).title()).isEqualTo("Circuit open: exchange:kucoin");
    assertThat(alerts.get(2).fields()).containsEntry("threshold_seconds", "300");
    assertThat(alerts.get(5).fields())
        .containsEntry("symbol", "ETH-USDT")
        .containsEntry("alert", "RISK_LIMIT_HIT");
    assertThat(Rendering.eventType(alerts.get(0))).isEqualTo("notification.operational_alert");
  }

  @Test
  void raisingTheSameAlertTwiceGivesTheSameIdAndARecoveryIsQuiet() {
    assertThat(AlertMessages.staleData(ETH, Duration.ofMinutes(5), T0).id())
        .isEqualTo(AlertMessages.staleData(ETH, Duration.ofMinutes(7), T0).id());
    Notification r =
        AlertMessages.recovered(AlertMessages.Type.CIRCUIT_OPEN, "exchange:kucoin", T0);
    assertThat(r.kind()).isEqualTo(Notification.Kind.RECOVERY);
    assertThat(r.priority()).isEqualTo(NotificationPriority.LOW);
    assertThat(r.title()).isEqualTo("Recovered: Circuit open: exchange:kucoin");
    assertThat(AlertMessages.Type.DEAD_LETTERS_PILING_UP.priority())
        .isEqualTo(NotificationPriority.HIGH);
  }
}
