package io.github.mmsdk.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.testkit.store.InMemoryDecisionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Backtests over candles finer than the decisions: 1m candles, hourly decisions. */
class MinuteCandlesBacktestTest {

  private static final Symbol ETH = Symbol.of("ETH", "USDT");
  private static final Instant START = Instant.parse("2023-01-01T00:00:00Z");
  private static final int DAYS = 66;

  @Test
  void decidesHourlyOnTheHoursAggregatedFromTheMinutesAsOnTheHoursThemselves() {
    CandleSeries minutes = MinuteHistory.generate(ETH, START, DAYS * 1440, 7L);
    CandleSeries hours = hourly(minutes);
    assertThat(hours.size()).isEqualTo(DAYS * 24);
    Instant from = START.plus(Duration.ofDays(60));
    Instant to = START.plus(Duration.ofDays(DAYS)).minus(Duration.ofHours(1));

    InMemoryDecisionStore fine = new InMemoryDecisionStore();
    BacktestResult a = backtest(minutes, from, to, fine);
    InMemoryDecisionStore coarse = new InMemoryDecisionStore();
    BacktestResult b = backtest(hours, from, to, coarse);

    assertThat(a.cycles()).isEqualTo(b.cycles()).isEqualTo(6 * 24);
    assertThat(a.incompleteCycles()).isZero();
    assertThat(a.verdicts()).isEqualTo(b.verdicts());
    assertThat(a.recommendations()).isEqualTo(b.recommendations());
    assertThat(a.evaluationsGraded()).isEqualTo(b.evaluationsGraded()).isPositive();
    List<DecisionRecord> x = fine.decisions(ETH, from, to.plusSeconds(1));
    List<DecisionRecord> y = coarse.decisions(ETH, from, to.plusSeconds(1));
    assertThat(x).hasSameSizeAs(y);
    for (int i = 0; i < x.size(); i++) {
      assertThat(x.get(i).regime()).isEqualTo(y.get(i).regime());
      assertThat(x.get(i).recommendations()).isEqualTo(y.get(i).recommendations());
      assertThat(x.get(i).evaluations()).isEqualTo(y.get(i).evaluations());
      // market data follow the finest path: the last price is the last minute's close
      assertThat(x.get(i).marketData().orElseThrow().lastPrice())
          .isEqualByComparingTo(y.get(i).marketData().orElseThrow().lastPrice());
    }
  }

  @Test
  void gridsExecutedOnTheExchangeFillOnTheMinutePathDeterministically() {
    CandleSeries minutes = MinuteHistory.generate(ETH, START, 90 * 1440, 11L);
    Instant from = START.plus(Duration.ofDays(60));
    Instant to = START.plus(Duration.ofDays(90)).minus(Duration.ofHours(1));
    BacktestResult[] runs = new BacktestResult[2];
    String[] records = new String[2];
    for (int i = 0; i < 2; i++) {
      InMemoryDecisionStore store = new InMemoryDecisionStore();
      runs[i] =
          Backtest.builder()
              .candles(minutes)
              .from(from)
              .to(to)
              .store(store)
              .followRecommendations(true)
              .executeGridsOnExchange(true)
              .ticker(() -> 0L)
              .wiring(Fixtures.live())
              .build()
              .run();
      records[i] = store.decisions(ETH, from, to.plusSeconds(1)) + "\n" + store.grids();
    }
    assertThat(runs[0]).isEqualTo(runs[1]);
    assertThat(records[0]).isEqualTo(records[1]);
    assertThat(runs[0].gridsStarted()).isPositive();
    assertThat(runs[0].gridFills()).isPositive();
    BacktestResult storeOnly = backtest(minutes, from, to, new InMemoryDecisionStore());
    assertThat(storeOnly.gridFills()).isZero();
    assertThat(storeOnly.gridsStarted()).isPositive();
  }

  @Test
  void acceptsCandlesThatDivideAnHourAndRefusesCoarserOnes() {
    for (Timeframe tf : List.of(Timeframe.M1, Timeframe.M5, Timeframe.M15, Timeframe.H1)) {
      assertThat(
              Backtest.builder()
                  .candles(CandleSeries.empty(ETH, tf))
                  .from(START)
                  .to(START)
                  .wiring(Fixtures.live())
                  .build()
                  .from())
          .isEqualTo(START);
    }
    assertThatThrownBy(
            () ->
                Backtest.builder()
                    .candles(CandleSeries.empty(ETH, Timeframe.D1))
                    .from(START)
                    .to(START)
                    .wiring(Fixtures.live())
                    .build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("1d");
  }

  private static BacktestResult backtest(
      CandleSeries candles, Instant from, Instant to, InMemoryDecisionStore store) {
    return Backtest.builder()
        .candles(candles)
        .from(from)
        .to(to)
        .store(store)
        .followRecommendations(true)
        .ticker(() -> 0L)
        .wiring(Fixtures.live())
        .build()
        .run();
  }

  /** The complete hours of 1m candles, aggregated by hand. */
  static CandleSeries hourly(CandleSeries m) {
    CandleSeries.Builder b = CandleSeries.builder(m.symbol(), Timeframe.H1, m.size() / 60);
    for (int i = 0; i + 60 <= m.size(); i += 60) {
      double high = m.high(i);
      double low = m.low(i);
      double volume = 0;
      for (int k = i; k < i + 60; k++) {
        high = Math.max(high, m.high(k));
        low = Math.min(low, m.low(k));
        volume += m.volume(k);
      }
      b.add(m.openTimeMillis(i), m.open(i), high, low, m.close(i + 59), volume);
    }
    return b.build();
  }
}
