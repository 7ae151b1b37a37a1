package io.github.mmsdk.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.regime.RegimeVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class KpiCalculatorTest {

  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  /** A flat range of 100 hours around 100, then a jump to 120 that holds. */
  private static CandleSeries rangeThenBreakout(boolean up) {
    CandleSeries.Builder b = CandleSeries.builder(Symbol.parse("ETH-USDT"), Timeframe.H1, 200);
    long t = START.toEpochMilli();
    for (int i = 0; i < 200; i++) {
      double c = i < 100 ? 100 + (i % 2 == 0 ? 1 : -1) : (up ? 120 : 80);
      b.add(t, c, c + 0.5, c - 0.5, c, 10);
      t += 3_600_000L;
    }
    return b.build();
  }

  private static Instant hour(int i) {
    return START.plus(Duration.ofHours(i));
  }

  @Test
  void labelsOneBreakoutAndMeasuresWarningAndDetection() {
    CandleSeries s = rangeThenBreakout(true);
    Instant breakout = hour(101); // the close of candle 100
    assertThat(KpiCalculator.breakouts(s, START, hour(200))).containsExactly(breakout);
    NavigableMap<Instant, RegimeVerdict> v = new TreeMap<>();
    for (int i = 80; i <= 150; i++) {
      RegimeVerdict verdict =
          i < 96
              ? RegimeVerdict.RANGE_OK
              : i < 104 ? RegimeVerdict.TRANSITION : RegimeVerdict.TREND;
      v.put(hour(i), verdict);
    }
    RegimeKpis k = KpiCalculator.regimeKpis(s, v, START, hour(200));
    assertThat(k.breakouts()).isEqualTo(1);
    assertThat(k.warnedTwoHoursAhead()).isEqualTo(1);
    assertThat(k.medianWarningWindow()).contains(Duration.ofHours(5));
    assertThat(k.detected()).isEqualTo(1);
    assertThat(k.medianTimeToDetect()).contains(Duration.ofHours(3));
    assertThat(k.warningRate()).isEqualTo(1.0);
    assertThat(k.detectionRate()).isEqualTo(1.0);
  }

  @Test
  void aLateWarningAndNoTrendCountAsMissed() {
    CandleSeries s = rangeThenBreakout(false);
    NavigableMap<Instant, RegimeVerdict> v = new TreeMap<>();
    for (int i = 80; i <= 150; i++) {
      v.put(hour(i), i < 100 ? RegimeVerdict.RANGE_OK : RegimeVerdict.RANGE_WEAK);
    }
    v.put(hour(100), RegimeVerdict.TRANSITION); // only one hour ahead
    RegimeKpis k = KpiCalculator.regimeKpis(s, v, START, hour(200));
    assertThat(k.breakouts()).isEqualTo(1);
    assertThat(k.warnedTwoHoursAhead()).isZero();
    assertThat(k.detected()).isZero();
    assertThat(k.medianWarningWindow()).isEmpty();
    assertThat(k.medianTimeToDetect()).isEmpty();
    assertThat(k.warningRate()).isZero();
  }

  @Test
  void noBreakoutOutsideThePeriodOrInAWideRange() {
    CandleSeries s = rangeThenBreakout(true);
    assertThat(KpiCalculator.breakouts(s, hour(150), hour(200))).isEmpty();
    RegimeKpis k = KpiCalculator.regimeKpis(s, new TreeMap<>(), hour(150), hour(200));
    assertThat(k.breakouts()).isZero();
    assertThat(k.warningRate()).isZero();
    assertThat(k.detectionRate()).isZero();
    CandleSeries.Builder b = CandleSeries.builder(Symbol.parse("ETH-USDT"), Timeframe.H1, 200);
    long t = START.toEpochMilli();
    for (int i = 0; i < 200; i++) {
      double c = i < 100 ? 100 + (i % 2 == 0 ? 20 : -20) : 160;
      b.add(t, c, c + 0.5, c - 0.5, c, 10);
      t += 3_600_000L;
    }
    assertThat(KpiCalculator.breakouts(b.build(), START, hour(200))).isEmpty();
    assertThatThrownBy(
            () ->
                KpiCalculator.breakouts(
                    CandleSeries.empty(Symbol.parse("ETH-USDT"), Timeframe.H4), START, hour(1)))
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @Test
  void readsTheVerdictTimelineFromStoredDecisions() {
    Fixtures.assumeData();
    CandleSeries eth = Fixtures.hourly("ETH-USDT");
    Instant from = Instant.parse("2025-03-01T00:00:00Z");
    Instant to = from.plus(Duration.ofDays(3));
    Backtest bt = Backtest.builder().candles(eth).from(from).to(to).wiring(Fixtures.live()).build();
    BacktestResult r = bt.run();
    NavigableMap<Instant, RegimeVerdict> v =
        KpiCalculator.verdicts(bt.store().decisions(eth.symbol(), from, to.plusSeconds(1)));
    assertThat(v).hasSize((int) r.cycles());
    assertThat(v.firstKey()).isEqualTo(from);
    assertThat(v.values().stream().filter(x -> x != null).count()).isEqualTo(r.cycles());
  }
}
