package io.github.mmsdk.api.exchange;

/** The exchange rejected the credentials: wrong key, signature, passphrase or timestamp. */
public class AuthenticationException extends PermanentExchangeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param venue the exchange id
   * @param operation the operation that failed
   * @param code the exchange's error code
   * @param message what went wrong; never the credentials
   */
  public AuthenticationException(String venue, String operation, String code, String message) {
    super(venue, operation, code, message, null);
  }
}
