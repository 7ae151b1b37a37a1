package io.github.mmsdk.exit;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.exit.ExitAssessment;
import io.github.mmsdk.api.exit.ExitHistory;
import io.github.mmsdk.api.exit.ExitInput;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.api.regime.MetricId;
import io.github.mmsdk.api.regime.RegimeState;
import io.github.mmsdk.api.regime.RegimeVerdict;
import io.github.mmsdk.api.regime.TimeframeView;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** Grids, regime states and price paths for the exit tests (built directly: no mm-regime). */
final class Fixtures {

  static final Symbol ETH = Symbol.of("ETH", "USDT");
  static final Instant T0 = Instant.parse("2025-01-06T00:00:00Z");
  static final Duration HOUR = Duration.ofHours(1);

  /**
   * The example tests' configuration: the defaults with the seed's shorter escalation (2
   * consecutive evaluations) and LATEST_ACCEPTABLE_EXIT on 2 conditions, so that each scenario
   * stays a few hours long.
   */
  static final ExitConfig FAST =
      new ExitConfig.Builder().escalationPersistence(2).latestMinConditions(2).build();

  private Fixtures() {}

  static GridConfig grid(double lower, double upper, int levels, Double stopLoss) {
    GridConfig.Builder b = new GridConfig.Builder();
    b.id("eth-grid-1")
        .symbol(ETH)
        .lowerPrice(BigDecimal.valueOf(lower))
        .upperPrice(BigDecimal.valueOf(upper))
        .levels(levels)
        .amountPerGrid(BigDecimal.valueOf(50))
        .profitPerGridPct(1.0)
        .allocation(BigDecimal.valueOf(1000))
        .addHistory(GridHistoryEntry.of(T0, GridHistoryEntry.Event.ENABLED, "op", "start"));
    if (stopLoss != null) {
      b.stopLossPrice(BigDecimal.valueOf(stopLoss));
    }
    return b.build();
  }

  static GridConfig grid() {
    return grid(1800, 2200, 21, 1700.0);
  }

  static Map<MetricId, Double> calm() {
    Map<MetricId, Double> m = new EnumMap<>(MetricId.class);
    m.put(MetricId.ADX, 15.0);
    m.put(MetricId.EFFICIENCY_RATIO, 0.1);
    m.put(MetricId.AUTOCORRELATION, -0.2);
    m.put(MetricId.OU_HALF_LIFE, 10.0);
    m.put(MetricId.NORMALIZED_SLOPE, 0.01);
    m.put(MetricId.BOLLINGER_BANDWIDTH, 0.02);
    return m;
  }

  static Map<MetricId, Double> trending() {
    Map<MetricId, Double> m = new EnumMap<>(MetricId.class);
    m.put(MetricId.ADX, 35.0);
    m.put(MetricId.EFFICIENCY_RATIO, 0.7);
    m.put(MetricId.AUTOCORRELATION, 0.2);
    m.put(MetricId.OU_HALF_LIFE, Double.POSITIVE_INFINITY);
    m.put(MetricId.NORMALIZED_SLOPE, -0.3);
    m.put(MetricId.BOLLINGER_BANDWIDTH, 0.1);
    return m;
  }

  static RegimeState regime(
      Instant asOf,
      RegimeVerdict verdict,
      double confidence,
      RegimeVerdict confirmation,
      Map<MetricId, Double> metrics) {
    RegimeState.Builder b =
        new RegimeState.Builder()
            .symbol(ETH)
            .asOf(asOf)
            .verdict(verdict)
            .confidence(confidence)
            .putAllMetrics(metrics);
    for (MetricId id : MetricId.values()) {
      if (!metrics.containsKey(id)) {
        b.putUnavailable(id, "needs 100 candles, had 50");
      }
    }
    if (confirmation != null) {
      b.confirmation(
          new TimeframeView.Builder()
              .timeframe(Timeframe.H4)
              .verdict(confirmation)
              .putAllMetrics(metrics)
              .build());
    }
    return b.build();
  }

  static RegimeState calmRegime(Instant asOf) {
    return regime(asOf, RegimeVerdict.RANGE_OK, 0.8, RegimeVerdict.RANGE_OK, calm());
  }

  /** A 1h path from {@link #T0}: {@code n} candles at a price with a 0.2 % wiggle. */
  static CandleSeries flat(int n, double price) {
    CandleSeries.Builder b = CandleSeries.builder(ETH, Timeframe.H1, n);
    for (int i = 0; i < n; i++) {
      double o = price * (i % 2 == 0 ? 0.999 : 1.001);
      double c = price * (i % 2 == 0 ? 1.001 : 0.999);
      b.add(T0.plus(HOUR.multipliedBy(i)).toEpochMilli(), o, price * 1.002, price * 0.998, c, 1);
    }
    return b.build();
  }

  /** A 1h path through the given closes (open = previous close, 0.1 % wicks). */
  static CandleSeries path(double... closes) {
    CandleSeries.Builder b = CandleSeries.builder(ETH, Timeframe.H1, closes.length);
    double prev = closes[0];
    for (int i = 0; i < closes.length; i++) {
      double c = closes[i];
      double h = Math.max(prev, c) * 1.001;
      double l = Math.min(prev, c) * 0.999;
      b.add(T0.plus(HOUR.multipliedBy(i)).toEpochMilli(), prev, h, l, c, 1);
      prev = c;
    }
    return b.build();
  }

  /** Evaluates hour after hour, carrying the history as a store would. */
  static final class Driver {
    final DefaultExitEvaluator evaluator;
    final GridConfig grid;
    ExitHistory history;

    Driver(ExitConfig config, GridConfig grid) {
      this.evaluator = new DefaultExitEvaluator(config);
      this.grid = grid;
      this.history = ExitHistory.empty(grid.id());
    }

    Driver() {
      this(FAST, grid());
    }

    /** Evaluates at the close of candle {@code i} of {@code candles}. */
    ExitAssessment at(CandleSeries candles, int i, RegimeState regime) {
      Instant asOf = Instant.ofEpochMilli(candles.closeTimeMillis(i));
      ExitAssessment a =
          evaluator.evaluate(
              new ExitInput.Builder()
                  .asOf(asOf)
                  .regime(regime)
                  .grid(grid)
                  .candles(candles.slice(0, i + 1))
                  .history(history)
                  .build());
      history = a.history();
      return a;
    }
  }
}
