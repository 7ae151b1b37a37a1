package io.github.mmsdk.testkit.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.exchange.SymbolRules;
import io.github.mmsdk.testkit.TestClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The cheap clock text of the health check is {@link Instant#toString()}, byte for byte. */
class ReplayExchangeInstantTextTest {

  @Test
  void equalsInstantToString() {
    long min = Instant.parse("0500-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("+10500-01-01T00:00:00Z").getEpochSecond();
    qt().withFixedSeed(20261123L)
        .withExamples(10_000)
        .forAll(longs().between(min, max), integers().between(0, 3))
        .checkAssert(
            (s, n) -> {
              // whole seconds mostly (the fast path), some with nanos, millis or micros
              int nanos = n == 0 ? 0 : n == 1 ? 123_000_000 : n == 2 ? 456_000 : 7;
              Instant t = Instant.ofEpochSecond(s, n == 3 ? 0 : nanos);
              assertThat(ReplayExchange.instantText(t)).isEqualTo(t.toString());
            });
    for (String s :
        new String[] {
          "1000-01-01T00:00:00Z",
          "0999-12-31T23:59:59Z",
          "9999-12-31T23:59:59Z",
          "+10000-01-01T00:00:00Z",
          "1970-01-01T00:00:00Z"
        }) {
      Instant t = Instant.parse(s);
      assertThat(ReplayExchange.instantText(t)).isEqualTo(t.toString());
    }
  }

  @Test
  void healthShowsTheClockAndDefaultRulesAreOneValue() {
    TestClock clock = TestClock.at(Instant.parse("2024-03-01T10:00:00Z"));
    Symbol eth = Symbol.of("ETH", "USDT");
    ReplayExchange ex =
        ReplayExchange.of(
            clock,
            io.github.mmsdk.api.CandleSeries.builder(eth, io.github.mmsdk.api.Timeframe.H1)
                .add(Instant.parse("2024-03-01T08:00:00Z").toEpochMilli(), 1, 1, 1, 1, 1)
                .build());
    assertThat(ex.health().details()).containsEntry("clock", "2024-03-01T10:00:00Z");
    SymbolRules rules = ex.symbolRules(eth);
    assertThat(ex.symbolRules(eth)).isSameAs(rules);
    assertThat(rules.priceIncrement()).isEqualByComparingTo("0.01");
  }
}
