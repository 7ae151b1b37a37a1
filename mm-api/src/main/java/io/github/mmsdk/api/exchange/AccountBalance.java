package io.github.mmsdk.api.exchange;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.internal.MmValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.immutables.value.Value;

/**
 * The account's capital counted in one quote currency (seed 000 {@code AccountBalance}).
 *
 * <p>{@link #deployable()} is what a new grid may use: available minus the reserve the capital
 * rules require, never below zero. Amounts are {@link BigDecimal} in the quote currency.
 */
@MmValue
@Value.Immutable
public abstract class AccountBalance {

  AccountBalance() {}

  /** {@return the quote currency all amounts are counted in, e.g. {@code USDT}} */
  public abstract String quoteCurrency();

  /** {@return the total quote-currency holdings} */
  public abstract BigDecimal total();

  /** {@return the quote-currency amount free to use} */
  public abstract BigDecimal available();

  /** {@return the quote-currency amount held by orders and grids} */
  @Value.Derived
  public BigDecimal locked() {
    return total().subtract(available()).max(BigDecimal.ZERO);
  }

  /** {@return the reserve the capital rules keep untouched; zero unless set} */
  @Value.Default
  public BigDecimal reserveRequired() {
    return BigDecimal.ZERO;
  }

  /** {@return available minus the reserve, never negative} */
  @Value.Derived
  public BigDecimal deployable() {
    return available().subtract(reserveRequired()).max(BigDecimal.ZERO);
  }

  /** {@return every currency's holdings, by currency code} */
  public abstract Map<String, CurrencyBalance> holdings();

  /** {@return when the balance was read} */
  public abstract Instant asOf();

  /**
   * The same balance with a reserve applied.
   *
   * @param reserve the reserve to keep
   * @return a copy with {@link #reserveRequired()} set
   */
  public AccountBalance withReserve(BigDecimal reserve) {
    return new Builder().from(this).reserveRequired(reserve).build();
  }

  @Value.Check
  void check() {
    if (total().signum() < 0 || available().signum() < 0 || reserveRequired().signum() < 0) {
      throw new InvalidConfigurationException("balance", "amounts must not be negative: " + this);
    }
  }

  /** Builds an {@link AccountBalance}. */
  public static final class Builder extends ImmutableAccountBalance.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
