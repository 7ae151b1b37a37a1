package io.github.mmsdk.notify;

import io.github.mmsdk.api.notify.DeadLetter;
import io.github.mmsdk.api.notify.DeadLetterSink;
import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notification;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter sink used when no store is wired: keeps dead letters in memory and logs each one
 * at WARN (notification id, channel, attempts, error), so nothing is silently dropped. Not durable
 * across restarts; wire a store's sink for that. Thread-safe.
 *
 * <p>Dead letters are keyed by notification id and channel, so one notification that failed on two
 * channels waits twice. {@link #resolve} ends a dead letter when the report is {@code DELIVERED} or
 * {@code FAILED} (expired); any other report is appended as a further attempt.
 */
public final class InMemoryDeadLetterSink implements DeadLetterSink {
  private static final Logger LOG = LoggerFactory.getLogger(InMemoryDeadLetterSink.class);

  private final Clock clock;
  private final Map<String, DeadLetter> pending = new LinkedHashMap<>();
  private final List<DeadLetter> resolved = new ArrayList<>();

  /**
   * Creates an empty sink.
   *
   * @param clock the clock that stamps {@link DeadLetter#since()}
   */
  public InMemoryDeadLetterSink(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void deadLetter(Notification notification, DeliveryReport report) {
    String key = key(notification.id(), report.channel());
    DeadLetter existing = pending.get(key);
    DeadLetter next =
        existing == null
            ? new DeadLetter.Builder()
                .notification(notification)
                .addAttempt(report)
                .since(clock.instant())
                .build()
            : new DeadLetter.Builder()
                .notification(existing.notification())
                .addAllAttempts(existing.attempts())
                .addAttempt(report)
                .since(existing.since())
                .build();
    pending.put(key, next);
    LOG.warn(
        "dead letter kept notification_id={} channel={} kind={} priority={} attempts={} error={}",
        notification.id(),
        report.channel(),
        notification.kind(),
        notification.priority(),
        report.attempts(),
        report.error().orElse(""));
  }

  @Override
  public synchronized List<DeadLetter> pending() {
    return List.copyOf(pending.values());
  }

  @Override
  public synchronized void resolve(String notificationId, DeliveryReport report) {
    String key = key(notificationId, report.channel());
    DeadLetter existing = pending.get(key);
    if (existing == null) {
      return;
    }
    DeadLetter next =
        new DeadLetter.Builder()
            .notification(existing.notification())
            .addAllAttempts(existing.attempts())
            .addAttempt(report)
            .since(existing.since())
            .build();
    if (report.status() == DeliveryReport.Status.DELIVERED
        || report.status() == DeliveryReport.Status.FAILED) {
      pending.remove(key);
      resolved.add(next);
    } else {
      pending.put(key, next);
    }
  }

  /** {@return the dead letters that were delivered or expired, with all their attempts} */
  public synchronized List<DeadLetter> resolved() {
    return List.copyOf(resolved);
  }

  private static String key(String id, String channel) {
    return channel + '\u0000' + id;
  }
}
