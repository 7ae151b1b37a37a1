package io.github.mmsdk.api.exchange;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.internal.MmValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/** A market snapshot of one pair: last price, best bid and ask, 24 h change and volume. */
@MmValue
@Value.Immutable
public abstract class MarketData {

  MarketData() {}

  /** {@return the pair} */
  public abstract Symbol symbol();

  /** {@return the last traded price, in the quote currency} */
  public abstract BigDecimal lastPrice();

  /** {@return the best bid, when known} */
  public abstract Optional<BigDecimal> bestBid();

  /** {@return the best ask, when known} */
  public abstract Optional<BigDecimal> bestAsk();

  /** {@return the price change over 24 h, in percent (2.5 means +2.5 %)} */
  public abstract double change24hPct();

  /** {@return the traded volume over 24 h, in the base currency} */
  public abstract BigDecimal volume24h();

  /** {@return when the exchange produced the snapshot} */
  public abstract Instant asOf();

  /** Builds a {@link MarketData}. */
  public static final class Builder extends ImmutableMarketData.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
