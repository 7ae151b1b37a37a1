package io.github.mmsdk.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridMode;
import io.github.mmsdk.api.grid.Spacing;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The simulator on the real ../shared/data 1m series. */
class GridSimulatorRealDataTest {

  private static final Logger LOG = LoggerFactory.getLogger(GridSimulatorRealDataTest.class);

  @ParameterizedTest
  @ValueSource(strings = {"ETH", "BTC", "SOL"})
  void fifty_level_grids_on_the_1m_series(String base) {
    CandleSeries eth = SharedData.load(base, Timeframe.M1);
    assertThat(eth.size()).isGreaterThan(40_000);
    double first = eth.open(0);
    double min = Double.MAX_VALUE;
    double max = 0;
    for (int i = 0; i < eth.size(); i++) {
      min = Math.min(min, eth.low(i));
      max = Math.max(max, eth.high(i));
    }
    for (GridMode mode : GridMode.values()) {
      GridConfig g =
          new GridConfig.Builder()
              .id(base.toLowerCase(java.util.Locale.ROOT) + "-1m-" + mode)
              .symbol(eth.symbol())
              .lowerPrice(BigDecimal.valueOf(first * 0.85).setScale(2, RoundingMode.HALF_UP))
              .upperPrice(BigDecimal.valueOf(first * 1.15).setScale(2, RoundingMode.HALF_UP))
              .levels(50)
              .spacing(Spacing.GEOMETRIC)
              .mode(mode)
              .amountPerGrid(BigDecimal.valueOf(100))
              .profitPerGridPct(0.57)
              .allocation(BigDecimal.valueOf(5000))
              .build();
      Map<Integer, Boolean> last = new HashMap<>();
      int[] broken = new int[1];
      GridSimulator sim =
          GridSimulator.start(
              g,
              0.001,
              first,
              (cell, buy, px, q, fee) -> {
                Boolean prev = last.put(cell, buy);
                if ((prev == null && !buy) || (prev != null && prev == buy)) {
                  broken[0]++;
                }
              });
      sim.run(eth);
      double mark = eth.close(eth.size() - 1);
      GridSimulation s = sim.snapshot(mark);
      LOG.info(
          "grid={}-1m mode={} candles={} range=[{},{}] roundTrips={} realized={} unrealized={}"
              + " fees={} maxDrawdown={} inventory={}",
          base,
          mode,
          s.candles(),
          min,
          max,
          s.roundTrips(),
          s.realizedProfit(),
          s.unrealizedPnl(),
          s.feesPaid(),
          s.maxDrawdown(),
          s.inventory());
      assertThat(broken[0]).isZero();
      assertThat(s.candles()).isEqualTo(eth.size());
      assertThat(s.roundTrips()).isPositive();
      assertThat(s.realizedProfit()).isPositive();
      assertThat(s.feesPaid()).isPositive();
      assertThat(s.maxDrawdown()).isGreaterThan(0);
      assertThat(s.equity()).isCloseTo(5000 + s.totalPnl(), within(1e-6));
      assertThat(s.quoteBalance() + s.inventory() * mark).isCloseTo(s.equity(), within(1e-6));
      // every sell is a round trip of one cell's quantity at one spacing step: ~0.57 % of 100
      assertThat(s.realizedProfit() / s.roundTrips()).isBetween(-100.0, 100.0);
    }
  }
}
