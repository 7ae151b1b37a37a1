package io.github.mmsdk.notify;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.notify.internal.NotifyValue;
import java.time.Duration;
import org.immutables.value.Value;

/**
 * How a channel delivers: timeouts, retries with exponential backoff, and how long a dead letter is
 * retried before it expires. Defaults follow seed 001 (3 attempts, backoff 1 s doubling to 10 s).
 */
@NotifyValue
@Value.Immutable
public abstract class DeliveryPolicy {

  DeliveryPolicy() {}

  /** {@return the timeout of one HTTP request, response included; default 10 s} */
  @Value.Default
  public Duration requestTimeout() {
    return Duration.ofSeconds(10);
  }

  /** {@return the TCP connect timeout; default 5 s} */
  @Value.Default
  public Duration connectTimeout() {
    return Duration.ofSeconds(5);
  }

  /** {@return the attempts per delivery, first one included; default 3} */
  @Value.Default
  public int maxAttempts() {
    return 3;
  }

  /** {@return the delay before the first retry; default 1 s} */
  @Value.Default
  public Duration initialBackoff() {
    return Duration.ofSeconds(1);
  }

  /** {@return the largest delay between retries; default 10 s} */
  @Value.Default
  public Duration maxBackoff() {
    return Duration.ofSeconds(10);
  }

  /** {@return how long a dead letter is retried before it expires; default 24 h} */
  @Value.Default
  public Duration deadLetterMaxAge() {
    return Duration.ofHours(24);
  }

  /** {@return how long {@code close()} waits for in-flight deliveries; default 30 s} */
  @Value.Default
  public Duration drainTimeout() {
    return Duration.ofSeconds(30);
  }

  @Value.Check
  void check() {
    positive(requestTimeout(), "delivery.request_timeout");
    positive(connectTimeout(), "delivery.connect_timeout");
    positive(deadLetterMaxAge(), "delivery.dead_letter_max_age");
    if (maxAttempts() < 1 || maxAttempts() > 10) {
      throw new InvalidConfigurationException(
          "delivery.max_attempts", "must be in [1, 10], was " + maxAttempts());
    }
    if (initialBackoff().isNegative() || maxBackoff().compareTo(initialBackoff()) < 0) {
      throw new InvalidConfigurationException(
          "delivery.max_backoff", "must be at least initial_backoff, which must be >= 0");
    }
    if (drainTimeout().isNegative()) {
      throw new InvalidConfigurationException("delivery.drain_timeout", "must be >= 0");
    }
  }

  private static void positive(Duration d, String key) {
    if (d.isNegative() || d.isZero()) {
      throw new InvalidConfigurationException(key, "must be positive, was " + d);
    }
  }

  /** {@return the default policy} */
  public static DeliveryPolicy defaults() {
    return new Builder().build();
  }

  /** Builds a {@link DeliveryPolicy}. */
  public static final class Builder extends ImmutableDeliveryPolicy.Builder {
    /** Creates a builder with the defaults. */
    public Builder() {}
  }
}
