package io.github.mmsdk.backtest;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.cycle.MarketMaker;
import io.github.mmsdk.api.regime.RegimeEngine;
import io.github.mmsdk.api.store.DecisionStore;
import io.github.mmsdk.exit.DefaultExitEvaluator;
import io.github.mmsdk.grid.DefaultGridManager;
import io.github.mmsdk.grid.SimulatedDecisionGrader;
import io.github.mmsdk.regime.DefaultRegimeEngine;
import io.github.mmsdk.regime.IncrementalRegimeEngine;
import io.github.mmsdk.testkit.exchange.CsvCandles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/** Real candles, the live wiring of the SDK's engines, and a canonical rendering of records. */
final class Fixtures {
  private Fixtures() {}

  static final List<String> SYMBOLS = List.of("BTC-USDT", "ETH-USDT", "SOL-USDT");

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

  /** The live wiring over the backtest's exchange, store and clock, with a given regime engine. */
  static MarketMakerFactory wiring(Supplier<RegimeEngine> regime) {
    return (exchange, store, clock) ->
        MarketMaker.builder()
            .exchange(exchange)
            .store(store)
            .clock(clock)
            .regimeEngine(regime.get())
            .exitEvaluator(new DefaultExitEvaluator())
            .gridManager(new DefaultGridManager())
            .decisionGrader(new SimulatedDecisionGrader())
            .closeAdapters(false)
            .build();
  }

  static MarketMakerFactory live() {
    return wiring(IncrementalRegimeEngine::new);
  }

  static MarketMakerFactory stateless() {
    return wiring(DefaultRegimeEngine::new);
  }

  /** Every decision of the store between two times, rendered in full, one per line. */
  static String render(DecisionStore store, CandleSeries s, Instant from, Instant to) {
    return store.decisions(s.symbol(), from, to.plusNanos(1)).stream()
        .map(Object::toString)
        .collect(Collectors.joining("\n"));
  }

  /** {@code s} up to {@code t}, followed by {@code extra} random hourly candles. */
  static CandleSeries withRandomFuture(CandleSeries s, Instant t, int extra, long seed) {
    CandleSeries past = s.upTo(t);
    CandleSeries.Builder b = CandleSeries.builder(s.symbol(), s.timeframe(), past.size() + extra);
    for (int i = 0; i < past.size(); i++) {
      b.add(
          past.openTimeMillis(i),
          past.open(i),
          past.high(i),
          past.low(i),
          past.close(i),
          past.volume(i));
    }
    Random r = new Random(seed);
    double c = past.close(past.size() - 1);
    long step = s.timeframe().millis();
    long open = past.openTimeMillis(past.size() - 1) + step;
    for (int i = 0; i < extra; i++) {
      double o = c;
      c = Math.max(1e-6, o * (1 + (r.nextDouble() - 0.5) * 0.2));
      double h = Math.max(o, c) * (1 + r.nextDouble() * 0.05);
      double l = Math.min(o, c) * (1 - r.nextDouble() * 0.05);
      b.add(open, o, h, l, c, r.nextDouble() * 1000);
      open += step;
    }
    return b.build();
  }
}
