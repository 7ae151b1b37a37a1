package io.github.mmsdk.exchange.kucoin.internal;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.exchange.ApiCredentials;
import io.github.mmsdk.api.exchange.ExchangeSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The adapter's settings, read and validated once from {@link ExchangeSettings#options()}. */
public final class KuCoinConfig {
  /** KuCoin's public REST address. */
  public static final URI PUBLIC_BASE = URI.create("https://api.kucoin.com");

  private static final Set<String> KNOWN =
      Set.of(
          "key_version",
          "retry_attempts",
          "retry_min_delay_ms",
          "retry_max_delay_ms",
          "retry_jitter",
          "breaker_failures",
          "breaker_open_ms",
          "require_trade",
          "ws_reconnect_min_ms",
          "ws_reconnect_max_ms",
          "ws_welcome_timeout_ms");

  final URI base;
  final Optional<ApiCredentials> credentials;
  final Duration callTimeout;
  final int keyVersion;
  final int retryAttempts;
  final Duration retryMinDelay;
  final Duration retryMaxDelay;
  final double retryJitter;
  final int breakerFailures;
  final Duration breakerOpen;
  final boolean requireTrade;
  final Duration wsReconnectMin;
  final Duration wsReconnectMax;
  final Duration wsWelcomeTimeout;

  /**
   * Reads the settings.
   *
   * @param s the settings
   * @throws InvalidConfigurationException naming the offending option
   */
  public KuCoinConfig(ExchangeSettings s) {
    Map<String, String> o = s.options();
    for (String k : o.keySet()) {
      if (!KNOWN.contains(k)) {
        throw new InvalidConfigurationException(
            "exchange.options." + k,
            "unknown KuCoin option; known: " + new java.util.TreeSet<>(KNOWN));
      }
    }
    String b = s.baseUri().map(URI::toString).orElse(PUBLIC_BASE.toString());
    this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    this.credentials = s.credentials();
    this.callTimeout = s.callTimeout();
    if (callTimeout.isNegative() || callTimeout.isZero()) {
      throw new InvalidConfigurationException("exchange.call_timeout", "must be positive");
    }
    this.keyVersion = intOption(o, "key_version", 3, 1, 3);
    this.retryAttempts = intOption(o, "retry_attempts", 3, 1, 10);
    this.retryMinDelay = Duration.ofMillis(intOption(o, "retry_min_delay_ms", 1000, 1, 600_000));
    this.retryMaxDelay = Duration.ofMillis(intOption(o, "retry_max_delay_ms", 10_000, 1, 600_000));
    if (retryMaxDelay.compareTo(retryMinDelay) < 0) {
      throw new InvalidConfigurationException(
          "exchange.options.retry_max_delay_ms", "must not be below retry_min_delay_ms");
    }
    this.retryJitter = doubleOption(o, "retry_jitter", 0.25);
    this.breakerFailures = intOption(o, "breaker_failures", 3, 1, 100);
    this.breakerOpen = Duration.ofMillis(longOption(o, "breaker_open_ms", 30 * 60_000L));
    this.requireTrade = Boolean.parseBoolean(o.getOrDefault("require_trade", "false"));
    this.wsReconnectMin = Duration.ofMillis(intOption(o, "ws_reconnect_min_ms", 1000, 1, 600_000));
    this.wsReconnectMax =
        Duration.ofMillis(intOption(o, "ws_reconnect_max_ms", 30_000, 1, 600_000));
    this.wsWelcomeTimeout =
        Duration.ofMillis(intOption(o, "ws_welcome_timeout_ms", 10_000, 1, 600_000));
  }

  private static int intOption(Map<String, String> o, String key, int def, int min, int max) {
    long v = longOption(o, key, def);
    if (v < min || v > max) {
      throw new InvalidConfigurationException(
          "exchange.options." + key, "must be between " + min + " and " + max + ", was " + v);
    }
    return (int) v;
  }

  private static long longOption(Map<String, String> o, String key, long def) {
    String v = o.get(key);
    if (v == null) {
      return def;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n < 0) {
        throw new InvalidConfigurationException("exchange.options." + key, "must not be negative");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new InvalidConfigurationException(
          "exchange.options." + key, "'" + v + "' is not a whole number");
    }
  }

  private static double doubleOption(Map<String, String> o, String key, double def) {
    String v = o.get(key);
    if (v == null) {
      return def;
    }
    try {
      double d = Double.parseDouble(v.trim());
      if (!(d >= 0 && d <= 1)) {
        throw new InvalidConfigurationException("exchange.options." + key, "must be in [0, 1]");
      }
      return d;
    } catch (NumberFormatException e) {
      throw new InvalidConfigurationException(
          "exchange.options." + key, "'" + v + "' is not a number");
    }
  }

  /** {@return the REST base address without a trailing slash} */
  public URI base() {
    return base;
  }

  /** {@return the WebSocket reconnect backoff minimum} */
  public Duration wsReconnectMin() {
    return wsReconnectMin;
  }

  /** {@return the WebSocket reconnect backoff maximum} */
  public Duration wsReconnectMax() {
    return wsReconnectMax;
  }

  /** {@return how long to wait for the welcome frame} */
  public Duration wsWelcomeTimeout() {
    return wsWelcomeTimeout;
  }

  /** {@return whether the key must have the trade permission} */
  public boolean requireTrade() {
    return requireTrade;
  }

  /** {@return the credentials, if any} */
  public Optional<ApiCredentials> credentials() {
    return credentials;
  }

  /** {@return the timeout of each HTTP attempt} */
  public Duration callTimeout() {
    return callTimeout;
  }

  @Override
  public String toString() {
    return "KuCoinConfig[base="
        + base
        + ", credentials="
        + (credentials.isPresent() ? "****" : "none")
        + ", keyVersion="
        + keyVersion
        + "]";
  }
}
