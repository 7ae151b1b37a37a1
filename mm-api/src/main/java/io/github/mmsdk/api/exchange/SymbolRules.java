package io.github.mmsdk.api.exchange;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.internal.MmValue;
import java.math.BigDecimal;
import org.immutables.value.Value;

/** An exchange's trading rules for one pair: minimum sizes and increments. */
@MmValue
@Value.Immutable
public abstract class SymbolRules {

  SymbolRules() {}

  /** {@return the pair} */
  public abstract Symbol symbol();

  /** {@return the smallest order size, in the base currency} */
  public abstract BigDecimal baseMinSize();

  /** {@return the step of order sizes, in the base currency} */
  public abstract BigDecimal baseIncrement();

  /** {@return the smallest order value, in the quote currency} */
  public abstract BigDecimal quoteMinSize();

  /** {@return the step of prices, in the quote currency} */
  public abstract BigDecimal priceIncrement();

  /** {@return whether the pair is open for trading} */
  @Value.Default
  public boolean tradingEnabled() {
    return true;
  }

  /** Builds a {@link SymbolRules}. */
  public static final class Builder extends ImmutableSymbolRules.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
