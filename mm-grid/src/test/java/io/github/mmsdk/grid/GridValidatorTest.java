package io.github.mmsdk.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.exchange.SymbolRules;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridMode;
import io.github.mmsdk.api.grid.Spacing;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GridValidatorTest {

  private final GridValidator validator = new GridValidator(GridRulesConfig.defaults());

  @Test
  void fee_floor_is_round_trip_fee_times_safety_factor() {
    assertThat(validator.roundTripFeeRate(Optional.empty())).isCloseTo(0.002, within(1e-12));
    assertThat(validator.minStepPct(Optional.empty())).isCloseTo(0.3, within(1e-12));
    assertThat(validator.roundTripFeeRate(Optional.of(Fixtures.fees(0.002))))
        .isCloseTo(0.004, within(1e-12));
  }

  @Test
  void smallest_step_is_the_top_cell_of_an_arithmetic_grid() {
    GridConfig a = TestGrids.grid(100, 110, 6, 10, GridMode.LONG, Spacing.ARITHMETIC);
    assertThat(GridValidator.smallestStepPct(a)).isCloseTo(2.0 / 108 * 100, within(1e-9));
    GridConfig g = TestGrids.grid(100, 400, 3, 10, GridMode.LONG, Spacing.GEOMETRIC);
    assertThat(GridValidator.smallestStepPct(g)).isCloseTo(100, within(1e-9));
  }

  @Test
  void a_sound_grid_passes() {
    GridConfig ok = TestGrids.grid(1800, 2200, 21, 50).symbol(Fixtures.ETH).build();
    assertThat(
            validator.violations(
                ok, Optional.of(Fixtures.rules()), Optional.of(Fixtures.fees(0.001))))
        .isEmpty();
    validator.validate(ok, Optional.of(Fixtures.rules()), Optional.empty());
  }

  @Test
  void spacing_at_or_below_the_fee_floor_is_refused_with_a_typed_error() {
    // step 0.2 % < 0.3 % (0.1 % fee x 2 x 1.5)
    GridConfig tight = TestGrids.grid(1000, 1100, 49, 50, GridMode.LONG, Spacing.GEOMETRIC);
    assertThatThrownBy(() -> validator.validate(tight, Optional.empty(), Optional.empty()))
        .isInstanceOf(InvalidGridException.class)
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("does not exceed round-trip fee")
        .satisfies(
            e -> {
              InvalidGridException ig = (InvalidGridException) e;
              assertThat(ig.problems()).containsExactly(GridProblem.SPACING_BELOW_FEES);
              assertThat(ig.key()).isEqualTo("grids.test-grid.levels");
              assertThat(ig.violations()).hasSize(1);
            });
  }

  @Test
  void exchange_minimums_increments_and_stops_are_checked() {
    SymbolRules strict =
        new SymbolRules.Builder()
            .symbol(Symbol.of("BTC", "USDT"))
            .baseMinSize(new BigDecimal("1"))
            .baseIncrement(new BigDecimal("0.1"))
            .quoteMinSize(new BigDecimal("100"))
            .priceIncrement(new BigDecimal("50"))
            .tradingEnabled(false)
            .build();
    GridConfig g =
        TestGrids.grid(1800, 2200, 21, 50)
            .allocation(BigDecimal.valueOf(500))
            .stopLossPrice(BigDecimal.valueOf(1900))
            .takeProfitPrice(BigDecimal.valueOf(2100))
            .build();
    assertThat(validator.violations(g, Optional.of(strict), Optional.empty()))
        .extracting(GridViolation::problem)
        .containsExactlyInAnyOrder(
            GridProblem.ALLOCATION_BELOW_GRID_NEEDS,
            GridProblem.STOP_LOSS_NOT_BELOW_LOWER,
            GridProblem.TAKE_PROFIT_NOT_ABOVE_UPPER,
            GridProblem.SYMBOL_MISMATCH,
            GridProblem.TRADING_DISABLED,
            GridProblem.AMOUNT_BELOW_QUOTE_MINIMUM,
            GridProblem.SIZE_BELOW_BASE_MINIMUM,
            GridProblem.STEP_BELOW_PRICE_INCREMENT);
    InvalidGridException e =
        new InvalidGridException(validator.violations(g, Optional.of(strict), Optional.empty()));
    assertThat(e.getMessage()).contains("allocation 500").contains("minimum order value 100");
  }
}
