package io.github.mmsdk.backtest.report;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.cycle.MarketMaker;
import io.github.mmsdk.api.store.DecisionStore;
import io.github.mmsdk.backtest.Backtest;
import io.github.mmsdk.backtest.MarketMakerFactory;
import io.github.mmsdk.exit.DefaultExitEvaluator;
import io.github.mmsdk.grid.DefaultGridManager;
import io.github.mmsdk.grid.SimulatedDecisionGrader;
import io.github.mmsdk.regime.IncrementalRegimeEngine;
import io.github.mmsdk.testkit.exchange.CsvCandles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;

/** Candles (made up or real), the live wiring of the SDK's engines, and backtests over them. */
final class ReportFixtures {
  private ReportFixtures() {}

  static final Symbol SYMBOL = Symbol.parse("SYN-USDT");
  static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  /**
   * 60 days of made-up 1h candles, seeded: a quiet range for 40 days, then a sharp fall, then a
   * choppy recovery, so that a backtest sees ranges, trends, grids and exits.
   */
  static CandleSeries synthetic() {
    Random r = new Random(19);
    int hours = 60 * 24;
    CandleSeries.Builder b = CandleSeries.builder(SYMBOL, Timeframe.H1, hours);
    double c = 2000;
    for (int i = 0; i < hours; i++) {
      double o = c;
      double drift;
      if (i < 40 * 24) {
        drift = (2000 - c) * 0.2;
      } else if (i < 46 * 24) {
        drift = -c * 0.004;
      } else {
        drift = (1500 - c) * 0.2;
      }
      c = Math.max(1, o + drift + (r.nextDouble() - 0.5) * c * 0.012);
      double h = Math.max(o, c) * (1 + r.nextDouble() * 0.002);
      double l = Math.min(o, c) * (1 - r.nextDouble() * 0.002);
      b.add(START.toEpochMilli() + i * 3_600_000L, o, h, l, c, 100 + r.nextDouble() * 50);
    }
    return b.build();
  }

  /** The live wiring over the backtest's exchange, store and clock. */
  static MarketMakerFactory live() {
    return (exchange, store, clock) ->
        MarketMaker.builder()
            .exchange(exchange)
            .store(store)
            .clock(clock)
            .regimeEngine(new IncrementalRegimeEngine())
            .exitEvaluator(new DefaultExitEvaluator())
            .gridManager(new DefaultGridManager())
            .decisionGrader(new SimulatedDecisionGrader())
            .closeAdapters(false)
            .build();
  }

  /** A backtest with an operator following every recommendation; run. */
  static Backtest run(CandleSeries candles, Instant from, Instant to) {
    Backtest bt =
        Backtest.builder()
            .candles(candles)
            .from(from)
            .to(to)
            .followRecommendations(true)
            .wiring(live())
            .ticker(() -> 0L)
            .build();
    bt.run();
    return bt;
  }

  /** The made-up candles backtested over their last 40 days. */
  static Backtest syntheticRun(CandleSeries candles) {
    Instant from = START.plus(Duration.ofDays(20));
    Instant to = START.plus(Duration.ofDays(60)).minus(Duration.ofHours(1));
    return run(candles, from, to);
  }

  static DecisionStore store(Backtest bt) {
    return bt.store();
  }

  static Path dataDir() {
    return Path.of(System.getProperty("mm.shared.dir", "../../shared")).resolve("data");
  }

  static void assumeData() {
    Assumptions.assumeTrue(
        Files.isDirectory(dataDir()), "../shared/data absent: skipping real-data test");
  }

  static CandleSeries hourly(String symbol) {
    return CsvCandles.read(dataDir().resolve(symbol + "_1h_kucoin.csv"));
  }
}
