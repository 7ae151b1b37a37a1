package io.github.mmsdk.api.notify;

import java.util.List;

/**
 * Keeps undelivered notifications until they are delivered or expire, so nothing is silently
 * dropped. A store implements it durably; implementations are thread-safe.
 */
public interface DeadLetterSink {

  /**
   * Keeps a notification that could not be delivered.
   *
   * @param notification the notification
   * @param report the last failed delivery
   */
  void deadLetter(Notification notification, DeliveryReport report);

  /** {@return the notifications waiting for another attempt, oldest first} */
  List<DeadLetter> pending();

  /**
   * Records the outcome of a retried dead letter; a delivered or expired one stops being pending.
   *
   * @param notificationId the notification's id
   * @param report the outcome of the retry
   */
  void resolve(String notificationId, DeliveryReport report);
}
