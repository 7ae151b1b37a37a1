package io.github.mmsdk.notify;

import io.github.mmsdk.api.Secret;
import io.github.mmsdk.notify.internal.NotifyValue;
import io.github.mmsdk.notify.internal.UrlPolicy;
import java.net.URI;
import org.immutables.value.Value;

/**
 * Configuration of the {@link SlackNotifier}. The incoming-webhook URL is itself the credential, so
 * it is a {@link Secret} and never logged.
 */
@NotifyValue
@Value.Immutable
public abstract class SlackConfig {

  SlackConfig() {}

  /** {@return the incoming-webhook URL, {@code https://hooks.slack.com/services/…}} */
  public abstract Secret webhookUrl();

  /** {@return timeouts, retries and dead-letter expiry} */
  @Value.Default
  public DeliveryPolicy delivery() {
    return DeliveryPolicy.defaults();
  }

  /** {@return the parsed webhook URL; never log it (not an attribute, so not in toString)} */
  URI uri() {
    return UrlPolicy.parse(webhookUrl().reveal(), "notifications.slack.webhook_url");
  }

  @Value.Check
  void check() {
    uri();
  }

  /** Builds a {@link SlackConfig}. */
  public static final class Builder extends ImmutableSlackConfig.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
