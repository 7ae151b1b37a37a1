package io.github.mmsdk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SymbolTimeframeTest {

  @Test
  void symbols_parse_in_common_spellings() {
    assertThat(Symbol.parse("eth-usdt")).isEqualTo(Symbol.of("ETH", "USDT"));
    assertThat(Symbol.parse("BTC/USDT").toString()).isEqualTo("BTC-USDT");
    assertThat(Symbol.parse("SOL_USDT").base()).isEqualTo("SOL");
    assertThat(Symbol.parse("BTC-USDT")).isLessThan(Symbol.parse("ETH-USDT"));
  }

  @Test
  void bad_symbols_are_typed_errors() {
    assertThatThrownBy(() -> Symbol.parse("ETHUSDT"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("ETHUSDT");
    assertThatThrownBy(() -> Symbol.of("E!", "USDT"))
        .isInstanceOf(InvalidConfigurationException.class)
        .satisfies(
            e -> assertThat(((InvalidConfigurationException) e).key()).isEqualTo("symbol.base"));
  }

  @Test
  void timeframes_parse_and_floor_to_utc_grid() {
    assertThat(Timeframe.parse("4h")).isEqualTo(Timeframe.H4);
    assertThat(Timeframe.parse("15M")).isEqualTo(Timeframe.M15);
    assertThat(Timeframe.H4.duration()).isEqualTo(Duration.ofHours(4));
    assertThat(Timeframe.H4.floor(Instant.parse("2026-01-01T07:59:59Z")))
        .isEqualTo(Instant.parse("2026-01-01T04:00:00Z"));
    assertThat(Timeframe.D1.floor(Instant.parse("2026-01-01T23:00:00Z")))
        .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(Timeframe.M1.floorMillis(-1)).isEqualTo(-60_000);
    assertThat(Timeframe.H1.label()).isEqualTo("1h");
    assertThatThrownBy(() -> Timeframe.parse("2h"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("2h");
  }

  @Test
  void secrets_never_print() {
    Secret s = Secret.of("hunter2");
    assertThat(s.toString()).doesNotContain("hunter2");
    assertThat(s.reveal()).isEqualTo("hunter2");
    assertThat(s).isEqualTo(Secret.of("hunter2")).hasSameHashCodeAs(Secret.of("hunter2"));
    assertThat(Secret.of("").isEmpty()).isTrue();
  }

  @Test
  void exceptions_carry_fields() {
    InvalidConfigurationException e =
        new InvalidConfigurationException("a.b", "bad", "config/rules.yaml", 7, null);
    assertThat(e.getMessage())
        .isEqualTo("invalid configuration 'a.b': bad (config/rules.yaml, line 7)");
    assertThat(e.source()).contains("config/rules.yaml");
    assertThat(e.line()).isEqualTo(7);
    assertThat(new InvalidConfigurationException("k", "p").source()).isEmpty();
    InsufficientDataException d = new InsufficientDataException("regime metrics", 4, 3);
    assertThat(d.what()).isEqualTo("regime metrics");
    assertThat(d.required()).isEqualTo(4);
    assertThat(d.available()).isEqualTo(3);
    assertThat(d).isInstanceOf(MarketMakerException.class);
  }
}
