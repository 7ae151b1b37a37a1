package io.github.mmsdk.exchange.kucoin.internal.wire;

import java.math.BigDecimal;

/**
 * {@code GET /api/v2/symbols/{symbol}} data.
 *
 * @param symbol the pair
 * @param baseMinSize minimum order size, base currency
 * @param quoteMinSize minimum order value, quote currency
 * @param baseIncrement size step
 * @param priceIncrement price step
 * @param minFunds minimum order funds, may be {@code null}
 * @param enableTrading whether trading is enabled
 */
public record SymbolInfo(
    String symbol,
    BigDecimal baseMinSize,
    BigDecimal quoteMinSize,
    BigDecimal baseIncrement,
    BigDecimal priceIncrement,
    BigDecimal minFunds,
    boolean enableTrading) {}
