package io.github.mmsdk.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridMode;
import io.github.mmsdk.api.grid.Spacing;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GridSimulatorPropertiesTest {

  private static final long SEED = 20261123L;

  /** A random-walk path of OHLC candles, 4 numbers per candle. */
  static double[] randomPath(long seed, double start, double volPct, int candles) {
    Random r = new Random(seed);
    double[] p = new double[candles * 4];
    double price = start;
    for (int i = 0; i < candles; i++) {
      double open = price;
      double close = Math.max(open * (1 + r.nextGaussian() * volPct / 100), start * 0.05);
      double high = Math.max(open, close) * (1 + Math.abs(r.nextGaussian()) * volPct / 200);
      double low = Math.min(open, close) * (1 - Math.abs(r.nextGaussian()) * volPct / 200);
      p[4 * i] = open;
      p[4 * i + 1] = high;
      p[4 * i + 2] = low;
      p[4 * i + 3] = close;
      price = close;
    }
    return p;
  }

  static void feed(GridSimulator sim, double[] p) {
    for (int i = 0; i < p.length; i += 4) {
      sim.onCandle(p[i], p[i + 1], p[i + 2], p[i + 3]);
    }
  }

  static GridMode mode(long seed) {
    return (seed & 1) == 0 ? GridMode.LONG : GridMode.NEUTRAL;
  }

  static Spacing spacing(long seed) {
    return (seed & 2) == 0 ? Spacing.ARITHMETIC : Spacing.GEOMETRIC;
  }

  @Test
  void a_path_inside_one_cell_has_no_fills() {
    qt().withFixedSeed(SEED)
        .withExamples(300)
        .forAll(integers().between(2, 60), longs().all(), doubles().between(0.01, 0.99))
        .checkAssert(
            (levels, seed, where) -> {
              GridConfig g = TestGrids.grid(1000, 2000, levels, 50, mode(seed), spacing(seed));
              double[] lv = GridSimulator.levelPrices(g);
              Random r = new Random(seed);
              int cell = r.nextInt(levels - 1);
              double lo = lv[cell];
              double hi = lv[cell + 1];
              double start = lo + (hi - lo) * where;
              int[] fills = new int[1];
              GridSimulator sim =
                  GridSimulator.start(g, 0.001, start, (c, buy, px, q, fee) -> fills[0]++);
              int creationFills = fills[0];
              for (int i = 0; i < 50; i++) {
                double a = lo + (hi - lo) * (0.001 + 0.998 * r.nextDouble());
                double b = lo + (hi - lo) * (0.001 + 0.998 * r.nextDouble());
                double h = Math.max(a, b) + (hi - Math.max(a, b)) * 0.9 * r.nextDouble();
                double l = Math.min(a, b) - (Math.min(a, b) - lo) * 0.9 * r.nextDouble();
                sim.onCandle(a, h, l, b);
              }
              assertThat(fills[0]).isEqualTo(creationFills);
              GridSimulation s = sim.snapshot();
              assertThat(s.roundTrips()).isZero();
              assertThat(s.sellFills()).isZero();
              assertThat(s.realizedProfit()).isZero();
            });
  }

  @Test
  void fills_alternate_per_cell_and_every_level_is_its_cell_bound() {
    qt().withFixedSeed(SEED)
        .withExamples(200)
        .forAll(integers().between(2, 60), longs().all(), doubles().between(0.1, 3.0))
        .checkAssert(
            (levels, seed, vol) -> {
              GridConfig g = TestGrids.grid(900, 1100, levels, 50, mode(seed), spacing(seed));
              double[] lv = GridSimulator.levelPrices(g);
              Map<Integer, Boolean> lastWasBuy = new HashMap<>();
              int[] violations = new int[1];
              GridSimulator sim =
                  GridSimulator.start(
                      g,
                      0.001,
                      1000,
                      (c, buy, px, q, fee) -> {
                        Boolean prev = lastWasBuy.put(c, buy);
                        boolean firstIsBuy = prev == null && buy;
                        boolean alternates = prev != null && prev != buy;
                        if (!(firstIsBuy || alternates)) {
                          violations[0]++;
                        }
                        if (!buy && px != lv[c + 1]) {
                          violations[0]++;
                        }
                      });
              feed(sim, randomPath(seed, 1000, vol, 300));
              assertThat(violations[0]).isZero();
              GridSimulation s = sim.snapshot();
              assertThat(s.buyFills() - s.sellFills())
                  .isEqualTo((int) lastWasBuy.values().stream().filter(b -> b).count());
              assertThat(s.equity()).isCloseTo(s.initialCapital() + s.totalPnl(), within(1e-6));
              assertThat(s.maxDrawdown()).isGreaterThanOrEqualTo(0);
            });
  }

  @Test
  void pnl_scales_exactly_with_prices_and_amounts() {
    qt().withFixedSeed(SEED)
        .withExamples(200)
        .forAll(integers().between(2, 60), longs().all(), integers().between(-6, 6))
        .checkAssert(
            (levels, seed, exp) -> {
              double k = Math.scalb(1.0, exp); // a power of two: scaling is exact in binary
              double[] path = randomPath(seed, 1000, 1.0, 300);
              double[] scaled = new double[path.length];
              for (int i = 0; i < path.length; i++) {
                scaled[i] = path[i] * k;
              }
              GridConfig g = TestGrids.grid(900, 1100, levels, 64, mode(seed), spacing(seed));
              GridConfig gk =
                  TestGrids.grid(900 * k, 1100 * k, levels, 64 * k, mode(seed), spacing(seed));
              GridSimulator a = GridSimulator.start(g, 0.001, 1000);
              GridSimulator b = GridSimulator.start(gk, 0.001, 1000 * k);
              feed(a, path);
              feed(b, scaled);
              GridSimulation sa = a.snapshot(path[path.length - 1]);
              GridSimulation sb = b.snapshot(scaled[scaled.length - 1]);
              assertThat(sb.roundTrips()).isEqualTo(sa.roundTrips());
              assertThat(sb.buyFills()).isEqualTo(sa.buyFills());
              assertThat(sb.inventory()).isCloseTo(sa.inventory(), within(1e-9 * sa.inventory()));
              double tol = 1e-9 * k * (1 + Math.abs(sa.initialCapital()));
              assertThat(sb.realizedProfit()).isCloseTo(sa.realizedProfit() * k, within(tol));
              assertThat(sb.totalPnl()).isCloseTo(sa.totalPnl() * k, within(tol));
              assertThat(sb.maxDrawdown()).isCloseTo(sa.maxDrawdown() * k, within(tol));
              assertThat(sb.returnPct()).isCloseTo(sa.returnPct(), within(1e-9));
            });
  }

  @Test
  void fees_always_reduce_profit() {
    qt().withFixedSeed(SEED)
        .withExamples(200)
        .forAll(integers().between(2, 60), longs().all(), doubles().between(0.0001, 0.01))
        .checkAssert(
            (levels, seed, fee) -> {
              double[] path = randomPath(seed, 1000, 1.0, 300);
              GridConfig g = TestGrids.grid(900, 1100, levels, 50, mode(seed), spacing(seed));
              GridSimulator free = GridSimulator.start(g, 0.0, 1000);
              GridSimulator paid = GridSimulator.start(g, fee, 1000);
              feed(free, path);
              feed(paid, path);
              double mark = path[path.length - 1];
              GridSimulation f = free.snapshot(mark);
              GridSimulation p = paid.snapshot(mark);
              assertThat(p.roundTrips()).isEqualTo(f.roundTrips());
              assertThat(p.buyFills()).isEqualTo(f.buyFills());
              assertThat(f.feesPaid()).isZero();
              if (p.buyFills() + p.sellFills() > 0) {
                assertThat(p.feesPaid()).isPositive();
                assertThat(p.totalPnl()).isLessThan(f.totalPnl());
              }
              if (p.roundTrips() > 0) {
                assertThat(p.realizedProfit()).isLessThan(f.realizedProfit());
              }
            });
  }
}
