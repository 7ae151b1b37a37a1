package io.github.mmsdk.api.exchange;

import io.github.mmsdk.api.Secret;
import io.github.mmsdk.api.internal.MmValue;
import org.immutables.value.Value;

/** An exchange API key with its secret and passphrase; {@code toString()} shows none of them. */
@MmValue
@Value.Immutable
public abstract class ApiCredentials {

  ApiCredentials() {}

  /** {@return the API key} */
  @Value.Parameter
  public abstract Secret key();

  /** {@return the API secret} */
  @Value.Parameter
  public abstract Secret secret();

  /** {@return the passphrase} */
  @Value.Parameter
  public abstract Secret passphrase();

  /**
   * Creates credentials.
   *
   * @param key the API key
   * @param secret the API secret
   * @param passphrase the passphrase
   * @return the credentials
   */
  public static ApiCredentials of(Secret key, Secret secret, Secret passphrase) {
    return ImmutableApiCredentials.of(key, secret, passphrase);
  }

  @Override
  public String toString() {
    return "ApiCredentials[****]";
  }
}
