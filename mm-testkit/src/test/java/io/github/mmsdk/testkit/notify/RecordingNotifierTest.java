package io.github.mmsdk.testkit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.health.HealthStatus;
import io.github.mmsdk.api.notify.DeadLetterSink;
import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.notify.NotificationPriority;
import io.github.mmsdk.api.notify.Notifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RecordingNotifierTest extends NotifierContract {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
  private RecordingNotifier current;

  @Override
  protected Notifier createNotifier() {
    current = new RecordingNotifier(CLOCK);
    return current;
  }

  @Override
  protected Optional<Notifier> createFailingNotifier(DeadLetterSink sink) {
    return Optional.of(new RecordingNotifier(CLOCK, sink).failAlways("down"));
  }

  @Override
  protected OptionalLong deliveriesSeen(String notificationId) {
    return OptionalLong.of(current.deliveries(notificationId));
  }

  @Test
  void failNextFailsThatManyThenDelivers() {
    RecordingNotifier notifier = new RecordingNotifier().failNext(2);
    Notification a = notification(NotificationPriority.NORMAL);
    Notification b = notification(NotificationPriority.NORMAL);
    Notification c = notification(NotificationPriority.NORMAL);

    assertThat(notifier.deliver(a).status()).isEqualTo(DeliveryReport.Status.FAILED);
    assertThat(notifier.deliver(b).status()).isEqualTo(DeliveryReport.Status.FAILED);
    assertThat(notifier.deliver(c).status()).isEqualTo(DeliveryReport.Status.DELIVERED);
    // without a sink a failed id may be tried again
    assertThat(notifier.deliver(a).status()).isEqualTo(DeliveryReport.Status.DELIVERED);

    assertThat(notifier.delivered()).containsExactly(c, a);
    assertThat(notifier.last()).contains(a);
    assertThat(notifier.attempts()).isEqualTo(4);
    assertThat(notifier.reports()).hasSize(4);
    assertThat(notifier.reports().get(0).at()).isEqualTo(a.createdAt());
  }

  @Test
  void failAlwaysUntilRecoveredAndHealthFollows() {
    RecordingNotifier notifier = new RecordingNotifier(CLOCK).failAlways("boom");
    assertThat(notifier.health().status()).isEqualTo(HealthStatus.DEGRADED);
    DeliveryReport failed = notifier.deliver(notification(NotificationPriority.HIGH));
    assertThat(failed.error()).contains("boom");

    notifier.recover();
    assertThat(notifier.deliver(notification(NotificationPriority.HIGH)).delivered()).isTrue();
    assertThat(notifier.health().status()).isEqualTo(HealthStatus.UP);
    assertThat(notifier.health().details()).containsEntry("delivered", "1");

    notifier.clear();
    assertThat(notifier.delivered()).isEmpty();
    assertThat(notifier.reports()).isEmpty();
    assertThat(notifier.attempts()).isZero();
    assertThat(notifier.last()).isEmpty();
    notifier.close();
    assertThat(notifier.health().status()).isEqualTo(HealthStatus.DOWN);
    assertThat(notifier).hasToString("RecordingNotifier");
  }

  @Test
  void countingSinkResolvesDeliveredAndExpired() {
    NotifierContract.CountingDeadLetterSink sink = new NotifierContract.CountingDeadLetterSink();
    RecordingNotifier notifier = new RecordingNotifier(CLOCK, sink).failAlways("down");
    Notification a = notification(NotificationPriority.NORMAL);
    Notification b = notification(NotificationPriority.NORMAL);
    notifier.deliver(a);
    notifier.deliver(b);
    assertThat(sink.pending()).hasSize(2);

    sink.resolve(a.id(), Notifier.delivered(a, RecordingNotifier.CHANNEL, 2, CLOCK.instant()));
    sink.resolve(
        b.id(),
        new DeliveryReport.Builder()
            .from(Notifier.delivered(b, RecordingNotifier.CHANNEL, 2, CLOCK.instant()))
            .status(DeliveryReport.Status.DEAD_LETTERED)
            .build());

    assertThat(sink.pending()).extracting(d -> d.notification().id()).containsExactly(b.id());
    assertThat(sink.deadLettered(a.id())).isEqualTo(1);
  }
}
