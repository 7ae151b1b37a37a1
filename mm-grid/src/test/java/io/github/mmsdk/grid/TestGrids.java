package io.github.mmsdk.grid;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridMode;
import io.github.mmsdk.api.grid.Spacing;
import java.math.BigDecimal;

/** Grid configurations for tests. */
final class TestGrids {

  private TestGrids() {}

  static GridConfig.Builder grid(double lower, double upper, int levels, double amount) {
    GridConfig.Builder b = new GridConfig.Builder();
    b.id("test-grid")
        .symbol(Symbol.of("ETH", "USDT"))
        .lowerPrice(BigDecimal.valueOf(lower))
        .upperPrice(BigDecimal.valueOf(upper))
        .levels(levels)
        .amountPerGrid(BigDecimal.valueOf(amount))
        .profitPerGridPct(1.0)
        .allocation(BigDecimal.valueOf(amount * levels));
    return b;
  }

  static GridConfig grid(
      double lower, double upper, int levels, double amount, GridMode mode, Spacing spacing) {
    GridConfig.Builder b = grid(lower, upper, levels, amount);
    b.mode(mode).spacing(spacing);
    return b.build();
  }
}
