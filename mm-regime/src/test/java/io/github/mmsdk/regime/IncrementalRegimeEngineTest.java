package io.github.mmsdk.regime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InsufficientDataException;
import io.github.mmsdk.api.InvalidCandleException;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.regime.MetricId;
import io.github.mmsdk.api.regime.RegimeInput;
import io.github.mmsdk.api.regime.RegimeState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class IncrementalRegimeEngineTest {

  private static final Duration LOOKBACK_1H = Duration.ofDays(270);
  private static final Duration LOOKBACK_4H = Duration.ofDays(540);

  /** The input the facade builds at a decision time: sliding lookback windows. */
  private static RegimeInput input(CandleSeries h1, CandleSeries h4, Instant asOf) {
    RegimeInput.Builder b =
        new RegimeInput.Builder()
            .symbol(h1.symbol())
            .asOf(asOf)
            .primary(h1.between(Timeframe.H1.floor(asOf.minus(LOOKBACK_1H)), asOf).upTo(asOf))
            .evaluateGates(true);
    if (h4 != null) {
      b.confirmation(h4.between(Timeframe.H4.floor(asOf.minus(LOOKBACK_4H)), asOf).upTo(asOf));
    }
    return b.build();
  }

  private static void assertSame(RegimeState inc, RegimeState ref) {
    assertThat(inc.verdict()).isEqualTo(ref.verdict());
    assertThat(inc.asOf()).isEqualTo(ref.asOf());
    assertThat(inc.metrics().keySet()).isEqualTo(ref.metrics().keySet());
    for (MetricId id : ref.metrics().keySet()) {
      double r = ref.metrics().get(id);
      assertThat(inc.metrics().get(id))
          .as("%s at %s", id, ref.asOf())
          .isCloseTo(r, org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, Math.abs(r))));
    }
    assertThat(inc.confidence())
        .isCloseTo(ref.confidence(), org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void equalsTheDefaultEngineHourByHourOnRealData() {
    TestData.assumeData();
    for (String sym : TestData.SYMBOLS) {
      CandleSeries h1 = TestData.load(sym, Timeframe.H1);
      IncrementalRegimeEngine inc = new IncrementalRegimeEngine();
      DefaultRegimeEngine ref = new DefaultRegimeEngine();
      // walk 2000 consecutive hours from day 300 on, comparing every 7th hour
      Instant start = Instant.ofEpochMilli(h1.closeTimeMillis(300 * 24));
      for (int k = 0; k < 2000; k++) {
        Instant asOf = start.plus(Duration.ofHours(k));
        RegimeInput in = input(h1, null, asOf);
        RegimeState a = inc.evaluate(in);
        if (k % 7 == 0) {
          assertSame(a, ref.evaluate(in));
        }
      }
      assertThat(inc.rebuilds()).isEqualTo(1);
    }
  }

  @Test
  void equalsTheDefaultEngineWithASuppliedConfirmationSeries() {
    TestData.assumeData();
    CandleSeries h1 = TestData.load("ETH-USDT", Timeframe.H1);
    CandleSeries h4 = TestData.load("ETH-USDT", Timeframe.H4);
    IncrementalRegimeEngine inc = new IncrementalRegimeEngine();
    DefaultRegimeEngine ref = new DefaultRegimeEngine();
    Instant start = Instant.ofEpochMilli(h1.closeTimeMillis(400 * 24));
    for (int k = 0; k < 1000; k++) {
      Instant asOf = start.plus(Duration.ofHours(k));
      RegimeInput in = input(h1, h4, asOf);
      RegimeState a = inc.evaluate(in);
      if (k % 5 == 0) {
        RegimeState r = ref.evaluate(in);
        assertSame(a, r);
        assertThat(a.confirmation().map(c -> c.verdict()))
            .isEqualTo(r.confirmation().map(c -> c.verdict()));
      }
    }
    assertThat(inc.rebuilds()).isEqualTo(1);
  }

  @Test
  void rebuildsWhenTheHistoryDoesNotExtendWhatItSaw() {
    CandleSeries a = TestData.random(1, 1500, 100, 0.02);
    CandleSeries b = TestData.random(2, 1500, 100, 0.02);
    IncrementalRegimeEngine inc = new IncrementalRegimeEngine();
    DefaultRegimeEngine ref = new DefaultRegimeEngine();
    Instant t = Instant.ofEpochMilli(a.closeTimeMillis(1200));
    RegimeInput first = DefaultRegimeEngineTest.input(a).asOf(t).build();
    assertSame(inc.evaluate(first), ref.evaluate(first));
    // another history of the same symbol
    RegimeInput other = DefaultRegimeEngineTest.input(b).asOf(t.plusSeconds(3600)).build();
    assertSame(inc.evaluate(other), ref.evaluate(other));
    // back in time
    RegimeInput earlier = DefaultRegimeEngineTest.input(a).asOf(t.minusSeconds(36000)).build();
    assertSame(inc.evaluate(earlier), ref.evaluate(earlier));
    // the same time twice: nothing new to feed
    assertSame(inc.evaluate(earlier), ref.evaluate(earlier));
    // a confirmation series appears
    CandleSeries four = ReplayAggregate.to4h(a);
    RegimeInput withFour = DefaultRegimeEngineTest.input(a).asOf(t).confirmation(four).build();
    assertSame(inc.evaluate(withFour), ref.evaluate(withFour));
    // and disappears
    assertSame(inc.evaluate(first), ref.evaluate(first));
    assertThat(inc.rebuilds()).isEqualTo(5);
    assertThat(inc.config()).isEqualTo(RegimeConfig.defaults());
  }

  @Test
  void refusesWhatTheDefaultEngineRefuses() {
    IncrementalRegimeEngine inc = new IncrementalRegimeEngine();
    CandleSeries a = TestData.random(3, 300, 100, 0.02);
    CandleSeries empty = CandleSeries.empty(a.symbol(), Timeframe.H1);
    assertThatThrownBy(
            () ->
                inc.evaluate(
                    DefaultRegimeEngineTest.input(a)
                        .primary(empty)
                        .asOf(Instant.ofEpochMilli(a.closeTimeMillis(10)))
                        .build()))
        .isInstanceOf(InsufficientDataException.class);
    CandleSeries four = CandleSeries.empty(a.symbol(), Timeframe.H4);
    assertThatThrownBy(
            () ->
                inc.evaluate(
                    DefaultRegimeEngineTest.input(ReplayAggregate.to4h(a))
                        .primary(ReplayAggregate.to4h(a))
                        .build()))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> inc.evaluate(DefaultRegimeEngineTest.input(a).confirmation(a).build()))
        .isInstanceOf(InvalidConfigurationException.class);
    // an empty confirmation series counts as none
    RegimeInput noFour = DefaultRegimeEngineTest.input(a).confirmation(four).build();
    assertSame(inc.evaluate(noFour), new DefaultRegimeEngine().evaluate(noFour));
  }

  @Test
  void namesABadCandleByItsIndexInTheInputThenRecovers() {
    CandleSeries a = TestData.random(4, 400, 100, 0.02);
    IncrementalRegimeEngine inc = new IncrementalRegimeEngine(RegimeConfig.defaults());
    RegimeInput ok =
        DefaultRegimeEngineTest.input(a).asOf(Instant.ofEpochMilli(a.closeTimeMillis(300))).build();
    inc.evaluate(ok);
    // a gap of 100 hours the default gap policy refuses
    CandleSeries.Builder g = CandleSeries.builder(a.symbol(), Timeframe.H1, 400);
    for (int i = 0; i < a.size(); i++) {
      long t = a.openTimeMillis(i) + (i > 320 ? Duration.ofHours(100).toMillis() : 0);
      g.add(t, a.open(i), a.high(i), a.low(i), a.close(i), a.volume(i));
    }
    CandleSeries gapped = g.build();
    RegimeInput bad = DefaultRegimeEngineTest.input(gapped).build();
    Throwable expected = null;
    try {
      new DefaultRegimeEngine().evaluate(bad);
    } catch (InvalidCandleException e) {
      expected = e;
    }
    if (expected != null) {
      assertThatThrownBy(() -> inc.evaluate(bad))
          .isInstanceOf(InvalidCandleException.class)
          .hasMessage(expected.getMessage());
    } else {
      assertSame(inc.evaluate(bad), new DefaultRegimeEngine().evaluate(bad));
    }
    // recovers on a good history
    assertSame(inc.evaluate(ok), new DefaultRegimeEngine().evaluate(ok));
  }

  @Test
  void symbolsRunConcurrentlyWithoutInterfering() throws Exception {
    List<CandleSeries> series = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      CandleSeries r = TestData.random(10 + s, 1200, 100, 0.02);
      CandleSeries.Builder b =
          CandleSeries.builder(Symbol.of("T" + s, "USDT"), Timeframe.H1, r.size());
      for (int i = 0; i < r.size(); i++) {
        b.add(r.openTimeMillis(i), r.open(i), r.high(i), r.low(i), r.close(i), r.volume(i));
      }
      series.add(b.build());
    }
    IncrementalRegimeEngine inc = new IncrementalRegimeEngine();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<RegimeState>> out = new ArrayList<>();
      for (CandleSeries s : series) {
        out.add(
            pool.submit(
                () -> {
                  RegimeState last = null;
                  for (int i = 600; i < s.size(); i++) {
                    last =
                        inc.evaluate(
                            DefaultRegimeEngineTest.input(s)
                                .asOf(Instant.ofEpochMilli(s.closeTimeMillis(i)))
                                .build());
                  }
                  return last;
                }));
      }
      for (int s = 0; s < series.size(); s++) {
        RegimeState ref =
            new DefaultRegimeEngine()
                .evaluate(DefaultRegimeEngineTest.input(series.get(s)).build());
        assertSame(out.get(s).get(), ref);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(inc.rebuilds()).isEqualTo(4);
  }

  /** 4h candles aggregated from 1h ones on the UTC grid (complete buckets only). */
  static final class ReplayAggregate {
    private ReplayAggregate() {}

    static CandleSeries to4h(CandleSeries src) {
      CandleSeries.Builder b = CandleSeries.builder(src.symbol(), Timeframe.H4, src.size() / 4 + 1);
      long step = Timeframe.H4.millis();
      int i = 0;
      while (i < src.size()) {
        long bucket = src.openTimeMillis(i) / step * step;
        int j = i;
        double h = src.high(i);
        double l = src.low(i);
        double c = src.close(i);
        double v = 0;
        while (j < src.size() && src.openTimeMillis(j) < bucket + step) {
          h = Math.max(h, src.high(j));
          l = Math.min(l, src.low(j));
          c = src.close(j);
          v += src.volume(j);
          j++;
        }
        if (j - i == 4) {
          b.add(bucket, src.open(i), h, l, c, v);
        }
        i = j;
      }
      return b.build();
    }
  }
}
