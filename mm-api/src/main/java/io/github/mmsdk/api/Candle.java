package io.github.mmsdk.api;

import io.github.mmsdk.api.internal.MmValue;
import java.time.Instant;
import org.immutables.value.Value;

/**
 * One OHLCV candle, identified by its open time.
 *
 * <p>Prices are {@code double}: an exchange's decimal strings of up to 15 significant digits
 * convert to a {@code double} and print back to the same text, so nothing is lost at the edges, and
 * the metric math stays primitive. Volume is in the base currency. Construction validates that
 * every price is finite and positive, volume finite and non-negative, {@code high >= max(open,
 * close)} and {@code low <= min(open, close)}.
 */
@MmValue
@Value.Immutable
public abstract class Candle {

  Candle() {}

  /** {@return the open time (UTC)} */
  public abstract Instant openTime();

  /** {@return the first traded price} */
  public abstract double open();

  /** {@return the highest traded price} */
  public abstract double high();

  /** {@return the lowest traded price} */
  public abstract double low();

  /** {@return the last traded price} */
  public abstract double close();

  /** {@return the traded volume, in the base currency} */
  public abstract double volume();

  /**
   * Creates a candle.
   *
   * @param openTime the open time
   * @param open the open price
   * @param high the high price
   * @param low the low price
   * @param close the close price
   * @param volume the base volume
   * @return the candle
   * @throws InvalidCandleException when an OHLC invariant is broken
   */
  public static Candle of(
      Instant openTime, double open, double high, double low, double close, double volume) {
    return new Builder()
        .openTime(openTime)
        .open(open)
        .high(high)
        .low(low)
        .close(close)
        .volume(volume)
        .build();
  }

  @Value.Check
  void check() {
    CandleChecks.check(-1, open(), high(), low(), close(), volume());
  }

  /** Builds a {@link Candle}; {@code new Candle.Builder()}. */
  public static final class Builder extends ImmutableCandle.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
