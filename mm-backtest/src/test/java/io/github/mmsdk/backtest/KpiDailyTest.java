package io.github.mmsdk.backtest;

import static io.github.mmsdk.backtest.KpiScenario.flat;
import static io.github.mmsdk.backtest.KpiScenario.grid;
import static io.github.mmsdk.backtest.KpiScenario.hour;
import static io.github.mmsdk.backtest.KpiScenario.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.api.store.RecordImmutableException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The daily figures: complete days only, written once, every pair in one file per day. */
class KpiDailyTest {

  private static final LocalDate DAY1 = LocalDate.of(2025, 1, 1);

  private static KpiScenario scenario() {
    return new KpiScenario()
        .run(grid("g1", 95, 105, Optional.of(92.0)), 10, 20)
        .state("g1", 20, 20, ExitState.LATEST_ACCEPTABLE_EXIT)
        .run(grid("g2", 95, 105, Optional.of(92.0)), 30, 61)
        .state("g2", 60, 61, ExitState.LATEST_ACCEPTABLE_EXIT)
        .decide(300);
  }

  @Test
  void writesEveryCompleteDayOnceAndSkipsStoredDaysOnARerun() {
    CandleSeries c = path(flat(300, 100)); // to 2025-01-13T12:00
    KpiScenario s = scenario();
    KpiCalculator kpi = KpiCalculator.withDefaultRules();
    // the last day whose end + 96 h is known: 2025-01-08 (ends 01-09T00:00, + 96 h = 01-13T00:00)
    assertThat(kpi.lastCompleteDay(c, hour(1000))).contains(LocalDate.of(2025, 1, 8));
    assertThat(kpi.lastCompleteDay(c, hour(250))).contains(LocalDate.of(2025, 1, 6));
    List<LocalDate> written = kpi.writeDailyKpis(s.store, List.of(c), DAY1, hour(300));
    assertThat(written).hasSize(8).startsWith(DAY1).endsWith(LocalDate.of(2025, 1, 8));
    Map<String, Double> day1 = s.store.kpis(DAY1);
    // g1 runs and signals (falsely) on day 1; g2 restarts on day 2 and signals on day 3
    assertThat(day1)
        .containsEntry("ETH-USDT.grid_runs", 1.0)
        .containsEntry("ETH-USDT.exit_signals", 1.0)
        .containsEntry("ETH-USDT.false_exits", 1.0)
        .containsEntry("ETH-USDT.fer", 1.0)
        .containsEntry("ETH-USDT.restarts", 0.0)
        .doesNotContainKey("ETH-USDT.rrr");
    assertThat(s.store.kpis(DAY1.plusDays(1)))
        .containsEntry("ETH-USDT.grid_runs", 1.0)
        .containsEntry("ETH-USDT.restarts", 1.0)
        .containsEntry("ETH-USDT.rrr", 1.0);
    assertThat(s.store.kpis(DAY1.plusDays(2))).containsEntry("ETH-USDT.exit_signals", 1.0);
    assertThat(s.store.kpis(LocalDate.of(2025, 1, 5))).containsEntry("ETH-USDT.grid_runs", 0.0);
    assertThat(s.store.kpis(LocalDate.of(2025, 1, 9))).isEmpty();
    // a re-run writes nothing; a later one adds only the newly complete days
    assertThat(kpi.writeDailyKpis(s.store, List.of(c), DAY1, hour(300))).isEmpty();
    CandleSeries longer = path(flat(350, 100));
    assertThat(kpi.writeDailyKpis(s.store, List.of(longer), DAY1, hour(350)))
        .containsExactly(LocalDate.of(2025, 1, 9), LocalDate.of(2025, 1, 10));
    assertThat(s.store.kpis(DAY1)).isEqualTo(day1);
    assertThatThrownBy(() -> s.store.writeKpis(DAY1, Map.of("x", 1.0)))
        .isInstanceOf(RecordImmutableException.class);
  }

  @Test
  void everyPairGoesIntoTheSameDayAndTheShortestSeriesBoundsTheDays() {
    CandleSeries eth = path(flat(300, 100));
    CandleSeries.Builder b = CandleSeries.builder(Symbol.parse("BTC-USDT"), Timeframe.H1, 200);
    for (int i = 0; i < 200; i++) {
      b.add(hour(i).toEpochMilli(), 50, 51, 49, 50, 1);
    }
    KpiScenario s = scenario();
    List<LocalDate> written =
        KpiCalculator.withDefaultRules()
            .writeDailyKpis(s.store, List.of(eth, b.build()), DAY1, hour(300));
    // BTC's 200 hours end 2025-01-09T08:00: complete up to 2025-01-04
    assertThat(written).hasSize(4).endsWith(LocalDate.of(2025, 1, 4));
    assertThat(s.store.kpis(DAY1))
        .containsKeys("ETH-USDT.grid_runs", "BTC-USDT.grid_runs", "BTC-USDT.breakouts");
    assertThat(s.store.kpis(DAY1).get("BTC-USDT.grid_runs")).isZero();
  }

  @Test
  void nothingIsWrittenWithoutCandlesOrBeforeTheFirstCompleteDay() {
    KpiScenario s = scenario();
    KpiCalculator kpi = KpiCalculator.withDefaultRules();
    CandleSeries none = CandleSeries.empty(KpiScenario.ETH, Timeframe.H1);
    assertThat(kpi.lastCompleteDay(none, hour(300))).isEmpty();
    assertThat(kpi.writeDailyKpis(s.store, List.of(none), DAY1, hour(300))).isEmpty();
    assertThat(kpi.writeDailyKpis(s.store, List.of(path(flat(300, 100))), DAY1, hour(50)))
        .isEmpty();
    assertThat(kpi.daily(s.store, path(flat(300, 100)), DAY1, DAY1.minusDays(1))).isEmpty();
  }

  @Test
  void rulesAreCheckedAndFourHourCandlesRefused() {
    assertThatThrownBy(() -> new KpiRules.Builder().breakoutHold(Duration.ofMinutes(30)).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> new KpiRules.Builder().feeRate(1).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> new KpiRules.Builder().rangeHours(1).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> new KpiRules.Builder().maxRangeWidth(0).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> new KpiRules.Builder().defaultStopDistancePct(100).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> new KpiRules.Builder().rangeBreakoutHold(Duration.ZERO).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> new KpiRules.Builder().exitSignalState(ExitState.NORMAL).build())
        .isInstanceOf(InvalidConfigurationException.class);
    CandleSeries four = CandleSeries.empty(KpiScenario.ETH, Timeframe.H4);
    KpiScenario s = scenario();
    Instant t = hour(0);
    assertThatThrownBy(() -> KpiCalculator.withDefaultRules().report(s.store, four, t, t))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThat(KpiCalculator.withRules(KpiRules.defaults()).rules()).isEqualTo(KpiRules.defaults());
  }
}
