package io.github.mmsdk.store.git.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RawCandlesTest {
  private static final Symbol ETH = Symbol.of("ETH", "USDT");
  private static final LocalDate DAY = LocalDate.of(2026, 2, 2);
  private static final long T0 = Instant.parse("2026-02-02T00:00:00Z").toEpochMilli();

  @Test
  void candles_round_trip_exactly_and_are_kept_once() {
    qt().withFixedSeed(20261123L)
        .withExamples(100)
        .forAll(doubles().between(1e-8, 1e7), integers().between(1, 24))
        .checkAssert(
            (price, n) -> {
              CandleSeries.Builder b = CandleSeries.builder(ETH, Timeframe.H1);
              for (int i = 0; i < n; i++) {
                double c = price * (1 + i / 1000.0);
                b.add(T0 + i * 3_600_000L, c, c * 1.01, c * 0.99, c, price / 3);
              }
              CandleSeries s = b.build();
              byte[] file =
                  RawCandles.merge(Optional.empty(), ETH, Timeframe.H1, DAY, s, 0, n).orElseThrow();
              TreeMap<Long, String> lines = RawCandles.lines(file);
              assertThat(lines).hasSize(n);
              assertThat(RawCandles.merge(Optional.of(lines), ETH, Timeframe.H1, DAY, s, 0, n))
                  .isEmpty();
              CandleSeries.Builder back = CandleSeries.builder(ETH, Timeframe.H1);
              RawCandles.addTo(lines, T0, T0 + 86_400_000L, back);
              assertThat(back.build()).isEqualTo(s);
              try {
                assertThat(Yaml.JSON.readTree(file).get("candles")).hasSize(n);
              } catch (Exception e) {
                throw new AssertionError(new String(file, StandardCharsets.UTF_8), e);
              }
            });
  }

  @Test
  void covers_exactly_when_merging_would_add_nothing() {
    qt().withFixedSeed(20261123L)
        .withExamples(300)
        .forAll(
            integers().between(0, (1 << 24) - 1),
            integers().between(0, (1 << 24) - 1),
            integers().between(0, 23),
            integers().between(0, 24))
        .checkAssert(
            (storedMask, seriesMask, from, length) -> {
              // stored hours and series hours of one day, as bit masks
              CandleSeries.Builder sb = CandleSeries.builder(ETH, Timeframe.H1);
              CandleSeries.Builder qb = CandleSeries.builder(ETH, Timeframe.H1);
              for (int h = 0; h < 24; h++) {
                if ((storedMask & (1 << h)) != 0) {
                  sb.add(T0 + h * 3_600_000L, 10, 11, 9, 10, 1);
                }
                if ((seriesMask & (1 << h)) != 0) {
                  qb.add(T0 + h * 3_600_000L, 10, 11, 9, 10, 1);
                }
              }
              CandleSeries stored = sb.build();
              CandleSeries series = qb.build();
              int a = Math.min(from, series.size());
              int b = Math.min(a + length, series.size());
              TreeMap<Long, String> lines =
                  stored.isEmpty()
                      ? new TreeMap<>()
                      : RawCandles.lines(
                          RawCandles.merge(
                                  Optional.empty(),
                                  ETH,
                                  Timeframe.H1,
                                  DAY,
                                  stored,
                                  0,
                                  stored.size())
                              .orElseThrow());
              long[] times = lines.keySet().stream().mapToLong(Long::longValue).toArray();
              assertThat(RawCandles.covers(times, series, a, b))
                  .isEqualTo(
                      RawCandles.merge(Optional.of(lines), ETH, Timeframe.H1, DAY, series, a, b)
                          .isEmpty());
            });
  }

  @Test
  void malformed_lines_are_reported() {
    assertThatThrownBy(() -> RawCandles.lines("[x,1]\n".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(WireException.class);
    TreeMap<Long, String> bad = new TreeMap<>();
    bad.put(T0, "[" + T0 + ",1,2]");
    assertThatThrownBy(
            () -> RawCandles.addTo(bad, T0, T0 + 1, CandleSeries.builder(ETH, Timeframe.H1)))
        .isInstanceOf(WireException.class);
    bad.put(T0, "[" + T0 + ",1,2,x,1,1]");
    assertThatThrownBy(
            () -> RawCandles.addTo(bad, T0, T0 + 1, CandleSeries.builder(ETH, Timeframe.H1)))
        .isInstanceOf(WireException.class);
  }
}
