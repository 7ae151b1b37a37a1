package io.github.mmsdk.exchange.kucoin;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.exchange.OpenOrder;
import io.github.mmsdk.exchange.kucoin.internal.KuCoinValue;
import java.math.BigDecimal;
import java.time.Instant;
import org.immutables.value.Value;

/**
 * One trade of the account on KuCoin ({@code GET /api/v1/hf/fills}). Amounts are {@link
 * BigDecimal}: price and funds in the quote currency, size in the base currency, fee in {@link
 * #feeCurrency()}.
 */
@KuCoinValue
@Value.Immutable
public abstract class Fill {
  Fill() {}

  /** {@return KuCoin's fill id} */
  public abstract String id();

  /** {@return the id of the order that filled} */
  public abstract String orderId();

  /** {@return the pair} */
  public abstract Symbol symbol();

  /** {@return the side of the order} */
  public abstract OpenOrder.Side side();

  /** {@return the fill price} */
  public abstract BigDecimal price();

  /** {@return the filled size, base currency} */
  public abstract BigDecimal size();

  /** {@return price times size, quote currency} */
  public abstract BigDecimal funds();

  /** {@return the fee paid} */
  public abstract BigDecimal fee();

  /** {@return the currency of the fee} */
  public abstract String feeCurrency();

  /** {@return whether the order was the maker} */
  public abstract boolean maker();

  /** {@return when the trade happened} */
  public abstract Instant at();

  /** Builds a {@link Fill}. */
  public static final class Builder extends ImmutableFill.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
