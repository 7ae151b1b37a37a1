package io.github.mmsdk.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DemoMarketTest {
  static final Symbol ETH = Symbol.parse("ETH-USDT");
  static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void the_same_seed_gives_the_same_market() {
    CandleSeries a = DemoMarket.generate(ETH, Timeframe.H1, START, 2_000, 7);
    CandleSeries b = DemoMarket.generate(ETH, Timeframe.H1, START, 2_000, 7);
    assertThat(a).isEqualTo(b);
    assertThat(DemoMarket.generate(ETH, Timeframe.H1, START, 2_000, 8)).isNotEqualTo(a);
  }

  @Test
  void phases_move_the_price_the_way_they_say() {
    CandleSeries s = DemoMarket.generate(ETH, Timeframe.H1, START, 6 * DemoMarket.PHASE_HOURS, 1);
    int p = DemoMarket.PHASE_HOURS;
    double upMove = s.close(2 * p - 1) / s.close(p) - 1;
    double breakout = s.close(4 * p - 1) / s.close(3 * p) - 1;
    double rangeMove = Math.abs(s.close(p - 1) / s.close(0) - 1);
    assertThat(upMove).isGreaterThan(0.2);
    assertThat(breakout).isLessThan(-0.4);
    assertThat(rangeMove).isLessThan(upMove);
    assertThat(DemoMarket.phases(START, 3 * p))
        .extracting(DemoMarket.PhaseStart::phase)
        .containsExactly(DemoMarket.Phase.RANGE, DemoMarket.Phase.TREND_UP, DemoMarket.Phase.RANGE);
  }

  @Test
  void minute_candles_subdivide_the_same_kind_of_path() {
    CandleSeries m = DemoMarket.generate(ETH, Timeframe.M1, START, 100_000, 3);
    assertThat(m.size()).isEqualTo(100_000);
    assertThat(m.openTimeMillis(1) - m.openTimeMillis(0)).isEqualTo(60_000);
  }

  @Test
  void three_years_stay_at_a_tradable_price() {
    CandleSeries s = DemoMarket.generate(ETH, Timeframe.H1, START, 1096 * 24, 42);
    double min = Double.MAX_VALUE;
    double max = 0;
    // from the end of the first cycle of phases (the one the README's demo runs in) on
    for (int i = 6 * DemoMarket.PHASE_HOURS; i < s.size(); i++) {
      min = Math.min(min, s.low(i));
      max = Math.max(max, s.high(i));
    }
    assertThat(min).as("the seed-42 path never collapses").isGreaterThan(50);
    assertThat(max).as("nor explodes").isLessThan(20_000);
  }
}
