package io.github.mmsdk.api.exchange;

import io.github.mmsdk.api.MarketMakerException;

/** An exchange could not do what was asked. Subclasses say whether and when to retry. */
public class ExchangeException extends MarketMakerException {
  private static final long serialVersionUID = 1L;

  /** The venue of the failure, also in the message. */
  private final String venue;

  /** The operation of the failure, also in the message. */
  private final String operation;

  /**
   * Creates the exception.
   *
   * @param venue the exchange id, e.g. {@code kucoin}
   * @param operation the operation that failed, e.g. {@code candles}
   * @param message what went wrong; never secrets
   * @param cause the underlying failure, or {@code null}
   */
  public ExchangeException(String venue, String operation, String message, Throwable cause) {
    super(venue + " " + operation + ": " + message, cause);
    this.venue = venue;
    this.operation = operation;
  }

  /** {@return the exchange id} */
  public String venue() {
    return venue;
  }

  /** {@return the operation that failed} */
  public String operation() {
    return operation;
  }
}
