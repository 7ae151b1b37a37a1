package io.github.mmsdk.api.exchange;

import java.time.Duration;
import java.util.Optional;

/** A failure that may go away: network errors, 5xx, timeouts, an open circuit breaker. */
public class TransientExchangeException extends ExchangeException {
  private static final long serialVersionUID = 1L;

  /** The retryAfter of the failure, also in the message. */
  private final transient Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param venue the exchange id
   * @param operation the operation that failed
   * @param message what went wrong
   * @param retryAfter how long to wait before retrying, or {@code null} when unknown
   * @param cause the underlying failure, or {@code null}
   */
  public TransientExchangeException(
      String venue, String operation, String message, Duration retryAfter, Throwable cause) {
    super(venue, operation, message, cause);
    this.retryAfter = retryAfter;
  }

  /** {@return how long to wait before retrying, when the exchange or the circuit says} */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
