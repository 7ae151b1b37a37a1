package io.github.mmsdk.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridMode;
import io.github.mmsdk.api.grid.Spacing;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A 20-candle path traced by hand (the trace is in the comments) against the simulator.
 *
 * <p>Grid: LONG, arithmetic, levels 100, 102, 104, 106, 108, 110 (cells c0..c4), 100 quote per
 * level, allocation 1000, fee 0.1 %, created at 105: c3 (106-108) and c4 (108-110) are stocked at
 * 105 with 100/106 and 100/108 base. Every grid buy has a notional of exactly 100.
 */
class GridSimulatorCrossCheckTest {

  private static final double F = 0.001;

  // open, high, low, close; path O-L-H-C when close >= open, else O-H-L-C.
  private static final double[][] PATH = {
    {105, 105.5, 104.5, 105.2}, // 1: stays in c2 (104-106): no fill
    {
      105.2, 106.5, 103.5, 104
    }, // 2: up to 106.5 (c2 empty: no sell), down: 106 c3 stocked, BUY c2@104
    {104, 104.8, 101.5, 102.5}, // 3: down: 104 c2 stocked, BUY c1@102; up to 102 (c0 empty)
    {102.5, 104.2, 102.2, 104.1}, // 4: up: SELL c1@104 (RT1)
    {
      104.1, 106.3, 103.9, 106.1
    }, // 5: down to 103.9 (c2 stocked), up: 104 c1 empty, SELL c2@106 (RT2)
    {
      106.1, 108.4, 106.0, 108.2
    }, // 6: down onto 106 (c3 stocked), up: SELL c3@108 (RT3, creation lot)
    {108.2, 110.5, 108.1, 110.2}, // 7: up: SELL c4@110 (RT4, creation lot); now flat
    {110.2, 111, 109, 109.5}, // 8: above/near top, 110 has no cell above: no fill
    {109.5, 109.8, 107.5, 107.8}, // 9: down: BUY c4@108
    {107.8, 108.5, 107.6, 108.3}, // 10: up through 108: c3 empty: no fill
    {108.3, 108.6, 105.5, 105.8}, // 11: down: 108 c4 stocked, BUY c3@106
    {105.8, 106.2, 99.0, 99.5}, // 12: up 106 (c2 empty), down: BUY c2@104, c1@102, c0@100
    {99.5, 99.8, 98.0, 98.5}, // 13: below the grid: no fill
    {98.5, 101.0, 98.2, 100.8}, // 14: up through 100: no cell below it: no fill
    {100.8, 102.5, 100.5, 102.3}, // 15: up: SELL c0@102 (RT5)
    {102.3, 102.9, 101.2, 101.5}, // 16: down through 102: c1 stocked: no fill
    {101.5, 104.0, 101.4, 103.9}, // 17: up: 102 c0 empty, SELL c1@104 (RT6)
    {103.9, 104.0, 103.0, 103.5}, // 18: onto 104 (c1 empty), leaves it downward: no fill
    {103.5, 106.0, 103.2, 105.9}, // 19: up: 104 c1 empty, SELL c2@106 (RT7)
    {105.9, 106.5, 105.0, 106.2}, // 20: up through 106 from 105: c2 empty: no fill
  };

  private static GridConfig grid() {
    return TestGrids.grid(100, 110, 6, 100)
        .allocation(BigDecimal.valueOf(1000))
        .mode(GridMode.LONG)
        .spacing(Spacing.ARITHMETIC)
        .build();
  }

