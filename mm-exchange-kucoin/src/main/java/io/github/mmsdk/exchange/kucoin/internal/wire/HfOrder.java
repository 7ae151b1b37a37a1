package io.github.mmsdk.exchange.kucoin.internal.wire;

import java.math.BigDecimal;

/**
 * One order of {@code GET /api/v1/hf/orders/active}.
 *
 * @param id order id
 * @param symbol the pair
 * @param side {@code buy} or {@code sell}
 * @param price limit price
 * @param size order size
 * @param dealSize filled size
 * @param createdAt creation time, ms
 */
public record HfOrder(
    String id,
    String symbol,
    String side,
    BigDecimal price,
    BigDecimal size,
    BigDecimal dealSize,
    long createdAt) {}
