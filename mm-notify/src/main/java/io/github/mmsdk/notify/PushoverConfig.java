package io.github.mmsdk.notify;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Secret;
import io.github.mmsdk.notify.internal.NotifyValue;
import io.github.mmsdk.notify.internal.UrlPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Configuration of the {@link PushoverNotifier}. The token and user key come from the environment
 * and are never logged.
 */
@NotifyValue
@Value.Immutable
public abstract class PushoverConfig {

  PushoverConfig() {}

  /** {@return the application API token} */
  public abstract Secret token();

  /** {@return the user (or group) key} */
  public abstract Secret userKey();

  /** {@return the API base URL; default {@code https://api.pushover.net}} */
  @Value.Default
  public URI baseUri() {
    return URI.create("https://api.pushover.net");
  }

  /** {@return how often an emergency notification repeats until acknowledged; at least 30 s} */
  @Value.Default
  public Duration emergencyRetry() {
    return Duration.ofSeconds(60);
  }

  /** {@return how long an emergency notification keeps repeating; at most 3 h} */
  @Value.Default
  public Duration emergencyExpire() {
    return Duration.ofHours(1);
  }

  /** {@return whether the message is sent as Pushover HTML; default off (plain text)} */
  @Value.Default
  public boolean html() {
    return false;
  }

  /** {@return the device to send to; all of the user's devices when empty} */
  public abstract Optional<String> device();

  /** {@return how often pending emergency receipts are polled; at least 5 s, default 60 s} */
  @Value.Default
  public Duration receiptPollInterval() {
    return Duration.ofSeconds(60);
  }

  /** {@return timeouts, retries and dead-letter expiry} */
  @Value.Default
  public DeliveryPolicy delivery() {
    return DeliveryPolicy.defaults();
  }

  @Value.Check
  void check() {
    if (token().reveal().isBlank()) {
      throw new InvalidConfigurationException("notifications.pushover.token", "must not be blank");
    }
    if (userKey().reveal().isBlank()) {
      throw new InvalidConfigurationException(
          "notifications.pushover.user_key", "must not be blank");
    }
    UrlPolicy.requireAllowed(baseUri(), "notifications.pushover.url");
    if (emergencyRetry().compareTo(Duration.ofSeconds(30)) < 0) {
      throw new InvalidConfigurationException(
          "notifications.pushover.emergency_retry", "must be at least 30 s (Pushover's minimum)");
    }
    if (emergencyExpire().compareTo(Duration.ofHours(3)) > 0
        || emergencyExpire().compareTo(emergencyRetry()) < 0) {
      throw new InvalidConfigurationException(
          "notifications.pushover.emergency_expire",
          "must be between emergency_retry and 3 h (Pushover's maximum)");
    }
    if (receiptPollInterval().compareTo(Duration.ofSeconds(5)) < 0) {
      throw new InvalidConfigurationException(
          "notifications.pushover.receipt_poll_interval",
          "must be at least 5 s (Pushover asks for no faster polling)");
    }
  }

  /** Builds a {@link PushoverConfig}. */
  public static final class Builder extends ImmutablePushoverConfig.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