  @Test
  void twenty_candles_match_the_hand_trace() {
    List<String> fills = new ArrayList<>();
    GridSimulator sim =
        GridSimulator.start(
            grid(),
            F,
            105,
            (cell, buy, price, q, fee) ->
                fills.add((buy ? "BUY c" : "SELL c") + cell + "@" + price));
    for (double[] c : PATH) {
      sim.onCandle(c[0], c[1], c[2], c[3]);
    }

    assertThat(fills)
        .containsExactly(
            "BUY c3@105.0",
            "BUY c4@105.0",
            "BUY c2@104.0",
            "BUY c1@102.0",
            "SELL c1@104.0",
            "SELL c2@106.0",
            "SELL c3@108.0",
            "SELL c4@110.0",
            "BUY c4@108.0",
            "BUY c3@106.0",
            "BUY c2@104.0",
            "BUY c1@102.0",
            "BUY c0@100.0",
            "SELL c0@102.0",
            "SELL c1@104.0",
            "SELL c2@106.0");

    // Hand arithmetic: a grid buy costs 100 * (1 + F); the creation lots cost 105 * q * (1 + F).
    double grossGridBuy = 100 * (1 + F);
    double rt1 = 10400.0 / 102 * (1 - F) - grossGridBuy; // c1 102 -> 104
    double rt2 = 10600.0 / 104 * (1 - F) - grossGridBuy; // c2 104 -> 106
    double rt3 = 10800.0 / 106 * (1 - F) - 10500.0 / 106 * (1 + F); // c3 lot 105 -> 108
    double rt4 = 11000.0 / 108 * (1 - F) - 10500.0 / 108 * (1 + F); // c4 lot 105 -> 110
    double rt5 = 102.0 * (1 - F) - grossGridBuy; // c0 100 -> 102
    double realized = rt1 + rt2 + rt3 + rt4 + rt5 + rt1 + rt2;
    double fees =
        F * 10500.0 * (1.0 / 106 + 1.0 / 108) // creation
            + 7 * 100 * F // seven grid buys
            + F * (2 * 10400.0 / 102 + 2 * 10600.0 / 104 + 10800.0 / 106 + 11000.0 / 108 + 102);
    double inventory = 100.0 / 106 + 100.0 / 108; // c3 and c4 stocked at the end
    double cost = 2 * grossGridBuy;
    double quote = 1000 + realized - cost;

    GridSimulation s = sim.snapshot(106.2);
    assertThat(s.roundTrips()).isEqualTo(7);
    assertThat(s.buyFills()).isEqualTo(9);
    assertThat(s.sellFills()).isEqualTo(7);
    assertThat(s.candles()).isEqualTo(20);
    assertThat(s.realizedProfit()).isCloseTo(realized, within(1e-9));
    assertThat(s.feesPaid()).isCloseTo(fees, within(1e-9));
    assertThat(s.inventory()).isCloseTo(inventory, within(1e-12));
    assertThat(s.averageCost()).isCloseTo(cost / inventory, within(1e-9));
    assertThat(s.unrealizedPnl()).isCloseTo(inventory * 106.2 - cost, within(1e-9));
    assertThat(s.quoteBalance()).isCloseTo(quote, within(1e-9));
    assertThat(s.equity()).isCloseTo(quote + inventory * 106.2, within(1e-9));
    assertThat(s.totalPnl()).isCloseTo(s.equity() - 1000, within(1e-9));
    assertThat(s.stopped()).isFalse();
    assertThat(sim.isStocked(3)).isTrue();
    assertThat(sim.isStocked(4)).isTrue();
    assertThat(sim.isStocked(2)).isFalse();
    assertThat(sim.lastPrice()).isEqualTo(106.2);
  }

  @Test
  void max_drawdown_by_hand() {
    // NEUTRAL 100..110, 6 levels, created at 105: nothing stocked. One candle 105 -> 105 high,
    // low 101, close 101 (bearish: O-H-L-C): buys c2@104 and c1@102 (notional 100 each, fee 0.1).
    // Equity at the low 101: 1000 - 200.2 + (100/104 + 100/102) * 101.
    GridConfig neutral = TestGrids.grid(100, 110, 6, 100).mode(GridMode.NEUTRAL).build();
    GridSimulator sim = GridSimulator.start(neutral, F, 105);
    sim.onCandle(105, 105, 101, 101);
    double lowEquity = 600 - 200.2 + (100.0 / 104 + 100.0 / 102) * 101;
    GridSimulation s = sim.snapshot(101);
    assertThat(s.initialCapital()).isEqualTo(600);
    assertThat(s.maxDrawdown()).isCloseTo(600 - lowEquity, within(1e-9));
    assertThat(s.maxDrawdownPct()).isCloseTo((600 - lowEquity) / 600 * 100, within(1e-9));
    assertThat(s.roundTrips()).isZero();
    assertThat(s.averageCost()).isCloseTo(200.2 / (100.0 / 104 + 100.0 / 102), within(1e-9));
  }
}
