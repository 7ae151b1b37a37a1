package io.github.mmsdk.ops;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.cycle.CycleResult;
import io.github.mmsdk.api.cycle.CycleStatus;
import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.regime.RegimeEngine;
import io.github.mmsdk.api.regime.RegimeInput;
import io.github.mmsdk.api.regime.RegimeState;
import io.github.mmsdk.api.regime.RegimeVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Test values and a trivial regime engine (mm-ops must not depend on mm-regime). */
final class OpsFixtures {
  private OpsFixtures() {}

  static final Symbol ETH = Symbol.parse("ETH-USDT");
  static final Symbol BTC = Symbol.parse("BTC-USDT");
  static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");

  /** A regime engine that says RANGE_OK as of the close of the newest primary candle. */
  static final class TrivialRegimeEngine implements RegimeEngine {
    @Override
    public RegimeState evaluate(RegimeInput input) {
      CandleSeries p = input.primary();
      Instant newest =
          p.isEmpty() ? input.asOf() : Instant.ofEpochMilli(p.closeTimeMillis(p.size() - 1));
      return new RegimeState.Builder()
          .symbol(input.symbol())
          .asOf(newest)
          .verdict(RegimeVerdict.RANGE_OK)
          .confidence(0.5)
          .addReason("trivial test engine")
          .build();
    }
  }

  static CandleSeries hourly(Symbol s, Instant start, int n) {
    CandleSeries.Builder b = CandleSeries.builder(s, Timeframe.H1, n);
    for (int i = 0; i < n; i++) {
      double p = 100 + Math.sin(i / 5.0) * 5;
      b.add(start.toEpochMilli() + i * 3_600_000L, p, p + 1, p - 1, p + 0.5, 10);
    }
    return b.build();
  }

  static Health healthy() {
    return Health.aggregate(
        "market-maker",
        List.of(Health.up("exchange:fake"), Health.up("store:fake"), Health.up("notifier:fake")));
  }

  /** A complete, fast, fresh cycle result, to be modified by each test. */
  static CycleResult.Builder result(Symbol symbol, Instant asOf) {
    CycleResult.Builder b = new CycleResult.Builder();
    b.correlationId("cyc-" + symbol + "-" + asOf.getEpochSecond())
        .symbol(symbol)
        .asOf(asOf)
        .status(CycleStatus.COMPLETE)
        .regime(
            new RegimeState.Builder()
                .symbol(symbol)
                .asOf(asOf)
                .verdict(RegimeVerdict.RANGE_OK)
                .confidence(0.5)
                .build())
        .duration(Duration.ofSeconds(2))
        .health(healthy());
    return b;
  }
}
