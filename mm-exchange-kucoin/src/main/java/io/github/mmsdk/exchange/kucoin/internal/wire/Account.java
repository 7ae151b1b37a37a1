package io.github.mmsdk.exchange.kucoin.internal.wire;

import java.math.BigDecimal;

/**
 * One row of {@code GET /api/v1/accounts}.
 *
 * @param currency currency code
 * @param type account type ({@code main}, {@code trade}, ...)
 * @param balance total
 * @param available free amount
 * @param holds amount held by orders
 */
public record Account(
    String currency, String type, BigDecimal balance, BigDecimal available, BigDecimal holds) {}
