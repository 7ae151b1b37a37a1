package io.github.mmsdk.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.health.HealthStatus;
import io.github.mmsdk.api.store.CycleRecords;
import io.github.mmsdk.api.store.DecisionStore;
import io.github.mmsdk.api.store.StoreException;
import io.github.mmsdk.testkit.store.DecisionStoreContract;
import io.github.mmsdk.testkit.store.InMemoryDecisionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WindowedDecisionStoreTest {

  private static final Instant FROM = Instant.parse("2025-03-01T00:00:00Z");
  private static final Instant BEGIN = Instant.EPOCH;
  private static final Instant END = Instant.parse("2999-01-01T00:00:00Z");

  /** With a window longer than any test's records, it is a plain store and keeps its promises. */
  @Nested
  class Contract extends DecisionStoreContract {
    @Override
    protected DecisionStore newStore() {
      return WindowedDecisionStore.builder().window(Duration.ofDays(3650)).build();
    }
  }

  @Test
  void aBacktestRecordsExactlyAsIntoThePlainStoreAndTheSinkStoreGivesTheSameKpis() {
    Fixtures.assumeData();
    CandleSeries eth = Fixtures.hourly("ETH-USDT");
    Instant to = FROM.plus(Duration.ofDays(60));
    InMemoryDecisionStore plain = new InMemoryDecisionStore();
    BacktestResult expected = backtest(eth, to, plain);

    InMemoryDecisionStore disk = new InMemoryDecisionStore();
    List<CycleRecords> retired = new ArrayList<>();
    WindowedDecisionStore windowed =
        WindowedDecisionStore.builder().retireInto(disk).onRetired(retired::add).build();
    BacktestResult actual = backtest(eth, to, windowed);
    String first = plain.decisions(eth.symbol(), BEGIN, END).get(0).id();
    assertThat(windowed.decision(first)).as("the first decision has left memory").isEmpty();
    assertThat(windowed.retiredDecisions()).isPositive();
    assertThat(windowed.decisionsInMemory()).isBetween(8 * 24, 9 * 24 + 1);
    assertThat(windowed.health().status()).isEqualTo(HealthStatus.UP);
    windowed.close();
    windowed.close(); // twice does nothing

    assertThat(actual).isEqualTo(expected);
    assertThat(expected.gridsStarted()).isPositive();
    assertThat(windowed.retiredDecisions()).isEqualTo(expected.cycles());
    assertThat(windowed.retiredSnapshots()).isEqualTo(expected.cycles());
    assertThat(retired).hasSize((int) expected.cycles());
    assertThat(retired.stream().map(c -> c.decision().orElseThrow()).toList())
        .isEqualTo(plain.decisions(eth.symbol(), BEGIN, END));
    assertThat(windowed.health().status()).isEqualTo(HealthStatus.DOWN);
    assertThatThrownBy(() -> windowed.commitCycle(retired.get(0)))
        .isInstanceOf(StoreException.class);

    Symbol s = eth.symbol();
    assertThat(disk.decisions(s, BEGIN, END)).isEqualTo(plain.decisions(s, BEGIN, END));
    assertThat(disk.snapshots(s, BEGIN, END)).isEqualTo(plain.snapshots(s, BEGIN, END));
    assertThat(disk.grids()).isEqualTo(plain.grids());
    assertThat(disk.controls(BEGIN, END)).isEqualTo(plain.controls(BEGIN, END));
    for (GridConfig g : plain.grids()) {
      assertThat(disk.exitHistory(s, g.id())).isEqualTo(plain.exitHistory(s, g.id()));
    }
    KpiCalculator kpis = KpiCalculator.withDefaultRules();
    KpiReport onDisk = kpis.report(disk, eth, FROM, to.minus(Duration.ofDays(3)));
    assertThat(onDisk).isEqualTo(kpis.report(plain, eth, FROM, to.minus(Duration.ofDays(3))));
    assertThat(onDisk.exit().gridRuns()).isPositive();
  }

  @Test
  void handsOverKpiFiguresAndRecordsWithoutADecision() {
    InMemoryDecisionStore disk = new InMemoryDecisionStore();
    WindowedDecisionStore w = WindowedDecisionStore.builder().retireInto(disk).build();
    Symbol eth = Symbol.of("ETH", "USDT");
    java.time.LocalDate day = java.time.LocalDate.of(2025, 3, 1);
    w.writeKpis(day, java.util.Map.of("ETH-USDT.fer", 0.5));
    for (int d = 0; d < 12; d++) {
      w.commitCycle(
          new CycleRecords.Builder()
              .symbol(eth)
              .asOf(FROM.plus(Duration.ofDays(d)))
              .addIncompleteReasons("fetch_data: no candles")
              .build());
    }
    assertThat(w.kpis(day)).containsEntry("ETH-USDT.fer", 0.5);
    assertThat(w.window()).isEqualTo(Duration.ofDays(8));
    assertThat(w.decisionsInMemory()).isZero();
    assertThat(w.configVersion()).isEmpty();
    w.close();
    assertThat(disk.kpis(day)).containsEntry("ETH-USDT.fer", 0.5);
    assertThat(w.retiredDecisions()).isZero();
    List<DecisionRecord> none = disk.decisions(eth, BEGIN, END);
    assertThat(none).isEmpty();
  }

  @Test
  void refusesAWindowShorterThanTheLongestHorizonAndADay() {
    assertThatThrownBy(() -> WindowedDecisionStore.builder().window(Duration.ofDays(7)).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("PT192H");
    assertThat(WindowedDecisionStore.builder().window(Duration.ofDays(8)).build().window())
        .isEqualTo(Duration.ofDays(8));
  }

  private static BacktestResult backtest(CandleSeries candles, Instant to, DecisionStore store) {
    return Backtest.builder()
        .candles(candles)
        .from(FROM)
        .to(to)
        .followRecommendations(true)
        .store(store)
        .ticker(() -> 0L)
        .wiring(Fixtures.live())
        .build()
        .run();
  }
}
