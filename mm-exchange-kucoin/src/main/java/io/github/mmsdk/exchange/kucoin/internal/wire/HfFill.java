package io.github.mmsdk.exchange.kucoin.internal.wire;

import java.math.BigDecimal;
import java.util.List;

/**
 * One item of {@code GET /api/v1/hf/fills}.
 *
 * @param id fill id (an integer on the wire)
 * @param orderId order id
 * @param symbol the pair
 * @param side {@code buy} or {@code sell}
 * @param liquidity {@code maker} or {@code taker}
 * @param price fill price
 * @param size fill size
 * @param funds price times size
 * @param fee fee paid
 * @param feeCurrency fee currency
 * @param createdAt trade time, ms
 */
public record HfFill(
    long id,
    String orderId,
    String symbol,
    String side,
    String liquidity,
    BigDecimal price,
    BigDecimal size,
    BigDecimal funds,
    BigDecimal fee,
    String feeCurrency,
    long createdAt) {
  /**
   * A page of fills, newest first.
   *
   * @param items the fills
   * @param lastId the id to pass for the next (older) page
   */
  public record Page(List<HfFill> items, Long lastId) {}
}
