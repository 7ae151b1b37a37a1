package io.github.mmsdk.api.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Secret;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExchangeValuesTest {

  @Test
  void deployable_is_available_minus_reserve_never_negative() {
    AccountBalance b =
        new AccountBalance.Builder()
            .quoteCurrency("USDT")
            .total(new BigDecimal("1000"))
            .available(new BigDecimal("600"))
            .asOf(Instant.EPOCH)
            .putHolding(
                "USDT", CurrencyBalance.of("USDT", new BigDecimal("1000"), new BigDecimal("600")))
            .build();
    assertThat(b.locked()).isEqualByComparingTo("400");
    assertThat(b.deployable()).isEqualByComparingTo("600");
    assertThat(b.withReserve(new BigDecimal("250")).deployable()).isEqualByComparingTo("350");
    assertThat(b.withReserve(new BigDecimal("900")).deployable()).isEqualByComparingTo("0");
    assertThat(b.holdings().get("USDT").locked()).isEqualByComparingTo("400");
    assertThatThrownBy(() -> b.withReserve(new BigDecimal("-1")))
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @Test
  void credentials_never_print() {
    ApiCredentials c = ApiCredentials.of(Secret.of("k1"), Secret.of("s1"), Secret.of("p1"));
    assertThat(c.toString()).doesNotContain("k1").doesNotContain("s1").doesNotContain("p1");
    ExchangeSettings s = new ExchangeSettings.Builder().credentials(c).build();
    assertThat(s.toString()).doesNotContain("s1");
    assertThat(s.callTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(ExchangeSettings.publicData().credentials()).isEmpty();
  }

  @Test
  void provider_lookup_miss_names_the_artifact_or_the_ids_found() {
    assertThatThrownBy(() -> ExchangeProviders.byId("kucoin", ClassLoader.getPlatformClassLoader()))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("io.github.mmsdk:mm-exchange-kucoin is not on the classpath");
    assertThatThrownBy(() -> ExchangeProviders.byId("nope"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("no exchange provider has id \"nope\"");
  }

  @Test
  void exceptions_are_typed_with_fields() {
    RateLimitedException r =
        new RateLimitedException("kucoin", "candles", "429", Duration.ofSeconds(3));
    assertThat(r).isInstanceOf(TransientExchangeException.class);
    assertThat(r.retryAfter()).contains(Duration.ofSeconds(3));
    assertThat(r.venue()).isEqualTo("kucoin");
    assertThat(r.operation()).isEqualTo("candles");
    PermissionRefusedException p =
        new PermissionRefusedException("kucoin", "withdraw", "remove it");
    assertThat(p.permission()).isEqualTo("withdraw");
    assertThat(p.code()).isEqualTo("withdraw");
    assertThat(new AuthenticationException("kucoin", "balance", "400005", "bad sig"))
        .isInstanceOf(PermanentExchangeException.class)
        .hasMessageContaining("400005");
    assertThat(new TransientExchangeException("k", "o", "m", null, null).retryAfter()).isEmpty();
    KeyPermissions k =
        new KeyPermissions.Builder().trade(false).withdraw(false).addIpWhitelist("1.2.3.4").build();
    assertThat(k.hasIpWhitelist()).isTrue();
    assertThat(k.transfer()).isFalse();
  }
}
