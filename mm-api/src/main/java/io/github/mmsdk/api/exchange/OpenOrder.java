package io.github.mmsdk.api.exchange;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.internal.MmValue;
import java.math.BigDecimal;
import java.time.Instant;
import org.immutables.value.Value;

/** An order resting on the exchange. */
@MmValue
@Value.Immutable
public abstract class OpenOrder {

  OpenOrder() {}

  /** Which way an order trades. */
  public enum Side {
    /** Buys the base currency. */
    BUY,
    /** Sells the base currency. */
    SELL
  }

  /** {@return the exchange's order id} */
  public abstract String id();

  /** {@return the pair} */
  public abstract Symbol symbol();

  /** {@return the side} */
  public abstract Side side();

  /** {@return the limit price} */
  public abstract BigDecimal price();

  /** {@return the order size, in the base currency} */
  public abstract BigDecimal size();

  /** {@return the size already filled, in the base currency} */
  public abstract BigDecimal filledSize();

  /** {@return when the order was created} */
  public abstract Instant createdAt();

  /** Builds an {@link OpenOrder}. */
  public static final class Builder extends ImmutableOpenOrder.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
