package io.github.mmsdk.exchange.kucoin;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.Candle;
import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.exchange.CandleStream;
import io.github.mmsdk.api.exchange.ExchangeException;
import io.github.mmsdk.exchange.kucoin.fake.FakeKuCoin;
import io.github.mmsdk.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Live candles over the fake's WebSocket under a test clock: 7 simulated days of 1h candles, a
 * token expiry every 24 h, a dropped connection every 5 h, duplicate and out-of-order frames; the
 * listener must see exactly the REST candles, once each, in order, and nothing may leak.
 */
class LiveCandlesIT {
  private static final Symbol ETH = Symbol.of("ETH", "USDT");

  @BeforeEach
  void data() {
    Assumptions.assumeTrue(
        FakeKuCoin.dataPresent(), "../shared/data absent: skipping real-data test");
  }

  private static final class Recorder implements CandleStream.Listener {
    final List<Candle> candles = new ArrayList<>();
    final AtomicReference<ExchangeException> error = new AtomicReference<>();

    @Override
    public synchronized void onCandle(Candle candle) {
      candles.add(candle);
    }

    @Override
    public void onError(ExchangeException e) {
      error.set(e);
    }

    synchronized int size() {
      return candles.size();
    }

    synchronized List<Candle> copy() {
      return new ArrayList<>(candles);
    }
  }

  private static void await(BooleanSupplier condition, String what) {
    for (int i = 0; i < 1000 && !condition.getAsBoolean(); i++) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    assertThat(condition.getAsBoolean()).as(what).isTrue();
  }

  @Test
  void seven_days_with_expiring_tokens_and_dropped_links_have_no_hole_and_no_duplicate() {
    TestClock clock = TestClock.at(Loopback.NOW);
    Recorder rec = new Recorder();
    try (Loopback loop = new Loopback(clock)) {
      loop.fake.pingInterval(Duration.ofMillis(40));
      KuCoinExchange e = loop.exchange(null);
      CandleStream.Subscription sub =
          e.candleStream().orElseThrow().subscribe(ETH, Timeframe.H1, rec);
      await(() -> loop.fake.subscriptions() >= 1, "subscribed");
      int hours = 7 * 24;
      for (int h = 1; h <= hours; h++) {
        clock.advance(Duration.ofHours(1));
        loop.fake.duplicateFrames(h % 7 == 0);
        loop.fake.pushCandle(ETH, Timeframe.H1);
        if (h % 24 == 0) {
          loop.fake.expireTokens();
        } else if (h % 5 == 0) {
          loop.fake.dropConnections();
        }
        int expected = h;
        await(() -> rec.size() >= expected, "candle " + expected + " delivered");
      }
      assertThat(rec.error.get()).isNull();
      CandleSeries rest =
          e.candles(ETH, Timeframe.H1, Loopback.NOW, Loopback.NOW.plus(Duration.ofHours(hours)));
      List<Candle> got = rec.copy();
      assertThat(got).hasSize(hours);
      for (int i = 0; i < hours; i++) {
        assertThat(got.get(i)).isEqualTo(rest.candle(i));
      }
      assertThat(e.health().details()).containsKey("circuit");
      long bullets =
          loop.fake.requests().stream().filter(r -> r.endsWith("/api/v1/bullet-public")).count();
      assertThat(bullets).as("a new token for every connect").isGreaterThanOrEqualTo(7 + 27);
      sub.close();
      sub.close();
      e.close();
      await(() -> loop.fake.openConnections() == 0, "no open socket");
    }
    assertThat(FaultMatrixIT.adapterThreads()).as("no adapter thread left").isZero();
    await(
        () ->
            Thread.getAllStackTraces().keySet().stream()
                .noneMatch(
                    t -> t.isAlive() && t.getName().startsWith("WebSocketConnectReadThread")),
        "no WebSocket client thread left");
  }

  @Test
  void an_unknown_symbol_ends_the_stream_with_a_typed_error() {
    TestClock clock = TestClock.at(Loopback.NOW);
    Recorder rec = new Recorder();
    try (Loopback loop = new Loopback(clock)) {
      loop.fake.pingInterval(Duration.ofMillis(40));
      KuCoinExchange e = loop.exchange(null);
      e.candleStream().orElseThrow().subscribe(Symbol.of("NOSUCH", "USDT"), Timeframe.H1, rec);
      await(() -> loop.fake.subscriptions() >= 1, "subscribed");
      clock.advance(Duration.ofHours(2));
      await(() -> rec.error.get() != null, "error reported");
      assertThat(rec.error.get())
          .isInstanceOf(io.github.mmsdk.api.exchange.PermanentExchangeException.class);
      e.close();
    }
  }

  @Test
  void a_failing_bullet_endpoint_is_retried_until_the_stream_connects() {
    TestClock clock = TestClock.at(Loopback.NOW.plus(Duration.ofMinutes(30)));
    Recorder rec = new Recorder();
    try (Loopback loop = new Loopback(clock)) {
      loop.fake.pingInterval(Duration.ofMillis(40));
      loop.fake.inject("/api/v1/bullet-public", FakeKuCoin.Fault.ERROR_500, 5);
      KuCoinExchange e = loop.exchange(null);
      e.candleStream().orElseThrow().subscribe(ETH, Timeframe.H1, rec);
      await(() -> loop.fake.subscriptions() >= 1, "subscribed after retries");
      clock.advance(Duration.ofHours(3));
      await(() -> rec.size() >= 3, "gap filled");
      List<Candle> got = rec.copy();
      assertThat(got.get(0).openTime()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
      e.close();
    }
  }
}
