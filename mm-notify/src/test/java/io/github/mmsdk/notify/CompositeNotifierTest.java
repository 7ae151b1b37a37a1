package io.github.mmsdk.notify;

import static io.github.mmsdk.notify.Fixtures.T0;
import static io.github.mmsdk.notify.Fixtures.exitState;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.health.HealthStatus;
import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.notify.NotificationPriority;
import io.github.mmsdk.api.notify.Notifier;
import io.github.mmsdk.testkit.notify.NotifierContract;
import io.github.mmsdk.testkit.notify.RecordingNotifier;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CompositeNotifierTest extends NotifierContract {
  private final Fixtures.MutableClock clock = new Fixtures.MutableClock(T0);
  private RecordingNotifier first;
  private RecordingNotifier second;

  @Override
  protected Notifier createNotifier() {
    first = new RecordingNotifier(clock);
    second = new RecordingNotifier(clock);
    return CompositeNotifier.of(List.of(first, second), clock);
  }

  @Override
  protected Optional<Notifier> createFailingNotifier(
      io.github.mmsdk.api.notify.DeadLetterSink sink) {
    return Optional.of(
        CompositeNotifier.of(
            List.of(
                new RecordingNotifier(clock, sink).failAlways("down"),
                new RecordingNotifier(clock).failAlways("down too")),
            clock));
  }

  @Override
  protected OptionalLong deliveriesSeen(String notificationId) {
    return OptionalLong.of(
        Math.max(first.deliveries(notificationId), second.deliveries(notificationId)));
  }

  @Test
  void aChannelThatThrowsOrFailsNeverPreventsTheOthers() {
    Notifier throwing =
        new Notifier() {
          @Override
          public DeliveryReport deliver(Notification n) {
            throw new IllegalStateException("bug");
          }

          @Override
          public Health health() {
            return Health.down("notifier:broken", "bug");
          }
        };
    RecordingNotifier failing = new RecordingNotifier(clock).failAlways("down");
    RecordingNotifier working = new RecordingNotifier(clock);
    try (CompositeNotifier c = CompositeNotifier.of(List.of(throwing, failing, working), clock)) {
      DeliveryReport r = c.deliver(exitState("x", NotificationPriority.HIGH));

      assertThat(r.status()).isEqualTo(DeliveryReport.Status.DELIVERED);
      assertThat(r.channels())
          .extracting(DeliveryReport::status)
          .containsExactly(
              DeliveryReport.Status.FAILED,
              DeliveryReport.Status.FAILED,
              DeliveryReport.Status.DELIVERED);
      assertThat(r.error().orElseThrow()).contains("IllegalStateException").contains("down");
      assertThat(working.delivered()).hasSize(1);
      assertThat(c.health().status()).isEqualTo(HealthStatus.DOWN);
      assertThat(c.retryDeadLetters()).isEmpty();
      assertThat(c.toString()).startsWith("CompositeNotifier[");
    }
  }

  @Test
  void aBlockedChannelDoesNotDelayTheOthers() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    RecordingNotifier fast = new RecordingNotifier(clock);
    Notifier blocked =
        new Notifier() {
          @Override
          public DeliveryReport deliver(Notification n) {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return Notifier.delivered(n, "blocked", 1, T0);
          }

          @Override
          public Health health() {
            return Health.up("notifier:blocked");
          }
        };
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try (CompositeNotifier c = CompositeNotifier.of(List.of(blocked, fast), clock)) {
      Future<DeliveryReport> pending =
          caller.submit(() -> c.deliver(exitState("b", NotificationPriority.NORMAL)));
      // the fast channel delivers while the blocked one still waits
      while (fast.delivered().isEmpty()) {
        Thread.onSpinWait();
      }
      assertThat(pending.isDone()).isFalse();
      release.countDown();
      assertThat(pending.get().channels())
          .extracting(DeliveryReport::status)
          .containsOnly(DeliveryReport.Status.DELIVERED);
    } finally {
      caller.shutdownNow();
    }
  }

  @Test
  void reportsSkippedWhenEveryChannelSkipped() {
    RecordingNotifier a = new RecordingNotifier(clock);
    try (CompositeNotifier c = CompositeNotifier.of(List.of(a), clock)) {
      Notification n = exitState("dup", NotificationPriority.NORMAL);
      c.deliver(n);
      assertThat(c.deliver(n).status()).isEqualTo(DeliveryReport.Status.SKIPPED);
    }
    try (CompositeNotifier empty = CompositeNotifier.of(List.of(), clock)) {
      assertThat(empty.channels()).singleElement().isInstanceOf(LogNotifier.class);
    }
  }
}
