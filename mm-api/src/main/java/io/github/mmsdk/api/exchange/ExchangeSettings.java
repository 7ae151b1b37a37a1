package io.github.mmsdk.api.exchange;

import io.github.mmsdk.api.internal.MmValue;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** What an {@link ExchangeProvider} needs to create an exchange. */
@MmValue
@Value.Immutable
public abstract class ExchangeSettings {

  ExchangeSettings() {}

  /** {@return the REST base address; the exchange's public one when empty} */
  public abstract Optional<URI> baseUri();

  /** {@return the API credentials; public market data only when empty} */
  public abstract Optional<ApiCredentials> credentials();

  /** {@return the timeout of every call} */
  @Value.Default
  public Duration callTimeout() {
    return Duration.ofSeconds(10);
  }

  /** {@return adapter-specific options, e.g. {@code key_version=2}} */
  public abstract Map<String, String> options();

  /** {@return settings for public market data on the exchange's public address} */
  public static ExchangeSettings publicData() {
    return new Builder().build();
  }

  /** Builds an {@link ExchangeSettings}. */
  public static final class Builder extends ImmutableExchangeSettings.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
