package io.github.mmsdk.api.notify;

import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.health.HealthReporting;
import java.time.Instant;

/**
 * Delivers notifications to the operator.
 *
 * <p>Implementations are thread-safe, never throw for a failed delivery (the report says what
 * happened), deliver each notification at most once per channel (its id is the idempotency key),
 * and hand what they could not deliver to a {@link DeadLetterSink} when one is wired. {@link
 * #close()} drains: no new notifications, in-flight deliveries finish.
 */
public interface Notifier extends HealthReporting, AutoCloseable {

  /**
   * Delivers a notification, retrying transient failures.
   *
   * @param notification the notification
   * @return what happened
   */
  DeliveryReport deliver(Notification notification);

  /** Drains and closes. */
  @Override
  default void close() {}

  /** {@return a notifier that delivers nothing and reports every notification as skipped} */
  static Notifier noop() {
    return new Notifier() {
      @Override
      public DeliveryReport deliver(Notification n) {
        return new DeliveryReport.Builder()
            .notificationId(n.id())
            .channel("noop")
            .status(DeliveryReport.Status.SKIPPED)
            .attempts(0)
            .at(n.createdAt())
            .build();
      }

      @Override
      public Health health() {
        return Health.up("notifier:noop");
      }

      @Override
      public String toString() {
        return "Notifier.noop()";
      }
    };
  }

  /**
   * A report of a successful delivery, for implementations.
   *
   * @param n the notification
   * @param channel the channel
   * @param attempts how many attempts it took
   * @param at when
   * @return the report
   */
  static DeliveryReport delivered(Notification n, String channel, int attempts, Instant at) {
    return new DeliveryReport.Builder()
        .notificationId(n.id())
        .channel(channel)
        .status(DeliveryReport.Status.DELIVERED)
        .attempts(attempts)
        .at(at)
        .build();
  }
}
