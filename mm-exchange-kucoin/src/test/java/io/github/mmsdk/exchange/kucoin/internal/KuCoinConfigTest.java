package io.github.mmsdk.exchange.kucoin.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Secret;
import io.github.mmsdk.api.exchange.ApiCredentials;
import io.github.mmsdk.api.exchange.ExchangeSettings;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KuCoinConfigTest {
  @Test
  void defaults_follow_the_seed() {
    KuCoinConfig c = new KuCoinConfig(ExchangeSettings.publicData());
    assertThat(c.base()).isEqualTo(KuCoinConfig.PUBLIC_BASE);
    assertThat(c.keyVersion).isEqualTo(3);
    assertThat(c.retryAttempts).isEqualTo(3);
    assertThat(c.retryMinDelay).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.retryMaxDelay).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.breakerFailures).isEqualTo(3);
    assertThat(c.breakerOpen).isEqualTo(Duration.ofMinutes(30));
    assertThat(c.requireTrade()).isFalse();
    assertThat(c.credentials()).isEmpty();
    assertThat(c.callTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.wsReconnectMin()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.wsReconnectMax()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.wsWelcomeTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void options_are_read_and_secrets_hidden() {
    KuCoinConfig c =
        new KuCoinConfig(
            new ExchangeSettings.Builder()
                .baseUri(URI.create("http://127.0.0.1:1/"))
                .credentials(
                    ApiCredentials.of(Secret.of("k"), Secret.of("SECRETVALUE"), Secret.of("p")))
                .putOption("key_version", "2")
                .putOption("retry_jitter", "0.5")
                .putOption("require_trade", "true")
                .putOption("breaker_open_ms", "5")
                .build());
    assertThat(c.base()).hasToString("http://127.0.0.1:1");
    assertThat(c.keyVersion).isEqualTo(2);
    assertThat(c.retryJitter).isEqualTo(0.5);
    assertThat(c.requireTrade()).isTrue();
    assertThat(c.breakerOpen).isEqualTo(Duration.ofMillis(5));
    assertThat(c.toString()).contains("****").doesNotContain("SECRETVALUE");
  }

  @ParameterizedTest
  @CsvSource({
    "key_version, 4",
    "key_version, two",
    "retry_attempts, 0",
    "retry_jitter, 2",
    "retry_jitter, x",
    "breaker_open_ms, -1",
    "no_such_option, 1"
  })
  void bad_options_name_their_key(String key, String value) {
    assertThatThrownBy(
            () -> new KuCoinConfig(new ExchangeSettings.Builder().putOption(key, value).build()))
        .isInstanceOfSatisfying(
            InvalidConfigurationException.class, e -> assertThat(e.key()).contains(key));
  }

  @Test
  void inconsistent_delays_and_timeouts_are_refused() {
    assertThatThrownBy(
            () ->
                new KuCoinConfig(
                    new ExchangeSettings.Builder()
                        .putOption("retry_min_delay_ms", "100")
                        .putOption("retry_max_delay_ms", "10")
                        .build()))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(
            () ->
                new KuCoinConfig(new ExchangeSettings.Builder().callTimeout(Duration.ZERO).build()))
        .isInstanceOf(InvalidConfigurationException.class);
  }
}
