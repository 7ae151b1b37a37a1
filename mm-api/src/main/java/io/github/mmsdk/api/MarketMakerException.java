package io.github.mmsdk.api;

/**
 * Root of every exception the SDK throws from its public API.
 *
 * <p>Unchecked, like the exceptions of the model libraries: callers decide where to handle a
 * failure. Subclasses carry the facts of the failure as fields, not only as text.
 */
public class MarketMakerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, for humans
   */
  public MarketMakerException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong, for humans
   * @param cause the underlying failure
   */
  public MarketMakerException(String message, Throwable cause) {
    super(message, cause);
  }
}
