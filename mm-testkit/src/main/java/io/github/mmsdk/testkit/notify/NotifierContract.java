package io.github.mmsdk.testkit.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.notify.DeadLetter;
import io.github.mmsdk.api.notify.DeadLetterSink;
import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.notify.NotificationPriority;
import io.github.mmsdk.api.notify.Notifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The conformance test of {@link Notifier}: extend it, give a factory for a notifier whose channel
 * works, and every implementation is held to the same contract (Micrometer's compatibility-kit
 * pattern).
 *
 * <pre>{@code
 * class MyNotifierTest extends NotifierContract {
 *   @Override protected Notifier createNotifier() { return new MyNotifier(fakeServer.url()); }
 *   // optional: a notifier whose channel always fails, and how often the channel saw an id
 *   @Override protected Optional<Notifier> createFailingNotifier(DeadLetterSink sink) { ... }
 *   @Override protected OptionalLong deliveriesSeen(String id) { return fakeServer.count(id); }
 * }
 * }</pre>
 *
 * <p>Checked: a working channel delivers every priority and odd content and reports the
 * notification's id; a repeated id reaches the channel at most once; concurrent deliveries all
 * arrive once; a failing channel never throws, does not report delivery, and dead-letters exactly
 * once; {@link Notifier#health()} names a component; {@link Notifier#close()} is idempotent and
 * refuses new notifications without throwing.
 */
public abstract class NotifierContract {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  private final List<Notifier> created = new ArrayList<>();
  private int sequence;

  /** For subclasses. */
  protected NotifierContract() {}

  /**
   * A fresh notifier whose channel works. Called once per test.
   *
   * @return the notifier
   */
  protected abstract Notifier createNotifier();

  /**
   * A fresh notifier whose channel always fails (every attempt), handing undeliverable
   * notifications to the given sink. The failure tests are skipped when empty (the default).
   *
   * @param sink the dead-letter sink to wire
   * @return the notifier, when the implementation can be made to fail
   */
  protected Optional<Notifier> createFailingNotifier(DeadLetterSink sink) {
    return Optional.empty();
  }

  /**
   * How many times the channel's peer received a notification, when the test can observe it (e.g. a
   * fake server counting idempotency keys). Checks that need it are weakened when empty (the
   * default).
   *
   * @param notificationId the notification's id
   * @return the count, when observable
   */
  protected OptionalLong deliveriesSeen(String notificationId) {
    return OptionalLong.empty();
  }

  /**
   * A notification with a fresh id.
   *
   * @param priority its priority
   * @return the notification
   */
  protected Notification notification(NotificationPriority priority) {
    sequence++;
    return new Notification.Builder()
        .id("contract-" + getClass().getSimpleName() + "-" + sequence)
        .kind(Notification.Kind.EXIT_STATE)
        .priority(priority)
        .title("ETH-USDT exit state " + priority)
        .message("Regime changed; review the grid.")
        .symbol(Symbol.of("ETH", "USDT"))
        .gridId("eth-grid-1")
        .createdAt(T0.plusSeconds(sequence))
        .putField("regime", "TRENDING")
        .putField("exit_state", "WARNING")
        .build();
  }

  private Notifier notifier() {
    Notifier n = createNotifier();
    created.add(n);
    return n;
  }

  /** Closes what the tests created. */
  @AfterEach
  public void closeCreatedNotifiers() {
    for (Notifier n : created) {
      n.close();
    }
    created.clear();
  }

  /** A working channel delivers and the report names the notification and a channel. */
  @Test
  public void deliversAndReportsTheNotification() {
    Notifier notifier = notifier();
    Notification n = notification(NotificationPriority.NORMAL);

    DeliveryReport report = notifier.deliver(n);

    assertThat(report.notificationId()).isEqualTo(n.id());
    assertThat(report.channel()).isNotBlank();
    assertThat(report.delivered()).as("delivered: %s", report).isTrue();
    assertThat(report.attempts()).isGreaterThanOrEqualTo(1);
    deliveriesSeen(n.id()).ifPresent(c -> assertThat(c).isEqualTo(1));
  }

  /** Every priority, emergency included, is delivered. */
  @Test
  public void deliversEveryPriority() {
    Notifier notifier = notifier();
    for (NotificationPriority p : NotificationPriority.values()) {
      Notification n = notification(p);
      assertThat(notifier.deliver(n).delivered()).as("priority %s", p).isTrue();
    }
  }

  /** Long, unicode and markup-laden content is delivered, not rejected or thrown on. */
  @Test
  public void deliversLongAndUnusualContent() {
    Notifier notifier = notifier();
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < 30; i++) {
      fields.put("field_" + i, "<b>value & " + i + "</b> 🚨 \"quoted\"");
    }
    Notification n =
        new Notification.Builder()
            .from(notification(NotificationPriority.HIGH))
            .title("Tïtle with <html> & émoji 🚨 " + "x".repeat(600))
            .message("Line one\nLine two <script>alert(1)</script> & 💥 " + "y".repeat(5_000))
            .fields(fields)
            .build();

    DeliveryReport report = notifier.deliver(n);

    assertThat(report.delivered()).as("delivered: %s", report).isTrue();
  }

  /** A repeated notification id reaches the channel at most once and does not fail. */
  @Test
  public void deliversARepeatedIdAtMostOnce() {
    Notifier notifier = notifier();
    Notification n = notification(NotificationPriority.NORMAL);

    DeliveryReport first = notifier.deliver(n);
    DeliveryReport second = notifier.deliver(n);

    assertThat(first.delivered()).isTrue();
    assertThat(second.status())
        .isIn(DeliveryReport.Status.DELIVERED, DeliveryReport.Status.SKIPPED);
    deliveriesSeen(n.id()).ifPresent(c -> assertThat(c).isEqualTo(1));
  }

  /**
   * Deliveries from several threads at once all arrive, each once.
   *
   * @throws Exception when a delivery thread fails
   */
  @Test
  public void deliversConcurrently() throws Exception {
    Notifier notifier = notifier();
    List<Notification> all = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      all.add(notification(NotificationPriority.LOW));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<DeliveryReport>> futures = new ArrayList<>();
      for (Notification n : all) {
        futures.add(pool.submit(() -> notifier.deliver(n)));
      }
      for (Future<DeliveryReport> f : futures) {
        assertThat(f.get().delivered()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    for (Notification n : all) {
      deliveriesSeen(n.id()).ifPresent(c -> assertThat(c).as(n.id()).isEqualTo(1));
    }
  }

  /** Health names a component and has a status. */
  @Test
  public void reportsHealth() {
    Notifier notifier = notifier();
    notifier.deliver(notification(NotificationPriority.NORMAL));

    Health health = notifier.health();

    assertThat(health.component()).isNotBlank();
    assertThat(health.status()).isNotNull();
  }

  /** Close is idempotent; afterwards deliveries are refused without an exception. */
  @Test
  public void closeIsIdempotentAndRefusesNewNotifications() {
    Notifier notifier = notifier();
    notifier.close();
    assertThatCode(notifier::close).doesNotThrowAnyException();
    Notification n = notification(NotificationPriority.NORMAL);

    DeliveryReport report = notifier.deliver(n);

    assertThat(report.notificationId()).isEqualTo(n.id());
    assertThat(report.delivered()).isFalse();
    deliveriesSeen(n.id()).ifPresent(c -> assertThat(c).isZero());
  }

  /** A failing channel never throws, never reports delivery, and dead-letters exactly once. */
  @Test
  public void failingChannelDeadLettersExactlyOnce() {
    CountingDeadLetterSink sink = new CountingDeadLetterSink();
    Optional<Notifier> failing = createFailingNotifier(sink);
    Assumptions.assumeTrue(failing.isPresent(), "no failing notifier: skipping failure contract");
    Notifier notifier = failing.get();
    created.add(notifier);
    Notification n = notification(NotificationPriority.HIGH);

    DeliveryReport first = notifier.deliver(n);
    DeliveryReport again = notifier.deliver(n);

    assertThat(first.delivered()).isFalse();
    assertThat(first.status()).isEqualTo(DeliveryReport.Status.DEAD_LETTERED);
    assertThat(first.error()).isPresent();
    assertThat(again.delivered()).isFalse();
    assertThat(sink.deadLettered(n.id())).isEqualTo(1);
  }

  /**
   * A thread-safe dead-letter sink that counts what it is given; dead letters stay pending until
   * resolved as delivered or failed.
   */
  public static final class CountingDeadLetterSink implements DeadLetterSink {
    private final List<DeadLetter> pending = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();

    /** An empty sink. */
    public CountingDeadLetterSink() {}

    @Override
    public synchronized void deadLetter(Notification notification, DeliveryReport report) {
      ids.add(notification.id());
      pending.add(
          new DeadLetter.Builder()
              .notification(notification)
              .addAttempt(report)
              .since(report.at())
              .build());
    }

    @Override
    public synchronized List<DeadLetter> pending() {
      return List.copyOf(pending);
    }

    @Override
    public synchronized void resolve(String notificationId, DeliveryReport report) {
      if (report.status() == DeliveryReport.Status.DELIVERED
          || report.status() == DeliveryReport.Status.FAILED) {
        pending.removeIf(
            d ->
                d.notification().id().equals(notificationId)
                    && d.attempts().get(0).channel().equals(report.channel()));
      }
    }

    /**
     * How many times a notification was dead-lettered.
     *
     * @param notificationId the id
     * @return the count
     */
    public synchronized long deadLettered(String notificationId) {
      return ids.stream().filter(notificationId::equals).count();
    }
  }
}
