package io.github.mmsdk.api.exchange;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.internal.MmValue;
import java.math.BigDecimal;
import org.immutables.value.Value;

/** The account's fee rates for one pair, as fractions (0.001 is 0.1 %). */
@MmValue
@Value.Immutable
public abstract class FeeRates {

  FeeRates() {}

  /** {@return the pair} */
  @Value.Parameter
  public abstract Symbol symbol();

  /** {@return the maker fee rate} */
  @Value.Parameter
  public abstract BigDecimal maker();

  /** {@return the taker fee rate} */
  @Value.Parameter
  public abstract BigDecimal taker();

  /**
   * Creates fee rates.
   *
   * @param symbol the pair
   * @param maker the maker rate
   * @param taker the taker rate
   * @return the rates
   */
  public static FeeRates of(Symbol symbol, BigDecimal maker, BigDecimal taker) {
    return ImmutableFeeRates.of(symbol, maker, taker);
  }
}
