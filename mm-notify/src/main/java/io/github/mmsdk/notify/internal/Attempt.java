package io.github.mmsdk.notify.internal;

import java.time.Duration;
import java.util.Optional;

/** The outcome of one delivery attempt on one channel. */
public final class Attempt {
  private final boolean ok;
  private final boolean retryable;
  private final int statusCode;
  private final String error;
  private final String receipt;
  private final Duration retryAfter;

  private Attempt(boolean ok, boolean retryable, int statusCode, String error, String receipt) {
    this(ok, retryable, statusCode, error, receipt, null);
  }

  private Attempt(
      boolean ok,
      boolean retryable,
      int statusCode,
      String error,
      String receipt,
      Duration retryAfter) {
    this.retryAfter = retryAfter;
    this.ok = ok;
    this.retryable = retryable;
    this.statusCode = statusCode;
    this.error = error;
    this.receipt = receipt;
  }

  /**
   * A successful attempt.
   *
   * @param statusCode the HTTP status (0 when not HTTP)
   * @param receipt the channel's receipt, or {@code null}
   * @return the attempt
   */
  public static Attempt ok(int statusCode, String receipt) {
    return new Attempt(true, false, statusCode, null, receipt);
  }

  /**
   * A failed attempt, classified from its HTTP status: 429 and 5xx are transient (retried), other
   * statuses permanent.
   *
   * @param statusCode the HTTP status
   * @param error what went wrong, without secrets
   * @return the attempt
   */
  public static Attempt httpFailure(int statusCode, String error) {
    return httpFailure(statusCode, error, Optional.empty());
  }

  /**
   * A failed attempt classified from its HTTP status, with the server's {@code Retry-After}.
   *
   * @param statusCode the HTTP status
   * @param error what went wrong, without secrets
   * @param retryAfter how long the server asked to wait, when it did
   * @return the attempt
   */
  public static Attempt httpFailure(int statusCode, String error, Optional<Duration> retryAfter) {
    boolean retryable = statusCode == 429 || statusCode >= 500;
    return new Attempt(false, retryable, statusCode, error, null, retryAfter.orElse(null));
  }

  /** {@return how long the server asked to wait before the next attempt} */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /**
   * A failed attempt that is never retried (the channel refused the content).
   *
   * @param statusCode the HTTP status
   * @param error what went wrong, without secrets
   * @return the attempt
   */
  public static Attempt permanentFailure(int statusCode, String error) {
    return new Attempt(false, false, statusCode, error, null);
  }

  /**
   * A failed attempt that did not get a response (timeout, reset, refused), always transient.
   *
   * @param error what went wrong, without secrets
   * @return the attempt
   */
  public static Attempt networkFailure(String error) {
    return new Attempt(false, true, 0, error, null);
  }

  /** {@return whether the channel accepted the notification} */
  public boolean ok() {
    return ok;
  }

  /** {@return whether another attempt may succeed} */
  public boolean retryable() {
    return retryable;
  }

  /** {@return the HTTP status, 0 when there was no response} */
  public int statusCode() {
    return statusCode;
  }

  /** {@return what went wrong} */
  public Optional<String> error() {
    return Optional.ofNullable(error);
  }

  /** {@return the channel's receipt} */
  public Optional<String> receipt() {
    return Optional.ofNullable(receipt);
  }
}
