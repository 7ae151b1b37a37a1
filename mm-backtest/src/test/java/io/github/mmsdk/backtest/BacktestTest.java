package io.github.mmsdk.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.cycle.CycleResult;
import io.github.mmsdk.testkit.store.InMemoryDecisionStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BacktestTest {

  private static final Instant FROM = Instant.parse("2025-03-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2025-03-15T00:00:00Z");

  @Test
  void runsOneCycleAtEveryCandleCloseThroughTheFacade() {
    Fixtures.assumeData();
    CandleSeries eth = Fixtures.hourly("ETH-USDT");
    Backtest bt =
        Backtest.builder()
            .candles(eth)
            .from(FROM.plusSeconds(60))
            .to(TO)
            .wiring(Fixtures.live())
            .keepCycleResults(true)
            .build();
    assertThat(bt.from()).isEqualTo(FROM.plus(Duration.ofHours(1)));
    assertThat(bt.to()).isEqualTo(TO);
    BacktestResult r = bt.run();
    long hours = Duration.between(bt.from(), TO).toHours() + 1;
    assertThat(r.cycles()).isEqualTo(hours);
    assertThat(bt.decisionTimes()).hasSize((int) hours);
    assertThat(r.cycleResults()).hasSize((int) hours);
    assertThat(r.cycleResults().get(0).asOf()).isEqualTo(bt.from());
    assertThat(r.cycleResults().get((int) hours - 1).asOf()).isEqualTo(TO);
    assertThat(r.firstDecision()).isEqualTo(bt.from());
    assertThat(r.lastDecision()).isEqualTo(TO);
    assertThat(r.verdicts().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(r.cycles());
    assertThat(r.recommendationCount())
        .isEqualTo(r.cycleResults().stream().mapToLong(c -> c.recommendations().size()).sum());
    assertThat(r.exitTransitionCount()).isGreaterThanOrEqualTo(0);
    // every 24h horizon of the first 13 days has matured, and was graded
    assertThat(r.evaluationsGraded())
        .isEqualTo(r.cycleResults().stream().mapToLong(c -> c.evaluations().size()).sum())
        .isGreaterThan(24 * 12);
    assertThat(r.incompleteCycles())
        .isEqualTo(
            r.cycleResults().stream()
                .filter(c -> c.status() != io.github.mmsdk.api.cycle.CycleStatus.COMPLETE)
                .count());
    assertThat(r.cyclesPerSecond()).isPositive();
    assertThat(r.summary()).contains("ETH-USDT").contains(r.cycles() + " cycles");
    assertThat(bt.store().decisions(eth.symbol(), FROM, TO.plusSeconds(1))).hasSize((int) hours);
    // no cycle saw a candle closing after its decision time
    for (CycleResult c : r.cycleResults()) {
      assertThat(c.regime()).isPresent();
      assertThat(c.regime().get().asOf()).isEqualTo(c.asOf());
    }
  }

  @Test
  void theSameInputGivesByteIdenticalRecords() {
    Fixtures.assumeData();
    CandleSeries eth = Fixtures.hourly("ETH-USDT");
    String[] runs = new String[2];
    for (int i = 0; i < 2; i++) {
      Backtest bt =
          Backtest.builder().candles(eth).from(FROM).to(TO).wiring(Fixtures.live()).build();
      bt.run();
      runs[i] = Fixtures.render(bt.store(), eth, FROM, TO);
    }
    assertThat(runs[0]).isNotEmpty().isEqualTo(runs[1]);
    assertThat(runs[0].lines()).hasSize((int) Duration.between(FROM, TO).toHours() + 1);
  }

  @Test
  void theIncrementalAndTheStatelessRegimeEngineDecideAlike() {
    Fixtures.assumeData();
    CandleSeries sol = Fixtures.hourly("SOL-USDT");
    BacktestResult a =
        Backtest.builder().candles(sol).from(FROM).to(TO).wiring(Fixtures.live()).build().run();
    BacktestResult b =
        Backtest.builder()
            .candles(sol)
            .from(FROM)
            .to(TO)
            .wiring(Fixtures.stateless())
            .build()
            .run();
    assertThat(a.verdicts()).isEqualTo(b.verdicts());
    assertThat(a.recommendations()).isEqualTo(b.recommendations());
    assertThat(a.evaluationsGraded()).isEqualTo(b.evaluationsGraded());
  }

  @Test
  void usesTheGivenStoreCadenceCapitalAndConfirmationSeries() {
    Fixtures.assumeData();
    CandleSeries btc = Fixtures.hourly("BTC-USDT");
    CandleSeries four =
        io.github.mmsdk.testkit.exchange.CsvCandles.read(
            Fixtures.dataDir().resolve("BTC-USDT_4h_kucoin.csv"));
    InMemoryDecisionStore store = new InMemoryDecisionStore();
    Backtest bt =
        Backtest.builder()
            .candles(btc)
            .confirmation(four)
            .from(FROM)
            .to(FROM.plus(Duration.ofDays(2)))
            .cadence(Duration.ofHours(4))
            .store(store)
            .capital(new BigDecimal("500"))
            .quoteCurrency("USDT")
            .ticker(() -> 0L)
            .wiring(Fixtures.live())
            .build();
    BacktestResult r = bt.run();
    assertThat(bt.store()).isSameAs(store);
    assertThat(r.cycles()).isEqualTo(13);
    assertThat(r.wallTime()).isZero();
    assertThat(r.cyclesPerSecond()).isZero();
    assertThat(r.cycleResults()).isEmpty();
    assertThat(store.decisions(btc.symbol(), FROM, FROM.plus(Duration.ofDays(3)))).hasSize(13);
  }

  @Test
  void aFollowingOperatorStartsAndStopsGridsSoExitsAreAssessed() {
    Fixtures.assumeData();
    CandleSeries eth = Fixtures.hourly("ETH-USDT");
    Instant to = FROM.plus(Duration.ofDays(60));
    String[] runs = new String[2];
    BacktestResult r = null;
    for (int i = 0; i < 2; i++) {
      Backtest bt =
          Backtest.builder()
              .candles(eth)
              .from(FROM)
              .to(to)
              .followRecommendations(true)
              .keepCycleResults(true)
              .wiring(Fixtures.live())
              .build();
      r = bt.run();
      runs[i] = Fixtures.render(bt.store(), eth, FROM, to) + bt.store().grids();
      assertThat(bt.store().grids()).hasSize((int) r.gridsStarted());
    }
    assertThat(runs[0]).isEqualTo(runs[1]);
    assertThat(r.gridsStarted()).isPositive();
    assertThat(r.cycleResults().stream().mapToLong(c -> c.exits().size()).sum()).isPositive();
    assertThat(r.gridsStopped()).isLessThanOrEqualTo(r.gridsStarted());
    assertThat(r.summary()).contains("cycles");
  }

  @Test
  void refusesAnIncompleteOrInconsistentSetup() {
    CandleSeries h1 =
        CandleSeries.empty(io.github.mmsdk.api.Symbol.parse("ETH-USDT"), Timeframe.H1);
    CandleSeries h4 = CandleSeries.empty(h1.symbol(), Timeframe.H4);
    MarketMakerFactory w = Fixtures.live();
    assertThatThrownBy(() -> Backtest.builder().candles(h1).from(FROM).to(TO).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> Backtest.builder().candles(h4).from(FROM).to(TO).wiring(w).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(
            () ->
                Backtest.builder().candles(h1).confirmation(h1).from(FROM).to(TO).wiring(w).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(
            () ->
                Backtest.builder()
                    .candles(h1)
                    .from(FROM)
                    .to(TO)
                    .cadence(Duration.ofSeconds(90))
                    .wiring(w)
                    .build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> Backtest.builder().candles(h1).from(TO).to(FROM).wiring(w).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(
            () ->
                Backtest.builder()
                    .candles(h1)
                    .from(FROM)
                    .to(TO)
                    .capital(BigDecimal.ZERO)
                    .wiring(w)
                    .build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(
            () ->
                Backtest.builder()
                    .candles(h1)
                    .from(FROM)
                    .to(TO)
                    .wiring((e, s, c) -> null)
                    .build()
                    .run())
        .isInstanceOf(InvalidConfigurationException.class);
  }
}
