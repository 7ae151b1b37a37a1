package io.github.mmsdk.exchange.kucoin;

import io.github.mmsdk.api.Secret;
import io.github.mmsdk.api.exchange.ApiCredentials;
import io.github.mmsdk.api.exchange.ExchangeSettings;
import io.github.mmsdk.exchange.kucoin.fake.FakeKuCoin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A fake KuCoin plus settings for adapters pointed at it, with fast retry settings. */
final class Loopback implements AutoCloseable {
  static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
  static final String KEY = "kc-key-7d1c0ffee";
  static final String SECRET = "kc-secret-9b2f-4e7a-SECRETVALUE";
  static final String PASSPHRASE = "kc-pass-Ab12345678)(*&^%$#@";
  static final String WITHDRAW_KEY = "kc-key-withdraw";
  static final String OPEN_KEY = "kc-key-no-whitelist";
  static final String READ_KEY = "kc-key-read-only";

  final Clock clock;
  final FakeKuCoin fake;

  Loopback() {
    this(Clock.offset(Clock.systemUTC(), Duration.between(Clock.systemUTC().instant(), NOW)));
  }

  Loopback(Clock clock) {
    this.clock = clock;
    try {
      this.fake = new FakeKuCoin(clock);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    FakeKuCoin.preload();
    fake.addKey(KEY, SECRET, PASSPHRASE, "General,Spot", "127.0.0.1");
    fake.addKey(WITHDRAW_KEY, SECRET, PASSPHRASE, "General,Spot,Transfer", "127.0.0.1");
    fake.addKey(OPEN_KEY, SECRET, PASSPHRASE, "General,Spot", null);
    fake.addKey(READ_KEY, SECRET, PASSPHRASE, "General", "127.0.0.1");
  }

  static ApiCredentials credentials(String key) {
    return ApiCredentials.of(Secret.of(key), Secret.of(SECRET), Secret.of(PASSPHRASE));
  }

  ExchangeSettings.Builder settings() {
    ExchangeSettings.Builder b = new ExchangeSettings.Builder();
    b.baseUri(fake.baseUri())
        .callTimeout(Duration.ofMillis(1000))
        .putOption("retry_attempts", "3")
        .putOption("retry_min_delay_ms", "5")
        .putOption("retry_max_delay_ms", "40")
        .putOption("ws_reconnect_min_ms", "10")
        .putOption("ws_reconnect_max_ms", "100")
        .putOption("ws_welcome_timeout_ms", "3000");
    return b;
  }

  KuCoinExchange exchange(String key) {
    ExchangeSettings.Builder b = settings();
    if (key != null) {
      b.credentials(credentials(key));
    }
    return new KuCoinExchange(b.build(), clock);
  }

  @Override
  public void close() {
    fake.close();
  }
}
