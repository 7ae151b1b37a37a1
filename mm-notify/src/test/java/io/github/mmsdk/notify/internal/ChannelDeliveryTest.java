package io.github.mmsdk.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.health.HealthStatus;
import io.github.mmsdk.api.notify.DeadLetter;
import io.github.mmsdk.api.notify.DeadLetterSink;
import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.notify.NotificationPriority;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChannelDeliveryTest {
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  static Notification n(String id) {
    return new Notification.Builder()
        .id(id)
        .kind(Notification.Kind.REGIME)
        .priority(NotificationPriority.NORMAL)
        .title("t")
        .message("m")
        .createdAt(T0)
        .build();
  }

  static ChannelDelivery delivery(DeadLetterSink sink, Transport transport) {
    return new ChannelDelivery(
        "test",
        2,
        Duration.ofMillis(1),
        Duration.ofMillis(1),
        Duration.ofHours(1),
        Duration.ofSeconds(5),
        sink,
        CLOCK,
        Redactor.of(),
        transport,
        (x, r) -> {
          throw new IllegalStateException("listener bug");
        });
  }

  /** A sink that refuses everything, like a store that cannot write. */
  static final class BrokenSink implements DeadLetterSink {
    @Override
    public void deadLetter(Notification notification, DeliveryReport report) {
      throw new IllegalStateException("disk full");
    }

    @Override
    public List<DeadLetter> pending() {
      throw new IllegalStateException("disk full");
    }

    @Override
    public void resolve(String notificationId, DeliveryReport report) {
      throw new IllegalStateException("disk full");
    }
  }

  @Test
  void aRefusingSinkMakesTheReportFailedAndNothingThrows() {
    AtomicInteger calls = new AtomicInteger();
    ChannelDelivery d =
        delivery(
            new BrokenSink(),
            x -> {
              calls.incrementAndGet();
              throw new IOException("connection reset");
            });

    DeliveryReport r = d.deliver(n("a"));

    assertThat(r.status()).isEqualTo(DeliveryReport.Status.FAILED);
    assertThat(r.attempts()).isEqualTo(2);
    assertThat(r.error().orElseThrow())
        .contains("IOException: connection reset")
        .contains("dead-letter sink failed");
    assertThat(calls).hasValue(2);
    assertThat(d.retryDeadLetters()).isEmpty();
    // not remembered as dead-lettered: the caller may deliver it again
    assertThat(d.deliver(n("a")).status()).isEqualTo(DeliveryReport.Status.FAILED);
  }

  @Test
  void aTransportBugIsAPermanentFailureAndThreeInARowIsDown() {
    InMemorySink sink = new InMemorySink();
    ChannelDelivery d =
        delivery(
            sink,
            x -> {
              throw new IllegalArgumentException("bug");
            });
    for (String id : List.of("a", "b", "c")) {
      DeliveryReport r = d.deliver(n(id));
      assertThat(r.status()).isEqualTo(DeliveryReport.Status.DEAD_LETTERED);
      assertThat(r.attempts()).isEqualTo(1);
    }
    assertThat(d.health("notifier:test").status()).isEqualTo(HealthStatus.DOWN);
    // the retry of a dead letter hitting the bug again stays pending
    assertThat(d.retryDeadLetters())
        .extracting(DeliveryReport::status)
        .containsOnly(DeliveryReport.Status.DEAD_LETTERED);
    assertThat(sink.resolved).hasValue(3);
  }

  @Test
  void aSuccessSurvivesABrokenListener() {
    ChannelDelivery d = delivery(new InMemorySink(), x -> Attempt.ok(200, null));
    assertThat(d.deliver(n("ok")).status()).isEqualTo(DeliveryReport.Status.DELIVERED);
    assertThat(d.channel()).isEqualTo("test");
  }

  @Test
  void closeWaitsForInFlightDeliveriesThenRefuses() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ChannelDelivery d =
        delivery(
            new InMemorySink(),
            x -> {
              entered.countDown();
              release.await();
              return Attempt.ok(200, null);
            });
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<DeliveryReport> inFlight = pool.submit(() -> d.deliver(n("slow")));
      entered.await();
      // the same id while in flight is a duplicate
      assertThat(d.deliver(n("slow")).status()).isEqualTo(DeliveryReport.Status.SKIPPED);
      Future<?> closing = pool.submit(d::close);
      release.countDown();
      closing.get();
      assertThat(inFlight.get().status()).isEqualTo(DeliveryReport.Status.DELIVERED);
      DeliveryReport after = d.deliver(n("late"));
      assertThat(after.status()).isEqualTo(DeliveryReport.Status.SKIPPED);
      assertThat(after.error()).contains("notifier closed");
      assertThat(d.retryDeadLetters()).isEmpty();
      assertThat(d.health("notifier:test").status()).isEqualTo(HealthStatus.DOWN);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void deadLettersFromBeforeARestartAreRetriedNotResent() {
    InMemorySink sink = new InMemorySink();
    DeliveryReport old =
        new DeliveryReport.Builder()
            .notificationId("old")
            .channel("test")
            .status(DeliveryReport.Status.DEAD_LETTERED)
            .attempts(3)
            .at(T0)
            .build();
    sink.deadLetter(n("old"), old);
    sink.deadLetter(
        n("other"),
        new DeliveryReport.Builder().from(old).notificationId("other").channel("x").build());
    List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
    ChannelDelivery d =
        delivery(
            sink,
            x -> {
              sent.add(x.id());
              return Attempt.ok(200, null);
            });

    assertThat(d.deliver(n("old")).status()).isEqualTo(DeliveryReport.Status.SKIPPED);
    assertThat(d.deliver(n("new")).status()).isEqualTo(DeliveryReport.Status.DELIVERED);

    // the success retried the pending dead letter of this channel, and only that one
    assertThat(sent).containsExactly("new", "old");
    assertThat(sink.resolved).hasValue(1);
  }

  /** A minimal sink counting resolutions. */
  static final class InMemorySink implements DeadLetterSink {
    final java.util.List<DeadLetter> pending = new java.util.ArrayList<>();
    final AtomicInteger resolved = new AtomicInteger();

    @Override
    public synchronized void deadLetter(Notification notification, DeliveryReport report) {
      pending.add(
          new DeadLetter.Builder().notification(notification).addAttempt(report).since(T0).build());
    }

    @Override
    public synchronized List<DeadLetter> pending() {
      return List.copyOf(pending);
    }

    @Override
    public synchronized void resolve(String notificationId, DeliveryReport report) {
      resolved.incrementAndGet();
    }
  }
}
