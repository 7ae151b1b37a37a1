package io.github.mmsdk.samples;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.cycle.CycleResult;
import io.github.mmsdk.api.cycle.MarketMaker;
import io.github.mmsdk.grid.DefaultGridManager;
import io.github.mmsdk.regime.DefaultRegimeEngine;
import io.github.mmsdk.store.git.GitDecisionStore;
import io.github.mmsdk.testkit.TestClock;
import io.github.mmsdk.testkit.exchange.ReplayExchange;
import java.nio.file.Path;
import java.time.Instant;

/** The README's example, compiled here and run by a test so that it cannot rot. */
public final class QuickStart {
  private QuickStart() {}

  /**
   * Runs one decision cycle over a CSV of 1h candles into a local Git store.
   *
   * @param csv a candle file named like {@code ETH-USDT_1h_kucoin.csv}
   * @param store the store's folder; created on first use
   * @param at the decision time
   * @return what the cycle did
   */
  public static CycleResult run(Path csv, Path store, Instant at) {
    // README example: begin
    var clock = TestClock.at(at);
    var exchange = ReplayExchange.builder(clock).addCsv(csv).build();
    var builder = MarketMaker.builder().exchange(exchange).store(GitDecisionStore.open(store));
    builder.regimeEngine(new DefaultRegimeEngine()).gridManager(new DefaultGridManager());
    try (var mm = builder.clock(clock).build()) {
      CycleResult r = mm.runCycle(Symbol.parse("ETH-USDT"), clock.instant());
      // README example: end
      return r;
    }
  }
}
