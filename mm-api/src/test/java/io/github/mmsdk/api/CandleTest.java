package io.github.mmsdk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CandleTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void valid_candle_keeps_its_fields() {
    Candle c = Candle.of(T, 10, 12, 9, 11, 5);
    assertThat(c.openTime()).isEqualTo(T);
    assertThat(c.high()).isEqualTo(12);
    assertThat(c).isEqualTo(Candle.of(T, 10, 12, 9, 11, 5));
    assertThat(c.hashCode()).isEqualTo(Candle.of(T, 10, 12, 9, 11, 5).hashCode());
  }

  @Test
  void high_below_open_or_close_is_rejected_naming_the_field() {
    assertThatThrownBy(() -> Candle.of(T, 10, 10.5, 9, 11, 1))
        .isInstanceOf(InvalidCandleException.class)
        .hasMessageContaining("high")
        .satisfies(e -> assertThat(((InvalidCandleException) e).field()).isEqualTo("high"))
        .satisfies(e -> assertThat(((InvalidCandleException) e).index()).isEqualTo(-1));
  }

  @Test
  void low_above_open_or_close_is_rejected() {
    assertThatThrownBy(() -> Candle.of(T, 10, 12, 10.5, 11, 1))
        .isInstanceOf(InvalidCandleException.class)
        .hasMessageContaining("low");
  }

  @Test
  void non_finite_or_non_positive_prices_and_negative_volume_are_rejected() {
    assertThatThrownBy(() -> Candle.of(T, Double.NaN, 12, 9, 11, 1))
        .isInstanceOf(InvalidCandleException.class)
        .hasMessageContaining("open");
    assertThatThrownBy(() -> Candle.of(T, 10, 12, 0, 11, 1))
        .isInstanceOf(InvalidCandleException.class);
    assertThatThrownBy(() -> Candle.of(T, 10, Double.POSITIVE_INFINITY, 9, 11, 1))
        .isInstanceOf(InvalidCandleException.class);
    assertThatThrownBy(() -> Candle.of(T, 10, 12, 9, 11, -1))
        .isInstanceOf(InvalidCandleException.class)
        .hasMessageContaining("volume");
  }
}
