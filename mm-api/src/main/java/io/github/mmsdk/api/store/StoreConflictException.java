package io.github.mmsdk.api.store;

/** Another writer changed the store first and the write could not be reconciled. */
public class StoreConflictException extends StoreException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what conflicted
   * @param cause the underlying failure, or {@code null}
   */
  public StoreConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
