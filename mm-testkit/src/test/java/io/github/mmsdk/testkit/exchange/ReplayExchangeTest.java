package io.github.mmsdk.testkit.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InvalidCandleException;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.exchange.AuthenticationException;
import io.github.mmsdk.api.exchange.PermanentExchangeException;
import io.github.mmsdk.api.exchange.SymbolRules;
import io.github.mmsdk.api.health.HealthStatus;
import io.github.mmsdk.testkit.TestClock;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayExchangeTest {
  private static final Symbol ETH = Symbol.of("ETH", "USDT");
  private static final Path DATA =
      Path.of(System.getProperty("mm.shared.dir", "../../shared")).resolve("data");

  @Test
  void only_candles_closed_at_the_clock_are_returned() {
    Instant start = ReplayExchangeContractTest.START;
    CandleSeries h1 = ReplayExchangeContractTest.synthetic(ETH, Timeframe.H1, start, 48);
    TestClock clock = TestClock.at(start.plus(Duration.ofMinutes(150)));
    ReplayExchange ex = ReplayExchange.of(clock, h1);
    Instant far = start.plus(Duration.ofDays(10));
    assertThat(ex.candles(ETH, Timeframe.H1, start, far).size()).isEqualTo(2);
    clock.advance(Duration.ofMinutes(30));
    assertThat(ex.candles(ETH, Timeframe.H1, start, far).size()).isEqualTo(3);
    assertThat(ex.candles(ETH, Timeframe.H4, start, far).isEmpty()).isTrue();
    clock.advance(Duration.ofHours(1));
    assertThat(ex.candles(ETH, Timeframe.H4, start, far).size()).isEqualTo(1);
    assertThat(ex.marketData(ETH).lastPrice().doubleValue()).isEqualTo(h1.close(3));
    assertThat(ex.marketData(ETH).asOf()).isEqualTo(clock.instant());
  }

  @Test
  void windows_respect_the_clock_for_every_cut() {
    Instant start = ReplayExchangeContractTest.START;
    CandleSeries h1 = ReplayExchangeContractTest.synthetic(ETH, Timeframe.H1, start, 200);
    qt().withFixedSeed(20261123L)
        .withExamples(100)
        .forAll(integers().between(0, 200 * 60), integers().between(0, 200 * 60))
        .checkAssert(
            (nowMin, fromMin) -> {
              TestClock clock = TestClock.at(start.plus(Duration.ofMinutes(nowMin)));
              ReplayExchange ex = ReplayExchange.of(clock, h1);
              Instant from = start.plus(Duration.ofMinutes(fromMin));
              CandleSeries s = ex.candles(ETH, Timeframe.H1, from, start.plus(Duration.ofDays(30)));
              for (int i = 0; i < s.size(); i++) {
                assertThat(s.closeTimeMillis(i)).isLessThanOrEqualTo(clock.millis());
                assertThat(s.openTimeMillis(i)).isGreaterThanOrEqualTo(from.toEpochMilli());
              }
              long expected = Math.max(0, nowMin / 60 - (fromMin + 59) / 60);
              assertThat(s.size()).isEqualTo((int) expected);
            });
  }

  @Test
  void failures_are_typed() {
    TestClock clock = TestClock.at(ReplayExchangeContractTest.START.plus(Duration.ofDays(3)));
    ReplayExchange ex =
        ReplayExchange.builder(clock)
            .id("rp")
            .add(
                ReplayExchangeContractTest.synthetic(
                    ETH, Timeframe.H1, ReplayExchangeContractTest.START, 100))
            .fees(new BigDecimal("0.0008"), new BigDecimal("0.001"))
            .build();
    assertThat(ex.id()).isEqualTo("rp");
    assertThat(ex.feeRates(ETH).maker()).isEqualByComparingTo("0.0008");
    assertThat(ex.clock()).isSameAs(clock);
    assertThat(ex.toString()).contains("rp");
    assertThatThrownBy(
            () ->
                ex.candles(ETH, Timeframe.M5, clock.instant().minusSeconds(9000), clock.instant()))
        .isInstanceOfSatisfying(
            PermanentExchangeException.class,
            e -> assertThat(e.code()).isEqualTo("unsupported_timeframe"));
    assertThatThrownBy(() -> ex.keyPermissions()).isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> ex.symbolRules(Symbol.of("X", "Y")))
        .isInstanceOf(PermanentExchangeException.class);
    assertThat(ex.candleStream()).isEmpty();
    assertThat(ex.openOrders()).isEmpty();
    assertThat(ex.gridExecution()).isEmpty();
    assertThat(ex.health().status()).isEqualTo(HealthStatus.UP);
    ex.close();
    assertThat(ex.health().status()).isEqualTo(HealthStatus.DOWN);
    assertThatThrownBy(() -> ex.marketData(ETH)).isInstanceOf(PermanentExchangeException.class);
  }

  @Test
  void no_market_data_before_the_first_close() {
    TestClock clock = TestClock.at(ReplayExchangeContractTest.START);
    SymbolRules rules =
        new SymbolRules.Builder()
            .symbol(ETH)
            .baseMinSize(BigDecimal.ONE)
            .baseIncrement(BigDecimal.ONE)
            .quoteMinSize(BigDecimal.ONE)
            .priceIncrement(BigDecimal.ONE)
            .build();
    ReplayExchange ex =
        ReplayExchange.builder(clock)
            .add(
                ReplayExchangeContractTest.synthetic(
                    ETH, Timeframe.H1, ReplayExchangeContractTest.START, 10))
            .symbolRules(rules)
            .build();
    assertThat(ex.symbolRules(ETH)).isEqualTo(rules);
    assertThatThrownBy(() -> ex.marketData(ETH))
        .isInstanceOfSatisfying(
            PermanentExchangeException.class, e -> assertThat(e.code()).isEqualTo("no_data"));
  }

  @Test
  void real_4h_candles_equal_the_aggregated_1h_candles() {
    Assumptions.assumeTrue(
        Files.isDirectory(DATA), "../shared/data absent: skipping real-data test");
    CandleSeries h4 = CsvCandles.read(DATA.resolve("ETH-USDT_4h_kucoin.csv"));
    TestClock clock = TestClock.at(Instant.parse("2026-04-28T00:00:00Z"));
    ReplayExchange ex =
        ReplayExchange.builder(clock).addCsv(DATA.resolve("ETH-USDT_1h_kucoin.csv")).build();
    CandleSeries agg = ex.candles(ETH, Timeframe.H4, h4.openTime(0), clock.instant());
    assertThat(agg.size()).isEqualTo(h4.size());
    for (int i = 0; i < h4.size(); i += 97) {
      assertThat(agg.candle(i).openTime()).isEqualTo(h4.candle(i).openTime());
      assertThat(agg.close(i)).isEqualTo(h4.close(i));
      assertThat(agg.high(i)).isEqualTo(h4.high(i));
      assertThat(agg.low(i)).isEqualTo(h4.low(i));
      assertThat(agg.volume(i)).isCloseTo(h4.volume(i), org.assertj.core.data.Offset.offset(1e-6));
    }
    assertThat(ex.marketData(ETH).change24hPct()).isBetween(-50.0, 50.0);
  }

  @Test
  void csv_errors_are_typed(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("ETH-USDT_1h_test.csv");
    Files.writeString(bad, "wrong header\n");
    assertThatThrownBy(() -> CsvCandles.read(bad))
        .isInstanceOf(InvalidConfigurationException.class);
    Files.writeString(bad, CsvCandles.HEADER + "\n1,2,3\n");
    assertThatThrownBy(() -> CsvCandles.read(bad))
        .isInstanceOf(InvalidConfigurationException.class);
    Files.writeString(bad, CsvCandles.HEADER + "\n3600000,1,x,1,1,1\n");
    assertThatThrownBy(() -> CsvCandles.read(bad))
        .isInstanceOf(InvalidConfigurationException.class);
    Files.writeString(bad, CsvCandles.HEADER + "\n3600000,1,0.5,1,1,1\n");
    assertThatThrownBy(() -> CsvCandles.read(bad)).isInstanceOf(InvalidCandleException.class);
    Files.writeString(bad, CsvCandles.HEADER + "\n3600000,1,2,1,1,1\n\n7200000,1,2,1,1,1\n");
    assertThat(CsvCandles.read(bad).size()).isEqualTo(2);
    assertThatThrownBy(() -> CsvCandles.read(dir.resolve("nounderscore.csv")))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> CsvCandles.read(dir.resolve("ETH-USDT_1h_missing.csv")))
        .isInstanceOf(InvalidConfigurationException.class);
  }
}
