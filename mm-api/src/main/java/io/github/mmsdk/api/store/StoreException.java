package io.github.mmsdk.api.store;

import io.github.mmsdk.api.MarketMakerException;

/** The store could not read or write. */
public class StoreException extends MarketMakerException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   * @param cause the underlying failure, or {@code null}
   */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
