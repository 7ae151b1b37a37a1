package io.github.mmsdk.grid;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.decision.ActionRecord;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.decision.RecordMetadata;
import io.github.mmsdk.api.exchange.AccountBalance;
import io.github.mmsdk.api.exchange.FeeRates;
import io.github.mmsdk.api.exchange.MarketData;
import io.github.mmsdk.api.exchange.SymbolRules;
import io.github.mmsdk.api.exit.ExitAssessment;
import io.github.mmsdk.api.exit.ExitCondition;
import io.github.mmsdk.api.exit.ExitHistory;
import io.github.mmsdk.api.exit.ExitObservation;
import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.api.exit.PositionRisk;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.api.regime.GateEvaluation;
import io.github.mmsdk.api.regime.GateResult;
import io.github.mmsdk.api.regime.MetricId;
import io.github.mmsdk.api.regime.RegimeState;
import io.github.mmsdk.api.regime.RegimeVerdict;
import io.github.mmsdk.api.regime.RestartGate;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Values for the decision-side tests. */
final class Fixtures {

  static final Symbol ETH = Symbol.of("ETH", "USDT");
  static final Instant T0 = Instant.parse("2026-02-02T14:00:00Z");

  private Fixtures() {}

  static GateEvaluation gates(boolean pass1, boolean pass2, boolean pass3) {
    List<GateResult> g = new ArrayList<>();
    boolean before = true;
    RestartGate[] all = RestartGate.values();
    boolean[] pass = {pass1, pass2, pass3};
    for (int i = 0; i < 3; i++) {
      GateResult.Status s =
          !before
              ? GateResult.Status.NOT_EVALUATED
              : pass[i] ? GateResult.Status.PASSED : GateResult.Status.FAILED;
      g.add(
          new GateResult.Builder()
              .gate(all[i])
              .status(s)
              .putMeasured("value", 1.0 + i)
              .putThreshold("value", 2.0)
              .reason("gate " + (i + 1))
              .build());
      before = before && pass[i];
    }
    return GateEvaluation.of(g);
  }

  static RegimeState regime(RegimeVerdict v, double confidence, GateEvaluation gates) {
    RegimeState.Builder b = new RegimeState.Builder();
    b.symbol(ETH)
        .asOf(T0)
        .timeframe(Timeframe.H1)
        .verdict(v)
        .confidence(confidence)
        .putMetric(MetricId.BOLLINGER_BANDWIDTH, 0.04);
    if (gates != null) {
      b.gates(gates);
    }
    return b.build();
  }

  static AccountBalance balance(double total, double available) {
    return new AccountBalance.Builder()
        .quoteCurrency("USDT")
        .total(BigDecimal.valueOf(total))
        .available(BigDecimal.valueOf(available))
        .asOf(T0)
        .build();
  }

  static MarketData market(double price, Instant asOf) {
    return new MarketData.Builder()
        .symbol(ETH)
        .lastPrice(BigDecimal.valueOf(price))
        .change24hPct(0.5)
        .volume24h(BigDecimal.valueOf(1000))
        .asOf(asOf)
        .build();
  }

  static SymbolRules rules() {
    return new SymbolRules.Builder()
        .symbol(ETH)
        .baseMinSize(new BigDecimal("0.0001"))
        .baseIncrement(new BigDecimal("0.0001"))
        .quoteMinSize(new BigDecimal("1"))
        .priceIncrement(new BigDecimal("0.01"))
        .build();
  }

  static FeeRates fees(double rate) {
    return FeeRates.of(ETH, BigDecimal.valueOf(rate), BigDecimal.valueOf(rate));
  }

  static GridConfig runningGrid(String id, Symbol symbol, double allocation, Instant since) {
    return new GridConfig.Builder()
        .id(id)
        .symbol(symbol)
        .lowerPrice(BigDecimal.valueOf(1800))
        .upperPrice(BigDecimal.valueOf(2200))
        .levels(21)
        .amountPerGrid(BigDecimal.valueOf(allocation / 20))
        .profitPerGridPct(1)
        .allocation(BigDecimal.valueOf(allocation))
        .addHistory(GridHistoryEntry.of(since, GridHistoryEntry.Event.ENABLED, "op", "start"))
        .build();
  }

  static GridConfig stoppedGrid(String id, Instant started, Instant stopped) {
    return runningGrid(id, ETH, 1000, started)
        .withHistoryEntry(
            GridHistoryEntry.of(stopped, GridHistoryEntry.Event.DISABLED, "system", "exit"));
  }

  static ExitAssessment exit(String gridId, ExitState state) {
    return new ExitAssessment.Builder()
        .gridId(gridId)
        .asOf(T0)
        .previous(ExitState.NORMAL)
        .state(state)
        .addConditions(ExitCondition.of("adx_rising", state, 28, 25, "ADX 28 > 25"))
        .positionRisk(
            new PositionRisk.Builder()
                .inventory(BigDecimal.ONE)
                .averageEntry(BigDecimal.valueOf(2000))
                .unrealizedPnl(BigDecimal.valueOf(-12.5))
                .realizedProfit(BigDecimal.valueOf(30))
                .build())
        .shouldNotify(true)
        .priority(1)
        .message("m")
        .observation(ExitObservation.of(T0, state, 1))
        .history(ExitHistory.empty(gridId))
        .build();
  }

  static RecordMetadata meta(String id, Instant at) {
    return new RecordMetadata.Builder()
        .recordId(id)
        .venue("kucoin")
        .observedAt(at)
        .recordedAt(at)
        .libraryVersion("test")
        .build();
  }

  static DecisionRecord decision(
      String id, Instant at, Recommendation rec, List<ActionRecord> actions) {
    return new DecisionRecord.Builder()
        .metadata(meta(id, at))
        .symbol(ETH)
        .regime(regime(RegimeVerdict.RANGE_OK, 0.85, null))
        .addRecommendations(rec)
        .addAllActions(actions)
        .build();
  }

  static ActionRecord action(String decisionId, ActionRecord.Kind kind, Instant at) {
    return new ActionRecord.Builder()
        .decisionId(decisionId)
        .kind(kind)
        .actor("alice")
        .at(at)
        .build();
  }

  /** A ranging 1h series ending at {@code end}, oscillating around {@code mid}. */
  static CandleSeries ranging(double mid, double amplitudePct, int n, Instant end, long seed) {
    Random r = new Random(seed);
    CandleSeries.Builder b = CandleSeries.builder(ETH, Timeframe.H1, n);
    long step = Duration.ofHours(1).toMillis();
    long first = end.toEpochMilli() - step * n;
    double prev = mid;
    for (int i = 0; i < n; i++) {
      double c = mid * (1 + amplitudePct / 100 * Math.sin(i / 3.0) + r.nextGaussian() * 0.001);
      double h = Math.max(prev, c) * 1.002;
      double l = Math.min(prev, c) * 0.998;
      b.add(first + step * i, prev, h, l, c, 10);
      prev = c;
    }
    return b.build();
  }

  static Map<String, Double> none() {
    return Map.of();
  }
}
