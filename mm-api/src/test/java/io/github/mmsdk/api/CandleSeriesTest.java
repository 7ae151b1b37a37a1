package io.github.mmsdk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CandleSeriesTest {
  private static final Symbol ETH = Symbol.parse("ETH-USDT");
  private static final long H = 3_600_000L;
  private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  static CandleSeries hourly(int n) {
    CandleSeries.Builder b = CandleSeries.builder(ETH, Timeframe.H1, 4);
    for (int i = 0; i < n; i++) {
      double p = 100 + i;
      b.add(T0 + i * H, p, p + 2, p - 1, p + 1, 10 + i);
    }
    return b.build();
  }

  @Test
  void columns_and_values_round_trip() {
    CandleSeries s = hourly(100);
    assertThat(s.size()).isEqualTo(100);
    assertThat(s.symbol()).isEqualTo(ETH);
    assertThat(s.timeframe()).isEqualTo(Timeframe.H1);
    assertThat(s.close(5)).isEqualTo(106);
    assertThat(s.open(5)).isEqualTo(105);
    assertThat(s.high(5)).isEqualTo(107);
    assertThat(s.low(5)).isEqualTo(104);
    assertThat(s.volume(5)).isEqualTo(15);
    assertThat(s.openTime(5)).isEqualTo(Instant.ofEpochMilli(T0 + 5 * H));
    assertThat(s.closeTimeMillis(5)).isEqualTo(T0 + 6 * H);
    assertThat(s.candle(5))
        .isEqualTo(Candle.of(Instant.ofEpochMilli(T0 + 5 * H), 105, 107, 104, 106, 15));
    assertThat(s.last()).contains(s.candle(99));
    assertThat(s.indexOf(T0 + 7 * H)).isEqualTo(7);
    assertThat(s.indexOf(T0 + 7 * H + 1)).isNegative();
    assertThat(s.toString()).contains("100 candles");
  }

  @Test
  void rejects_duplicate_unsorted_and_off_grid_candles_naming_the_index() {
    CandleSeries.Builder b = CandleSeries.builder(ETH, Timeframe.H1);
    b.add(T0, 1, 2, 1, 1, 0).add(T0 + H, 1, 2, 1, 1, 0);
    assertThatThrownBy(() -> b.add(T0 + H, 1, 2, 1, 1, 0))
        .isInstanceOf(InvalidCandleException.class)
        .hasMessageContaining("index 2")
        .hasMessageContaining("duplicates");
    assertThatThrownBy(() -> b.add(T0, 1, 2, 1, 1, 0))
        .isInstanceOf(InvalidCandleException.class)
        .hasMessageContaining("before");
    assertThatThrownBy(() -> b.add(T0 + 2 * H + 60_000, 1, 2, 1, 1, 0))
        .isInstanceOf(InvalidCandleException.class)
        .hasMessageContaining("grid");
    assertThatThrownBy(() -> b.add(T0 + 2 * H, 1, 0.5, 1, 1, 0))
        .isInstanceOf(InvalidCandleException.class)
        .satisfies(e -> assertThat(((InvalidCandleException) e).index()).isEqualTo(2));
    assertThat(b.size()).isEqualTo(2);
    assertThat(b.lastOpenTime()).contains(Instant.ofEpochMilli(T0 + H));
  }

  @Test
  void builder_cannot_be_reused_after_build() {
    CandleSeries.Builder b = CandleSeries.builder(ETH, Timeframe.H1);
    b.build();
    assertThatThrownBy(() -> b.add(T0, 1, 1, 1, 1, 0)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void slices_are_views_and_equal_to_a_copy() {
    CandleSeries s = hourly(50);
    CandleSeries view = s.slice(10, 20);
    assertThat(view.size()).isEqualTo(10);
    assertThat(view.close(0)).isEqualTo(s.close(10));
    CandleSeries.Builder copy = CandleSeries.builder(ETH, Timeframe.H1);
    for (int i = 10; i < 20; i++) {
      copy.add(s.candle(i));
    }
    CandleSeries c = copy.build();
    assertThat(view).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(view.slice(2, 4).close(0)).isEqualTo(s.close(12));
    assertThat(view.closes()).hasSize(10).startsWith(s.close(10)).endsWith(s.close(19));
    assertThat(view.highs()[3]).isEqualTo(s.high(13));
    assertThat(view.lows()[9]).isEqualTo(s.low(19));
    assertThatThrownBy(() -> s.slice(-1, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> view.close(10)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void between_selects_open_times_in_half_open_range() {
    CandleSeries s = hourly(24);
    CandleSeries b = s.between(Instant.ofEpochMilli(T0 + 3 * H), Instant.ofEpochMilli(T0 + 6 * H));
    assertThat(b.size()).isEqualTo(3);
    assertThat(b.openTimeMillis(0)).isEqualTo(T0 + 3 * H);
    assertThat(s.between(Instant.ofEpochMilli(T0 + 6 * H), Instant.ofEpochMilli(T0)).isEmpty())
        .isTrue();
  }

  @Test
  void upTo_sees_only_candles_closed_at_the_decision_time() {
    CandleSeries s = hourly(200);
    qt().withFixedSeed(20261123L)
        .withExamples(500)
        .forAll(integers().between(-5, 205 * 60))
        .checkAssert(
            minutes -> {
              Instant t = Instant.ofEpochMilli(T0 + minutes * 60_000L);
              CandleSeries seen = s.upTo(t);
              if (!seen.isEmpty()) {
                assertThat(seen.closeTimeMillis(seen.size() - 1))
                    .isLessThanOrEqualTo(t.toEpochMilli());
              }
              if (seen.size() < s.size()) {
                assertThat(s.closeTimeMillis(seen.size())).isGreaterThan(t.toEpochMilli());
              }
            });
  }

  @Test
  void of_and_empty_factories() {
    Candle a = Candle.of(Instant.ofEpochMilli(T0), 1, 2, 1, 2, 1);
    Candle b = Candle.of(Instant.ofEpochMilli(T0 + H), 2, 3, 2, 3, 1);
    CandleSeries s = CandleSeries.of(ETH, Timeframe.H1, List.of(a, b));
    assertThat(s.size()).isEqualTo(2);
    assertThat(CandleSeries.empty(ETH, Timeframe.H4).isEmpty()).isTrue();
    assertThat(CandleSeries.empty(ETH, Timeframe.H4).last()).isEmpty();
    assertThat(s).isNotEqualTo(CandleSeries.empty(ETH, Timeframe.H1)).isNotEqualTo("x");
  }

  @Test
  void a_million_candles_fit_in_primitive_columns() {
    CandleSeries.Builder b = CandleSeries.builder(ETH, Timeframe.M1, 1_000_000);
    for (int i = 0; i < 1_000_000; i++) {
      b.add(T0 + i * 60_000L, 100, 101, 99, 100, 1);
    }
    CandleSeries s = b.build();
    double sum = 0;
    for (int i = 0; i < s.size(); i++) {
      sum += s.close(i);
    }
    assertThat(sum).isEqualTo(100.0 * 1_000_000);
  }
}
