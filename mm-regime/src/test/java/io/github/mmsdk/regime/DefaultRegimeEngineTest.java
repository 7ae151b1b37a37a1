package io.github.mmsdk.regime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InsufficientDataException;
import io.github.mmsdk.api.InvalidCandleException;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.api.grid.Spacing;
import io.github.mmsdk.api.regime.ConfidencePenalty;
import io.github.mmsdk.api.regime.GateResult;
import io.github.mmsdk.api.regime.MetricId;
import io.github.mmsdk.api.regime.RegimeEngine;
import io.github.mmsdk.api.regime.RegimeInput;
import io.github.mmsdk.api.regime.RegimeState;
import io.github.mmsdk.api.regime.RegimeVerdict;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DefaultRegimeEngineTest {

  private final RegimeEngine engine = new DefaultRegimeEngine();

  static RegimeInput.Builder input(CandleSeries s) {
    return new RegimeInput.Builder()
        .symbol(s.symbol())
        .asOf(Instant.ofEpochMilli(s.closeTimeMillis(s.size() - 1)))
        .primary(s);
  }

  @Test
  void fillsTheStateCompletelyOnRealData() {
    TestData.assumeData();
    CandleSeries btc = TestData.load("BTC-USDT", Timeframe.H1);
    Instant asOf = Instant.parse("2025-06-01T00:00:00Z");
    RegimeState st = engine.evaluate(input(btc).asOf(asOf).evaluateGates(true).build());
    assertThat(st.symbol()).isEqualTo(Symbol.of("BTC", "USDT"));
    assertThat(st.asOf()).isEqualTo(asOf);
    assertThat(st.metrics()).hasSize(6);
    assertThat(st.unavailable()).isEmpty();
    assertThat(st.isDegraded()).isFalse();
    assertThat(st.votes()).hasSize(6);
    assertThat(st.votes())
        .allSatisfy(
            v ->
                assertThat(v.reason())
                    .startsWith(
                        v.metric().key().replace("normalized_slope", "abs_normalized_slope")));
    assertThat(st.confirmation()).isPresent();
    assertThat(st.confirmation().get().timeframe()).isEqualTo(Timeframe.H4);
    assertThat(st.confirmation().get().metrics()).hasSize(6);
    assertThat(st.confirmation().get().votes()).hasSize(6);
    assertThat(st.reasons()).anySatisfy(r -> assertThat(r).startsWith("1h votes"));
    assertThat(st.reasons()).anySatisfy(r -> assertThat(r).startsWith("4h votes"));
    assertThat(st.confidence()).isBetween(0.0, 0.95);
    assertThat(st.gates()).isPresent();
    assertThat(st.gates().get().gates()).hasSize(3);

    // the values are the metrics of the last candle closed at asOf
    CandleSeries seen = btc.upTo(asOf);
    int last = seen.size() - 1;
    // (the engine replays the last 1000 candles: rolling sums start elsewhere, so not bit-equal)
    assertThat(st.metric(MetricId.BOLLINGER_BANDWIDTH).getAsDouble())
        .isCloseTo(
            BollingerBandwidth.compute(seen).valueOr(last, -1),
            org.assertj.core.data.Offset.offset(1e-9));
    assertThat(st.metric(MetricId.EFFICIENCY_RATIO).getAsDouble())
        .isCloseTo(
            EfficiencyRatio.compute(seen).valueOr(last, -1),
            org.assertj.core.data.Offset.offset(1e-9));
    assertThat(st.metric(MetricId.ADX).getAsDouble())
        .isCloseTo(
            Adx.compute(seen).valueOr(last, -1),
            org.assertj.core.data.Percentage.withPercentage(0.01));
  }

  @Test
  void suppliedFourHourCandlesGiveTheSameConfirmation() {
    TestData.assumeData();
    CandleSeries eth = TestData.load("ETH-USDT", Timeframe.H1);
    CandleSeries eth4 = TestData.load("ETH-USDT", Timeframe.H4);
    Instant asOf = Instant.parse("2025-03-10T12:00:00Z");
    RegimeState aggregated = engine.evaluate(input(eth).asOf(asOf).build());
    RegimeState supplied = engine.evaluate(input(eth).asOf(asOf).confirmation(eth4).build());
    assertThat(supplied.confirmation().get().verdict())
        .isEqualTo(aggregated.confirmation().get().verdict());
    assertThat(supplied.confirmation().get().metrics().get(MetricId.BOLLINGER_BANDWIDTH))
        .isEqualTo(aggregated.confirmation().get().metrics().get(MetricId.BOLLINGER_BANDWIDTH));
    assertThat(supplied.verdict()).isEqualTo(aggregated.verdict());
  }

  @Test
  void trackerAndEngineAgree() {
    CandleSeries s = TestData.random(99, 900, 100, 0.01);
    RegimeTracker tracker = new RegimeTracker();
    for (int i = 0; i < s.size(); i++) {
      tracker.update(s.candle(i));
      if (i >= 120 && i % 97 == 0) {
        RegimeState fromEngine =
            engine.evaluate(input(s).asOf(Instant.ofEpochMilli(s.closeTimeMillis(i))).build());
        RegimeState fromTracker = tracker.evaluate(RegimeContext.of(s.symbol()));
        assertThat(fromTracker).isEqualTo(fromEngine);
        assertThat(tracker.verdict()).isEqualTo(fromEngine.verdict());
        assertThat(tracker.asOf()).contains(fromEngine.asOf());
      }
    }
  }

  @Test
  void degradesWithFourOrFiveMetricsAndRefusesBelow() {
    CandleSeries s = TestData.random(5, 60, 100, 0.01);
    RegimeState five = engine.evaluate(input(s).build());
    assertThat(five.metrics()).hasSize(5);
    assertThat(five.unavailable()).containsOnlyKeys(MetricId.OU_HALF_LIFE);
    assertThat(five.unavailable().get(MetricId.OU_HALF_LIFE)).contains("warming up");
    assertThat(five.isDegraded()).isTrue();
    assertThat(five.reasons())
        .anySatisfy(r -> assertThat(r).contains("degraded").contains("ou_half_life"));
    assertThat(five.penalties())
        .extracting(ConfidencePenalty::name)
        .contains("missing_metrics", "confirmation_missing");
    assertThat(five.confirmation()).isEmpty();

    RegimeState four = engine.evaluate(input(s.slice(0, 30)).build());
    assertThat(four.metrics()).hasSize(4);
    assertThat(four.unavailable())
        .containsOnlyKeys(MetricId.OU_HALF_LIFE, MetricId.AUTOCORRELATION);

    assertThatThrownBy(() -> engine.evaluate(input(s.slice(0, 25)).build()))
        .isInstanceOf(InsufficientDataException.class)
        .satisfies(
            e -> {
              InsufficientDataException x = (InsufficientDataException) e;
              assertThat(x.required()).isEqualTo(4);
              assertThat(x.available()).isEqualTo(3);
            });
    assertThatThrownBy(
            () -> engine.evaluate(input(s).asOf(Instant.ofEpochMilli(s.openTimeMillis(0))).build()))
        .isInstanceOf(InsufficientDataException.class);
  }

  @Test
  void constantPricesAreRefusedNotNaN() {
    CandleSeries flat = TestData.constant(500, 42);
    assertThatThrownBy(() -> engine.evaluate(input(flat).build()))
        .isInstanceOf(InsufficientDataException.class);
    RegimeTracker t = new RegimeTracker();
    t.updateAll(flat);
    assertThatThrownBy(t::verdict).isInstanceOf(InsufficientDataException.class);
  }

  @Test
  void penaltiesAreListedAndConfidenceIsCapped() {
    CandleSeries s = TestData.random(17, 800, 100, 0.01);
    Instant asOf = Instant.ofEpochMilli(s.closeTimeMillis(s.size() - 1));
    double price = s.close(s.size() - 1);
    GridConfig nearBound = grid(price * 0.99, price * 1.5, 3, asOf.minus(Duration.ofHours(10)));
    RegimeState st =
        engine.evaluate(
            input(s)
                .grid(nearBound)
                .previousVerdict(RegimeVerdict.TREND)
                .lastVerdictChange(asOf.minus(Duration.ofHours(5)))
                .build());
    var names = st.penalties().stream().map(ConfidencePenalty::name).collect(Collectors.toList());
    assertThat(names).contains("position_near_bounds", "grid_maturity", "spacing_vs_volatility");
    assertThat(st.penalties()).allSatisfy(p -> assertThat(p.reason()).isNotBlank());
    if (st.verdict() != RegimeVerdict.TREND) {
      assertThat(names).contains("recent_regime_change");
    }
    RegimeState clean = engine.evaluate(input(s).previousVerdict(RegimeVerdict.TREND).build());
    double sum = st.penalties().stream().mapToDouble(ConfidencePenalty::amount).sum();
    double cleanSum = clean.penalties().stream().mapToDouble(ConfidencePenalty::amount).sum();
    assertThat(st.confidence()).isLessThan(clean.confidence() + 1e-12);
    assertThat(st.confidence())
        .isCloseTo(
            Math.max(0, Math.min(0.95, clean.confidence() + cleanSum - sum)),
            org.assertj.core.data.Offset.offset(1e-9));

    GridConfig outside = grid(price * 1.2, price * 1.5, 30, asOf.minus(Duration.ofDays(10)));
    RegimeState out =
        engine.evaluate(
            input(s).grid(outside).lastVerdictChange(asOf.minus(Duration.ofDays(3))).build());
    var outNames =
        out.penalties().stream().map(ConfidencePenalty::name).collect(Collectors.toList());
    assertThat(outNames)
        .contains("position_outside_grid")
        .doesNotContain("grid_maturity", "recent_regime_change");
    GridConfig geometric =
        new GridConfig.Builder()
            .from(grid(price * 0.8, price * 1.2, 200, asOf.minus(Duration.ofDays(10))))
            .spacing(Spacing.GEOMETRIC)
            .build();
    RegimeState geo = engine.evaluate(input(s).grid(geometric).build());
    assertThat(geo.penalties())
        .extracting(ConfidencePenalty::name)
        .contains("spacing_vs_volatility");
  }

  static GridConfig grid(double lower, double upper, int levels, Instant enabled) {
    return new GridConfig.Builder()
        .id("g1")
        .symbol(Symbol.of("TST", "USDT"))
        .lowerPrice(BigDecimal.valueOf(lower))
        .upperPrice(BigDecimal.valueOf(upper))
        .levels(levels)
        .amountPerGrid(BigDecimal.TEN)
        .profitPerGridPct(1)
        .allocation(BigDecimal.valueOf(1000))
        .addHistory(GridHistoryEntry.of(enabled, GridHistoryEntry.Event.ENABLED, "op", "start"))
        .build();
  }

  @Test
  void gatesAreSequential() {
    CandleSeries s = TestData.random(23, 600, 100, 0.01);
    RegimeState st = engine.evaluate(input(s).evaluateGates(true).build());
    var g = st.gates().get().gates();
    assertThat(g).hasSize(3);
    for (int i = 1; i < 3; i++) {
      if (g.get(i - 1).status() != GateResult.Status.PASSED) {
        assertThat(g.get(i).status()).isEqualTo(GateResult.Status.NOT_EVALUATED);
      } else {
        assertThat(g.get(i).status()).isNotEqualTo(GateResult.Status.NOT_EVALUATED);
      }
    }
    assertThat(g.get(0).measured()).containsKeys("adx", "abs_normalized_slope");
    assertThat(engine.evaluate(input(s).build()).gates()).isEmpty();
  }

  @Test
  void gapsAndBadInputAreTypedErrorsWithTheIndexInTheInput() {
    CandleSeries.Builder b = CandleSeries.builder(Symbol.of("TST", "USDT"), Timeframe.H1);
    CandleSeries r = TestData.random(3, 1200, 100, 0.01);
    for (int i = 0; i < r.size(); i++) {
      if (i == 1150) {
        continue; // one hour missing
      }
      b.add(r.openTimeMillis(i), r.open(i), r.high(i), r.low(i), r.close(i), r.volume(i));
    }
    CandleSeries gappy = b.build();
    RegimeEngine strict =
        new DefaultRegimeEngine(new RegimeConfig.Builder().gapPolicy(GapPolicy.REJECT).build());
    assertThatThrownBy(() -> strict.evaluate(input(gappy).build()))
        .isInstanceOf(InvalidCandleException.class)
        .extracting(e -> ((InvalidCandleException) e).index())
        .isEqualTo(1150);
    assertThat(engine.evaluate(input(gappy).build()).metrics()).hasSize(6);
    assertThatThrownBy(() -> engine.evaluate(input(CandleAggregator.toFourHours(r)).build()))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> engine.evaluate(input(r).confirmation(r).build()))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThat(((DefaultRegimeEngine) engine).config()).isEqualTo(RegimeConfig.defaults());
  }
}
