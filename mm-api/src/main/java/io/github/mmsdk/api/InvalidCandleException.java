package io.github.mmsdk.api;

/**
 * A candle breaks an OHLC invariant, or a series of candles is out of order.
 *
 * <p>{@link #index()} names the first bad candle in its series ({@code -1} for a lone candle).
 */
public class InvalidCandleException extends MarketMakerException {
  private static final long serialVersionUID = 1L;

  /** The index of the failure, also in the message. */
  private final int index;

  /** The field of the failure, also in the message. */
  private final String field;

  /**
   * Creates the exception.
   *
   * @param index the index of the first bad candle in its series, or -1 for a lone candle
   * @param field the field that breaks the invariant, e.g. {@code "high"} or {@code "openTime"}
   * @param problem what is wrong, for humans
   */
  public InvalidCandleException(int index, String field, String problem) {
    super(
        (index >= 0 ? "invalid candle at index " + index : "invalid candle")
            + ": "
            + field
            + " "
            + problem);
    this.index = index;
    this.field = field;
  }

  /**
   * The index of the first bad candle in its series.
   *
   * @return the index, or -1 for a lone candle
   */
  public int index() {
    return index;
  }

  /**
   * The field that breaks the invariant.
   *
   * @return the field name
   */
  public String field() {
    return field;
  }
}
