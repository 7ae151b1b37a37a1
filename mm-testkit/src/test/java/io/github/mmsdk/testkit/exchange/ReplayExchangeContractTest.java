package io.github.mmsdk.testkit.exchange;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.exchange.ExchangeInterface;
import io.github.mmsdk.testkit.TestClock;
import java.time.Instant;
import java.util.List;

/** The replay exchange passes the contract it ships (public data only). */
class ReplayExchangeContractTest extends ExchangeContract {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  static CandleSeries synthetic(Symbol symbol, Timeframe tf, Instant start, int n) {
    CandleSeries.Builder b = CandleSeries.builder(symbol, tf, n);
    double p = 2000;
    for (int i = 0; i < n; i++) {
      double next = p * (1 + 0.01 * Math.sin(i / 7.0));
      b.add(
          start.toEpochMilli() + i * tf.millis(),
          p,
          Math.max(p, next) * 1.002,
          Math.min(p, next) * 0.998,
          next,
          10 + i % 5);
      p = next;
    }
    return b.build();
  }

  @Override
  protected ExchangeInterface createExchange(Account account) {
    TestClock clock = TestClock.at(START.plusSeconds(3600L * 24 * 60 + 1234));
    return ReplayExchange.builder(clock)
        .add(synthetic(symbol(), Timeframe.H1, START, 24 * 90))
        .build();
  }

  @Override
  protected boolean supportsPrivateApi() {
    return false;
  }

  @Override
  protected List<Timeframe> timeframes() {
    return List.of(Timeframe.H1, Timeframe.H4);
  }
}
