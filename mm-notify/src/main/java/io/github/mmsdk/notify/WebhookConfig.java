package io.github.mmsdk.notify;

import io.github.mmsdk.api.Secret;
import io.github.mmsdk.notify.internal.NotifyValue;
import io.github.mmsdk.notify.internal.UrlPolicy;
import java.net.URI;
import org.immutables.value.Value;

/** Configuration of the {@link WebhookNotifier}. The secret is never logged. */
@NotifyValue
@Value.Immutable
public abstract class WebhookConfig {

  WebhookConfig() {}

  /** {@return the receiver's URL; HTTPS, or HTTP to a loopback host} */
  public abstract URI url();

  /** {@return the signing secret, {@code whsec_} followed by base64} */
  public abstract Secret secret();

  /** {@return timeouts, retries and dead-letter expiry} */
  @Value.Default
  public DeliveryPolicy delivery() {
    return DeliveryPolicy.defaults();
  }

  @Value.Check
  void check() {
    UrlPolicy.requireAllowed(url(), "notifications.webhook.url");
    WebhookVerifier.decodeSecret(secret());
  }

  /** Builds a {@link WebhookConfig}. */
  public static final class Builder extends ImmutableWebhookConfig.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
