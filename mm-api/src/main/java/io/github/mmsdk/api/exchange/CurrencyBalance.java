package io.github.mmsdk.api.exchange;

import io.github.mmsdk.api.internal.MmValue;
import java.math.BigDecimal;
import org.immutables.value.Value;

/** The holdings of one currency, summed over the account's sub-accounts. */
@MmValue
@Value.Immutable
public abstract class CurrencyBalance {

  CurrencyBalance() {}

  /** {@return the currency code} */
  @Value.Parameter
  public abstract String currency();

  /** {@return the total amount} */
  @Value.Parameter
  public abstract BigDecimal total();

  /** {@return the amount free to use} */
  @Value.Parameter
  public abstract BigDecimal available();

  /** {@return the amount held by orders and grids} */
  @Value.Derived
  public BigDecimal locked() {
    return total().subtract(available()).max(BigDecimal.ZERO);
  }

  /**
   * Creates a currency balance.
   *
   * @param currency the currency code
   * @param total the total amount
   * @param available the amount free to use
   * @return the balance
   */
  public static CurrencyBalance of(String currency, BigDecimal total, BigDecimal available) {
    return ImmutableCurrencyBalance.of(currency, total, available);
  }
}
