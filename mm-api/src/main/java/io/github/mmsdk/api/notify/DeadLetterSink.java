package io.github.mmsdk.api.notify;

import java.util.List;

/**
 * Keeps undelivered notifications until they are delivered or expire, so nothing is silently
 * dropped. A store implements it durably; implementations are thread-safe.
 *
 * <p>A dead letter is identified by the notification's id together with the channel of its report
 * ({@link DeliveryReport#channel()}): one notification may wait on several channels. A retry whose
 * report is {@code DELIVERED} or {@code FAILED} (expired) ends the dead letter; a {@code
 * DEAD_LETTERED} report records one more failed attempt and keeps it pending.
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
   * @param report the outcome of the retry, naming the channel
   */
  void resolve(String notificationId, DeliveryReport report);
}
