package io.github.mmsdk.api.exchange;

/** A failure that retrying will not fix: a bad request, an unknown symbol, a malformed answer. */
public class PermanentExchangeException extends ExchangeException {
  private static final long serialVersionUID = 1L;

  /** The code of the failure, also in the message. */
  private final String code;

  /**
   * Creates the exception.
   *
   * @param venue the exchange id
   * @param operation the operation that failed
   * @param code the exchange's error code or HTTP status, e.g. {@code 400100}
   * @param message what went wrong
   * @param cause the underlying failure, or {@code null}
   */
  public PermanentExchangeException(
      String venue, String operation, String code, String message, Throwable cause) {
    super(venue, operation, "[" + code + "] " + message, cause);
    this.code = code;
  }

  /** {@return the exchange's error code or HTTP status} */
  public String code() {
    return code;
  }
}
