package io.github.mmsdk.api;

import java.util.Objects;

/**
 * A secret value (API key, secret, passphrase, token) whose {@link #toString()} never shows it.
 *
 * <p>Only {@link #reveal()} gives the value; call it at the point of use, never for logging.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  /**
   * Wraps a secret value.
   *
   * @param value the value
   * @return the secret
   */
  public static Secret of(String value) {
    return new Secret(value);
  }

  /** {@return the secret value; never log it} */
  public String reveal() {
    return value;
  }

  /** {@return whether the value is empty} */
  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret && ((Secret) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** {@return a fixed mask; the value is never printed} */
  @Override
  public String toString() {
    return "Secret[****]";
  }
}
