package io.github.mmsdk.testkit.notify;

import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.health.HealthStatus;
import io.github.mmsdk.api.notify.DeadLetterSink;
import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.notify.Notifier;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link Notifier} for tests that records what it delivered and can be told to fail. Thread-safe.
 *
 * <p>It follows the {@code Notifier} contract: each notification id is delivered at most once (a
 * repeat is {@code SKIPPED}); a failed delivery goes to the dead-letter sink when one is given
 * ({@code DEAD_LETTERED}) and is {@code FAILED} otherwise; after {@link #close()} nothing is
 * delivered. Report times come from the clock, or are the notification's {@code createdAt} when no
 * clock is given.
 *
 * <pre>{@code
 * RecordingNotifier notifier = new RecordingNotifier();
 * notifier.failNext(1);
 * facade.runCycle(...);
 * assertThat(notifier.delivered()).extracting(Notification::kind).containsExactly(Kind.EXIT_STATE);
 * }</pre>
 */
public final class RecordingNotifier implements Notifier {
  /** The channel name in reports. */
  public static final String CHANNEL = "recording";

  private final Clock clock;
  private final DeadLetterSink sink;
  private final List<Notification> delivered = new ArrayList<>();
  private final List<DeliveryReport> reports = new ArrayList<>();
  private final Set<String> deliveredIds = new HashSet<>();
  private final Set<String> deadLetteredIds = new HashSet<>();
  private int failuresToInject;
  private boolean failAlways;
  private String failure = "injected failure";
  private int attempts;
  private boolean closed;

  /** A recording notifier without clock or dead-letter sink. */
  public RecordingNotifier() {
    this(null, null);
  }

  /**
   * A recording notifier.
   *
   * @param clock the clock for report times
   */
  public RecordingNotifier(Clock clock) {
    this(clock, null);
  }

  /**
   * A recording notifier that hands failed deliveries to a dead-letter sink.
   *
   * @param clock the clock for report times
   * @param sink the dead-letter sink
   */
  public RecordingNotifier(Clock clock, DeadLetterSink sink) {
    this.clock = clock;
    this.sink = sink;
  }

  /**
   * Makes the next deliveries fail.
   *
   * @param count how many deliveries fail, counted from now
   * @return this notifier
   */
  public synchronized RecordingNotifier failNext(int count) {
    this.failuresToInject = Math.max(0, count);
    return this;
  }

  /**
   * Makes every delivery fail until {@link #recover()}.
   *
   * @param error the error the reports carry
   * @return this notifier
   */
  public synchronized RecordingNotifier failAlways(String error) {
    this.failAlways = true;
    this.failure = error;
    return this;
  }

  /**
   * Stops injecting failures.
   *
   * @return this notifier
   */
  public synchronized RecordingNotifier recover() {
    this.failAlways = false;
    this.failuresToInject = 0;
    return this;
  }

  @Override
  public DeliveryReport deliver(Notification n) {
    DeliveryReport report;
    boolean deadLetter = false;
    synchronized (this) {
      Instant at = clock == null ? n.createdAt() : clock.instant();
      if (closed) {
        report = report(n, DeliveryReport.Status.SKIPPED, 0, at, "notifier closed");
      } else if (deliveredIds.contains(n.id()) || deadLetteredIds.contains(n.id())) {
        report = report(n, DeliveryReport.Status.SKIPPED, 0, at, "duplicate: " + n.id());
      } else {
        attempts++;
        if (failAlways || failuresToInject > 0) {
          if (failuresToInject > 0) {
            failuresToInject--;
          }
          deadLetter = sink != null;
          report =
              report(
                  n,
                  deadLetter ? DeliveryReport.Status.DEAD_LETTERED : DeliveryReport.Status.FAILED,
                  1,
                  at,
                  failure);
          if (deadLetter) {
            deadLetteredIds.add(n.id());
          }
        } else {
          deliveredIds.add(n.id());
          delivered.add(n);
          report = Notifier.delivered(n, CHANNEL, 1, at);
        }
      }
      reports.add(report);
    }
    if (deadLetter) {
      sink.deadLetter(n, report);
    }
    return report;
  }

  private static DeliveryReport report(
      Notification n, DeliveryReport.Status status, int attempts, Instant at, String error) {
    return new DeliveryReport.Builder()
        .notificationId(n.id())
        .channel(CHANNEL)
        .status(status)
        .attempts(attempts)
        .at(at)
        .error(error)
        .build();
  }

  /** {@return the notifications delivered, in order} */
  public synchronized List<Notification> delivered() {
    return List.copyOf(delivered);
  }

  /**
   * How many times a notification was delivered (0 or 1).
   *
   * @param notificationId the id
   * @return the count
   */
  public synchronized long deliveries(String notificationId) {
    return delivered.stream().filter(n -> n.id().equals(notificationId)).count();
  }

  /** {@return the last notification delivered} */
  public synchronized Optional<Notification> last() {
    return delivered.isEmpty()
        ? Optional.empty()
        : Optional.of(delivered.get(delivered.size() - 1));
  }

  /** {@return every report returned, in order} */
  public synchronized List<DeliveryReport> reports() {
    return List.copyOf(reports);
  }

  /** {@return the delivery attempts made (duplicates and calls after close not counted)} */
  public synchronized int attempts() {
    return attempts;
  }

  /** Forgets everything recorded (not the failure settings). */
  public synchronized void clear() {
    delivered.clear();
    reports.clear();
    deliveredIds.clear();
    deadLetteredIds.clear();
    attempts = 0;
  }

  @Override
  public synchronized Health health() {
    HealthStatus status =
        closed ? HealthStatus.DOWN : failAlways ? HealthStatus.DEGRADED : HealthStatus.UP;
    return new Health.Builder()
        .component("notifier:" + CHANNEL)
        .status(status)
        .putDetail("delivered", Integer.toString(delivered.size()))
        .build();
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "RecordingNotifier";
  }
}
