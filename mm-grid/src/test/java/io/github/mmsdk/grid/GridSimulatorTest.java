package io.github.mmsdk.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InvalidCandleException;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridMode;
import io.github.mmsdk.api.grid.Spacing;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class GridSimulatorTest {

  @Test
  void arithmetic_and_geometric_levels() {
    GridConfig a = TestGrids.grid(100, 110, 6, 10, GridMode.LONG, Spacing.ARITHMETIC);
    assertThat(GridSimulator.levelPrices(a)).containsExactly(100, 102, 104, 106, 108, 110);
    GridConfig g = TestGrids.grid(100, 400, 3, 10, GridMode.LONG, Spacing.GEOMETRIC);
    double[] lv = GridSimulator.levelPrices(g);
    assertThat(lv[0]).isEqualTo(100);
    assertThat(lv[1]).isCloseTo(200, within(1e-9));
    assertThat(lv[2]).isEqualTo(400);
    GridSimulator sim = GridSimulator.start(g, 0, 250);
    assertThat(sim.levelCount()).isEqualTo(3);
    assertThat(sim.levelPrice(1)).isCloseTo(200, within(1e-9));
    assertThat(sim.cellQuantity(0)).isCloseTo(0.1, within(1e-12));
  }

  @Test
  void long_mode_buys_the_cells_above_the_price_and_neutral_buys_nothing() {
    GridConfig lg = TestGrids.grid(100, 110, 6, 100, GridMode.LONG, Spacing.ARITHMETIC);
    GridSimulation s = GridSimulator.start(lg, 0, 103).snapshot();
    // cells 2 (104), 3 (106), 4 (108) are stocked at 103
    assertThat(s.inventory()).isCloseTo(100 / 104.0 + 100 / 106.0 + 100 / 108.0, within(1e-12));
    assertThat(s.averageCost()).isCloseTo(103, within(1e-9));
    assertThat(s.buyFills()).isEqualTo(3);
    assertThat(s.quoteBalance()).isCloseTo(600 - 103 * s.inventory(), within(1e-9));
    GridSimulator onLevel = GridSimulator.start(lg, 0, 104);
    assertThat(onLevel.isStocked(2)).isTrue();
    assertThat(onLevel.isStocked(1)).isFalse();

    GridConfig ng = TestGrids.grid(100, 110, 6, 100, GridMode.NEUTRAL, Spacing.ARITHMETIC);
    GridSimulator n = GridSimulator.start(ng, 0, 103);
    assertThat(n.snapshot().inventory()).isZero();
    assertThat(n.snapshot().averageCost()).isZero();
    n.onCandle(103, 109, 103, 109); // rises through cells that hold nothing: no fill
    assertThat(n.snapshot().buyFills()).isZero();
    n.onCandle(109, 109, 107, 107); // comes back down onto 108: buys c4
    assertThat(n.isStocked(4)).isTrue();
    assertThat(n.snapshot().buyFills()).isEqualTo(1);
  }

  @Test
  void stop_loss_fills_the_levels_on_the_way_then_sells_everything() {
    GridConfig g =
        TestGrids.grid(100, 110, 6, 100)
            .mode(GridMode.NEUTRAL)
            .stopLossPrice(BigDecimal.valueOf(101))
            .build();
    GridSimulator sim = GridSimulator.start(g, 0, 105);
    GridSimulation projected = sim.projectTo(95);
    assertThat(projected.stopped()).isTrue();
    assertThat(projected.markPrice()).isEqualTo(101);
    assertThat(projected.buyFills()).isEqualTo(2);
    assertThat(projected.inventory()).isZero();
    double loss = (100 / 104.0 + 100 / 102.0) * 101 - 200;
    assertThat(projected.realizedProfit()).isCloseTo(loss, within(1e-9));
    assertThat(sim.isStopped()).isFalse(); // projectTo leaves the simulator alone
    assertThat(sim.snapshot().buyFills()).isZero();

    sim.onCandle(105, 105, 95, 96);
    assertThat(sim.isStopped()).isTrue();
    assertThat(sim.lastPrice()).isEqualTo(101);
    sim.onCandle(96, 120, 90, 100); // a stopped grid no longer trades
    GridSimulation s = sim.snapshot(100);
    assertThat(s.candles()).isEqualTo(2);
    assertThat(s.realizedProfit()).isCloseTo(loss, within(1e-9));
    assertThat(s.roundTrips()).isEqualTo(2);
  }

  @Test
  void take_profit_sells_everything_at_the_take_profit_price() {
    GridConfig g =
        TestGrids.grid(100, 110, 6, 100)
            .mode(GridMode.LONG)
            .takeProfitPrice(BigDecimal.valueOf(107))
            .build();
    GridSimulator sim = GridSimulator.start(g, 0, 105);
    sim.onCandle(105, 112, 105, 111);
    GridSimulation s = sim.snapshot();
    assertThat(s.stopped()).isTrue();
    assertThat(s.markPrice()).isEqualTo(107);
    assertThat(s.inventory()).isZero();
    // c3 (stocked at 105) sold at the take-profit 107, c4 too (108 was never reached)
    double expected = (100 / 106.0 + 100 / 108.0) * (107 - 105);
    assertThat(s.realizedProfit()).isCloseTo(expected, within(1e-9));
  }

  @Test
  void run_equals_feeding_candles_one_by_one() {
    double[] p = GridSimulatorPropertiesTest.randomPath(7, 1000, 1.0, 500);
    CandleSeries.Builder b = CandleSeries.builder(Symbol.of("ETH", "USDT"), Timeframe.M1);
    for (int i = 0; i < p.length; i += 4) {
      b.add(60_000L * (i / 4), p[i], p[i + 1], p[i + 2], p[i + 3], 1);
    }
    GridConfig g = TestGrids.grid(900, 1100, 30, 50, GridMode.LONG, Spacing.GEOMETRIC);
    GridSimulator one = GridSimulator.start(g, 0.001, 1000);
    GridSimulatorPropertiesTest.feed(one, p);
    GridSimulator all = GridSimulator.start(g, 0.001, 1000);
    all.run(b.build());
    assertThat(all.snapshot(1000)).isEqualTo(one.snapshot(1000));
  }

  @Test
  void bad_input_is_refused_with_typed_errors() {
    GridConfig g = TestGrids.grid(100, 110, 6, 100, GridMode.LONG, Spacing.ARITHMETIC);
    assertThatThrownBy(() -> GridSimulator.start(g, -0.1, 105))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("fee_rate");
    assertThatThrownBy(() -> GridSimulator.start(g, 1.0, 105))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> GridSimulator.start(g, 0.001, Double.NaN))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("initial_price");
    assertThatThrownBy(() -> GridSimulator.start(g, 0.001, Double.POSITIVE_INFINITY))
        .isInstanceOf(InvalidConfigurationException.class);
    GridConfig sl = TestGrids.grid(100, 110, 6, 100).stopLossPrice(BigDecimal.valueOf(106)).build();
    assertThatThrownBy(() -> GridSimulator.start(sl, 0.001, 105))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("stop_loss_price");
    GridConfig tp =
        TestGrids.grid(100, 110, 6, 100).takeProfitPrice(BigDecimal.valueOf(104)).build();
    assertThatThrownBy(() -> GridSimulator.start(tp, 0.001, 105))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("take_profit_price");

    GridSimulator sim = GridSimulator.start(g, 0.001, 105);
    assertThatThrownBy(() -> sim.onCandle(105, 104, 103, 105))
        .isInstanceOf(InvalidCandleException.class);
    assertThatThrownBy(() -> sim.onCandle(105, 106, Double.NaN, 105))
        .isInstanceOf(InvalidCandleException.class);
    assertThatThrownBy(() -> sim.onCandle(1, 2, 0, 1)).isInstanceOf(InvalidCandleException.class);
    assertThatThrownBy(() -> sim.snapshot(0)).isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> sim.projectTo(-1)).isInstanceOf(InvalidConfigurationException.class);
    assertThat(sim.snapshot().candles()).isZero();
  }
}
