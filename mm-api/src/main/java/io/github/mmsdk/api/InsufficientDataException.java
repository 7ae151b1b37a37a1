package io.github.mmsdk.api;

/**
 * Too little data to compute a result: too few candles for a metric's warm-up, or fewer metrics
 * available than a decision needs.
 */
public class InsufficientDataException extends MarketMakerException {
  private static final long serialVersionUID = 1L;

  /** The what of the failure, also in the message. */
  private final String what;

  /** The required of the failure, also in the message. */
  private final int required;

  /** The available of the failure, also in the message. */
  private final int available;

  /**
   * Creates the exception.
   *
   * @param what what was short, e.g. {@code "1h candles"} or {@code "regime metrics"}
   * @param required how many were needed
   * @param available how many there were
   */
  public InsufficientDataException(String what, int required, int available) {
    super("insufficient " + what + ": " + available + " available, " + required + " required");
    this.what = what;
    this.required = required;
    this.available = available;
  }

  /**
   * What was short.
   *
   * @return a short noun phrase
   */
  public String what() {
    return what;
  }

  /**
   * How many were needed.
   *
   * @return the required count
   */
  public int required() {
    return required;
  }

  /**
   * How many there were.
   *
   * @return the available count
   */
  public int available() {
    return available;
  }
}
