package io.github.mmsdk.exchange.kucoin.internal.wire;

import java.math.BigDecimal;

/**
 * {@code GET /api/v1/market/stats} data (24 h statistics).
 *
 * @param time server time, ms
 * @param symbol the pair
 * @param changeRate 24 h change as a fraction
 * @param vol 24 h volume in the base currency
 * @param last last price
 * @param takerFeeRate base taker fee rate
 * @param makerFeeRate base maker fee rate
 * @param takerCoefficient taker fee coefficient of the pair
 * @param makerCoefficient maker fee coefficient of the pair
 */
public record Stats(
    long time,
    String symbol,
    BigDecimal changeRate,
    BigDecimal vol,
    BigDecimal last,
    BigDecimal takerFeeRate,
    BigDecimal makerFeeRate,
    BigDecimal takerCoefficient,
    BigDecimal makerCoefficient) {}
