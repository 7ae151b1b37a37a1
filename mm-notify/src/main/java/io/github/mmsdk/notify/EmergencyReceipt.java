package io.github.mmsdk.notify;

import io.github.mmsdk.notify.internal.NotifyValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What became of a Pushover emergency notification: whether and when the operator acknowledged it
 * (the exit response time KPI reads {@link #responseTime()}), or whether it expired unanswered.
 */
@NotifyValue
@Value.Immutable
public abstract class EmergencyReceipt {

  EmergencyReceipt() {}

  /** {@return the notification's id} */
  public abstract String notificationId();

  /** {@return Pushover's receipt} */
  public abstract String receipt();

  /** {@return when the notification was delivered to Pushover} */
  public abstract Instant sentAt();

  /** {@return whether the operator acknowledged it} */
  @Value.Default
  public boolean acknowledged() {
    return false;
  }

  /** {@return when the operator acknowledged it} */
  public abstract Optional<Instant> acknowledgedAt();

  /** {@return the device it was acknowledged on} */
  public abstract Optional<String> acknowledgedByDevice();

  /** {@return whether it stopped repeating without acknowledgement} */
  @Value.Default
  public boolean expired() {
    return false;
  }

  /** {@return when it stops (or stopped) repeating, as Pushover reported} */
  public abstract Optional<Instant> expiresAt();

  /** {@return when the receipt was last polled} */
  public abstract Optional<Instant> lastCheckedAt();

  /** {@return whether the receipt has reached its final state (acknowledged or expired)} */
  public boolean resolved() {
    return acknowledged() || expired();
  }

  /** {@return the time from delivery to acknowledgement, when acknowledged} */
  public Optional<Duration> responseTime() {
    return acknowledgedAt().map(a -> Duration.between(sentAt(), a));
  }

  /** Builds an {@link EmergencyReceipt}. */
  public static final class Builder extends ImmutableEmergencyReceipt.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
