package io.github.mmsdk.exchange.kucoin.internal.wire;

import java.math.BigDecimal;

/**
 * {@code GET /api/v1/market/orderbook/level1} data.
 *
 * @param time server time, ms
 * @param price last traded price
 * @param bestBid best bid
 * @param bestAsk best ask
 */
public record Level1(long time, BigDecimal price, BigDecimal bestBid, BigDecimal bestAsk) {}
