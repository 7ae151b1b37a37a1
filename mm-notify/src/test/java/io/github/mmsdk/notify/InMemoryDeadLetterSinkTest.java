package io.github.mmsdk.notify;

import static io.github.mmsdk.notify.Fixtures.T0;
import static io.github.mmsdk.notify.Fixtures.exitState;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.notify.NotificationPriority;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryDeadLetterSinkTest {

  private static DeliveryReport report(Notification n, String channel, DeliveryReport.Status s) {
    return new DeliveryReport.Builder()
        .notificationId(n.id())
        .channel(channel)
        .status(s)
        .attempts(1)
        .at(T0)
        .error("x")
        .build();
  }

  @Test
  void keepsOneDeadLetterPerNotificationAndChannelUntilDeliveredOrExpired() {
    Fixtures.MutableClock clock = new Fixtures.MutableClock(T0);
    InMemoryDeadLetterSink sink = new InMemoryDeadLetterSink(clock);
    Notification a = exitState("a", NotificationPriority.HIGH);
    Notification b = exitState("b", NotificationPriority.HIGH);

    sink.deadLetter(a, report(a, "pushover", DeliveryReport.Status.DEAD_LETTERED));
    clock.advance(Duration.ofMinutes(1));
    sink.deadLetter(a, report(a, "slack", DeliveryReport.Status.DEAD_LETTERED));
    sink.deadLetter(b, report(b, "pushover", DeliveryReport.Status.DEAD_LETTERED));
    sink.deadLetter(b, report(b, "pushover", DeliveryReport.Status.DEAD_LETTERED));

    assertThat(sink.pending()).hasSize(3);
    assertThat(sink.pending().get(0).since()).isEqualTo(T0);
    assertThat(sink.pending().get(2).attempts()).hasSize(2);

    sink.resolve("a", report(a, "slack", DeliveryReport.Status.DEAD_LETTERED));
    sink.resolve("a", report(a, "pushover", DeliveryReport.Status.DELIVERED));
    sink.resolve("b", report(b, "pushover", DeliveryReport.Status.FAILED));
    sink.resolve("unknown", report(b, "pushover", DeliveryReport.Status.DELIVERED));

    assertThat(sink.pending())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.notification().id()).isEqualTo("a");
              assertThat(d.attempts()).hasSize(2);
            });
    assertThat(sink.resolved()).hasSize(2);
  }
}
