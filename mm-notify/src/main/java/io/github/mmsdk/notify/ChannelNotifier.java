package io.github.mmsdk.notify;

import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.notify.DeadLetterSink;
import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.notify.internal.Attempt;
import io.github.mmsdk.notify.internal.ChannelDelivery;
import io.github.mmsdk.notify.internal.Http;
import io.github.mmsdk.notify.internal.Redactor;
import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * What the HTTP notifiers share (not API): the channel's {@link Http} access and the {@link
 * ChannelDelivery} engine built from a {@link DeliveryPolicy}, with delivery, dead-letter retry,
 * health and close delegated to it. A subclass makes one attempt in {@link #send} and may watch
 * successful deliveries in {@link #delivered}.
 */
abstract class ChannelNotifier implements DurableNotifier {
  /** The clock for reports and timestamps. */
  final Clock clock;

  /** Removes the channel's secrets from error texts. */
  final Redactor redactor;

  /** The channel's HTTP access. */
  final Http http;

  private final String channel;
  private final ChannelDelivery delivery;

  /**
   * Sets up the HTTP access and the delivery engine.
   *
   * @param channel the channel name, e.g. {@code slack}
   * @param policy timeouts, retries and dead-letter handling
   * @param redactor removes the channel's secrets from error texts
   * @param clock the clock
   * @param sink where undeliverable notifications go; {@code null} for an {@link
   *     InMemoryDeadLetterSink}
   */
  ChannelNotifier(
      String channel, DeliveryPolicy policy, Redactor redactor, Clock clock, DeadLetterSink sink) {
    this.channel = channel;
    this.clock = clock;
    this.redactor = redactor;
    this.http = new Http(policy.connectTimeout(), policy.requestTimeout(), redactor);
    this.delivery =
        new ChannelDelivery(
            channel,
            policy.maxAttempts(),
            policy.initialBackoff(),
            policy.maxBackoff(),
            policy.deadLetterMaxAge(),
            policy.drainTimeout(),
            sink != null ? sink : new InMemoryDeadLetterSink(clock),
            clock,
            redactor,
            this::send,
            this::delivered);
  }

  /**
   * Makes one delivery attempt.
   *
   * @param n the notification
   * @return the outcome
   * @throws IOException on a network failure (retried)
   * @throws InterruptedException when interrupted
   */
  abstract Attempt send(Notification n) throws IOException, InterruptedException;

  /**
   * Called after each successful delivery (also of a dead letter); does nothing by default.
   *
   * @param n the notification
   * @param report its delivery report
   */
  void delivered(Notification n, DeliveryReport report) {}

  @Override
  public DeliveryReport deliver(Notification notification) {
    return delivery.deliver(notification);
  }

  @Override
  public List<DeliveryReport> retryDeadLetters() {
    return delivery.retryDeadLetters();
  }

  @Override
  public Health health() {
    return delivery.health("notifier:" + channel);
  }

  @Override
  public void close() {
    delivery.close();
  }
}
