package io.github.mmsdk.notify;

import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notifier;
import java.util.List;

/**
 * A notifier whose undelivered notifications wait in a {@link
 * io.github.mmsdk.api.notify.DeadLetterSink} and are retried on the next cycle until delivered or
 * expired.
 */
public interface DurableNotifier extends Notifier {

  /**
   * Retries, once each, the pending dead letters of this notifier's channel(s); expires the ones
   * older than {@link DeliveryPolicy#deadLetterMaxAge()}. Every outcome is recorded in the sink.
   * Also runs by itself after a successful delivery when dead letters are pending. Never throws.
   *
   * @return the outcome of each dead letter retried or expired
   */
  List<DeliveryReport> retryDeadLetters();
}
