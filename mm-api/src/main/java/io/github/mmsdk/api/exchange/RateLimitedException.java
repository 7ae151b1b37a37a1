package io.github.mmsdk.api.exchange;

import java.time.Duration;

/** The exchange refused a call for exceeding its rate limit (HTTP 429 or its own code). */
public class RateLimitedException extends TransientExchangeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param venue the exchange id
   * @param operation the operation that failed
   * @param message what went wrong
   * @param retryAfter when the limit resets, or {@code null} when unknown
   */
  public RateLimitedException(String venue, String operation, String message, Duration retryAfter) {
    super(venue, operation, message, retryAfter, null);
  }
}
