package io.github.mmsdk.backtest;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.decision.ActionRecord;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.Escalation;
import io.github.mmsdk.api.decision.GridAction;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.decision.RecommendationType;
import io.github.mmsdk.api.decision.RecordMetadata;
import io.github.mmsdk.api.exit.ExitAssessment;
import io.github.mmsdk.api.exit.ExitHistory;
import io.github.mmsdk.api.exit.ExitObservation;
import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.api.regime.RegimeState;
import io.github.mmsdk.api.regime.RegimeVerdict;
import io.github.mmsdk.api.store.CycleRecords;
import io.github.mmsdk.testkit.store.InMemoryDecisionStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A small synthetic world for the KPI tests: an hourly price path, grids with their start and stop
 * history, and one decision per hour carrying the exit assessments of the running grids.
 */
final class KpiScenario {

  static final Symbol ETH = Symbol.parse("ETH-USDT");
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  final InMemoryDecisionStore store = new InMemoryDecisionStore();
  private final Map<String, TreeMap<Integer, ExitState>> states = new LinkedHashMap<>();
  private final Map<String, int[]> runs = new LinkedHashMap<>();
  private final Map<Integer, RegimeVerdict> verdicts = new HashMap<>();
  private final Map<Integer, List<String>> stopRecommendations = new HashMap<>();
  private final List<int[]> executed = new ArrayList<>();

  static Instant hour(int i) {
    return T0.plus(Duration.ofHours(i));
  }

  /**
   * Hourly candles from closes: candle {@code i} opens at {@code hour(i)} at the previous close,
   * closes at {@code closes[i]}, with a 0.1 wick either side.
   */
  static CandleSeries path(double... closes) {
    return path(closes, Map.of());
  }

  /** As {@link #path(double...)}, with some lows pushed down (candle index to low). */
  static CandleSeries path(double[] closes, Map<Integer, Double> lows) {
    CandleSeries.Builder b = CandleSeries.builder(ETH, Timeframe.H1, closes.length);
    double prev = closes.length == 0 ? 0 : closes[0];
    for (int i = 0; i < closes.length; i++) {
      double o = prev;
      double c = closes[i];
      double low = Math.min(Math.min(o, c) - 0.1, lows.getOrDefault(i, Double.MAX_VALUE));
      b.add(hour(i).toEpochMilli(), o, Math.max(o, c) + 0.1, low, c, 1);
      prev = c;
    }
    return b.build();
  }

  /** {@code n} closes at {@code price}. */
  static double[] flat(int n, double price) {
    double[] d = new double[n];
    java.util.Arrays.fill(d, price);
    return d;
  }

  /** Closes {@code a} followed by {@code b}. */
  static double[] concat(double[] a, double[] b) {
    double[] d = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, d, a.length, b.length);
    return d;
  }

  static GridConfig grid(String id, double lower, double upper, Optional<Double> stopLoss) {
    return new GridConfig.Builder()
        .id(id)
        .symbol(ETH)
        .lowerPrice(BigDecimal.valueOf(lower))
        .upperPrice(BigDecimal.valueOf(upper))
        .levels(11)
        .amountPerGrid(BigDecimal.valueOf(100))
        .profitPerGridPct(1.0)
        .stopLossPrice(stopLoss.map(BigDecimal::valueOf))
        .allocation(BigDecimal.valueOf(1100))
        .build();
  }

  /**
   * Adds a grid run from {@code start} to {@code stop} (hours; a negative stop: still running),
   * NORMAL throughout unless {@link #state} says otherwise.
   */
  KpiScenario run(GridConfig g, int start, int stop) {
    GridConfig withStart =
        g.withHistoryEntry(
            GridHistoryEntry.of(hour(start), GridHistoryEntry.Event.ENABLED, "test", "start"));
    if (stop >= 0) {
      withStart =
          withStart.withHistoryEntry(
              GridHistoryEntry.of(hour(stop), GridHistoryEntry.Event.DISABLED, "test", "stop"));
    }
    store.addGrid(withStart);
    runs.put(g.id(), new int[] {start, stop});
    states.put(g.id(), new TreeMap<>());
    return this;
  }

  /** Sets a grid's exit state from hour {@code from} to {@code to}, inclusive. */
  KpiScenario state(String gridId, int from, int to, ExitState state) {
    for (int h = from; h <= to; h++) {
      states.get(gridId).put(h, state);
    }
    return this;
  }

  /** Sets the regime verdict from hour {@code from} to {@code to}, inclusive. */
  KpiScenario verdict(int from, int to, RegimeVerdict v) {
    for (int h = from; h <= to; h++) {
      verdicts.put(h, v);
    }
    return this;
  }

  /** The decision at {@code decisionHour} recommends STOP_GRID and is EXECUTED at {@code at}. */
  KpiScenario executed(String gridId, int decisionHour, int at) {
    stopRecommendations.computeIfAbsent(decisionHour, k -> new ArrayList<>()).add(gridId);
    executed.add(new int[] {decisionHour, at});
    return this;
  }

  /** Writes one decision per hour in {@code [0, hours)}. */
  KpiScenario decide(int hours) {
    for (int h = 0; h < hours; h++) {
      Instant t = hour(h);
      DecisionRecord.Builder d =
          new DecisionRecord.Builder()
              .metadata(
                  new RecordMetadata.Builder()
                      .recordId(id(h))
                      .venue("test")
                      .observedAt(t)
                      .recordedAt(t)
                      .libraryVersion("test")
                      .build())
              .symbol(ETH)
              .regime(
                  new RegimeState.Builder()
                      .symbol(ETH)
                      .asOf(t)
                      .verdict(verdicts.getOrDefault(h, RegimeVerdict.RANGE_OK))
                      .confidence(0.7)
                      .build());
      for (Map.Entry<String, int[]> r : runs.entrySet()) {
        int start = r.getValue()[0];
        int stop = r.getValue()[1];
        if (h > start && (stop < 0 || h <= stop)) {
          TreeMap<Integer, ExitState> s = states.get(r.getKey());
          ExitState now = s.getOrDefault(h, ExitState.NORMAL);
          ExitState before =
              h - 1 > start ? s.getOrDefault(h - 1, ExitState.NORMAL) : ExitState.NORMAL;
          d.addExit(assessment(r.getKey(), t, before, now));
        }
      }
      for (String g : stopRecommendations.getOrDefault(h, List.of())) {
        d.addRecommendation(
            new Recommendation.Builder()
                .type(RecommendationType.GRID_MANAGE)
                .action(GridAction.STOP_GRID)
                .symbol(ETH)
                .gridId(g)
                .confidence(0.8)
                .escalation(Escalation.NOTIFY)
                .autoExecutable(false)
                .build());
      }
      store.commitCycle(new CycleRecords.Builder().symbol(ETH).asOf(t).decision(d.build()).build());
    }
    for (int[] e : executed) {
      store.appendAction(
          new ActionRecord.Builder()
              .decisionId(id(e[0]))
              .kind(ActionRecord.Kind.EXECUTED)
              .actor("operator")
              .at(hour(e[1]))
              .build());
    }
    return this;
  }

  private static String id(int h) {
    return "dec-" + h;
  }

  static ExitAssessment assessment(String gridId, Instant t, ExitState before, ExitState now) {
    return new ExitAssessment.Builder()
        .gridId(gridId)
        .asOf(t)
        .previous(before)
        .state(now)
        .shouldNotify(false)
        .priority(-1)
        .message(now.name())
        .observation(ExitObservation.of(t, now, 0))
        .history(ExitHistory.empty(gridId))
        .build();
  }
}
