package io.github.mmsdk.benchmarks.grid;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridMode;
import io.github.mmsdk.api.grid.Spacing;
import io.github.mmsdk.grid.GridSimulation;
import io.github.mmsdk.grid.GridSimulator;
import java.math.BigDecimal;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Candles per second through a 50-level grid: mm-grid's {@code GridSimulator} ("mmsdk") against a
 * naive simulator with the same fill model that scans every level on every leg ("naive").
 *
 * <p>The path is a mean-reverting random walk of 1 M candles around 2000 (fixed seed); {@code
 * volPct} is the per-candle volatility: 0.08 is 1m-like (a level crossed every few candles), 0.8
 * crosses several levels per candle. One operation = one candle.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class GridSimulatorBenchmark {

  static final int CANDLES = 1_000_000;

  /** Which simulator runs. */
  @Param({"mmsdk", "naive"})
  public String impl;

  /** Per-candle volatility in percent. */
  @Param({"0.08", "0.8"})
  public double volPct;

  /** Number of grid levels. */
  @Param({"50"})
  public int levels;

  private double[] open;
  private double[] high;
  private double[] low;
  private double[] close;
  private GridConfig grid;
  private double[] levelPrices;

  /** Builds the path and the grid. */
  @Setup(Level.Trial)
  public void setUp() {
    Random r = new Random(20261123L);
    open = new double[CANDLES];
    high = new double[CANDLES];
    low = new double[CANDLES];
    close = new double[CANDLES];
    double price = 2000;
    for (int i = 0; i < CANDLES; i++) {
      double o = price;
      double c = o + 0.001 * (2000 - o) + o * r.nextGaussian() * volPct / 100;
      double h = Math.max(o, c) * (1 + Math.abs(r.nextGaussian()) * volPct / 200);
      double l = Math.min(o, c) * (1 - Math.abs(r.nextGaussian()) * volPct / 200);
      open[i] = o;
      high[i] = h;
      low[i] = l;
      close[i] = c;
      price = c;
    }
    grid =
        new GridConfig.Builder()
            .id("bench")
            .symbol(Symbol.of("ETH", "USDT"))
            .lowerPrice(BigDecimal.valueOf(1800))
            .upperPrice(BigDecimal.valueOf(2200))
            .levels(levels)
            .spacing(Spacing.GEOMETRIC)
            .mode(GridMode.LONG)
            .amountPerGrid(BigDecimal.valueOf(100))
            .profitPerGridPct(0.4)
            .allocation(BigDecimal.valueOf(100L * levels))
            .build();
    levelPrices = GridSimulator.levelPrices(grid);
    // the two implementations must agree before they are timed against each other
    GridSimulator a = GridSimulator.start(grid, 0.001, 2000);
    NaiveGridSimulator b = new NaiveGridSimulator(levelPrices, 100, 0.001, 2000, true);
    for (int i = 0; i < CANDLES; i++) {
      a.onCandle(open[i], high[i], low[i], close[i]);
      b.onCandle(open[i], high[i], low[i], close[i]);
    }
    GridSimulation s = a.snapshot(close[CANDLES - 1]);
    if (s.roundTrips() != b.roundTrips()
        || Math.abs(s.realizedProfit() - b.realized()) > 1e-6 * (1 + Math.abs(b.realized()))) {
      throw new IllegalStateException(
          "implementations disagree: " + s.roundTrips() + " vs " + b.roundTrips());
    }
  }

  /**
   * Feeds the whole path.
   *
   * @return the result, so the work is not eliminated
   */
  @Benchmark
  @OperationsPerInvocation(CANDLES)
  public double simulate() {
    if (impl.equals("mmsdk")) {
      GridSimulator sim = GridSimulator.start(grid, 0.001, 2000);
      for (int i = 0; i < CANDLES; i++) {
        sim.onCandle(open[i], high[i], low[i], close[i]);
      }
      return sim.lastPrice() + sim.snapshot(2000).realizedProfit();
    }
    NaiveGridSimulator sim = new NaiveGridSimulator(levelPrices, 100, 0.001, 2000, true);
    for (int i = 0; i < CANDLES; i++) {
      sim.onCandle(open[i], high[i], low[i], close[i]);
    }
    return sim.realized();
  }
}
