package io.github.mmsdk.exchange.kucoin.internal;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proactive rate budget (KUCOIN_API.md §5.1): every response carries {@code
 * gw-ratelimit-limit}, {@code -remaining} and {@code -reset} (ms until the pool's 30 s window
 * resets) for the pool of its endpoint. Before a call of weight {@code w} the budget waits for the
 * reset when fewer than {@code w} units remain, so a backfill never trips a 429 on its own. Waits
 * are computed from the injected clock and taken with the {@link Sleeper}.
 */
public final class RateBudget {
  private static final Logger LOG = LoggerFactory.getLogger(RateBudget.class);

  /** KuCoin's resource pools. */
  public enum Pool {
    /** Public market data, limited per IP. */
    PUBLIC,
    /** Spot trading and HF account endpoints. */
    SPOT,
    /** Account management endpoints. */
    MANAGEMENT
  }

  private static final class State {
    long limit = -1;
    long remaining = -1;
    long resetAtMillis;
  }

  private final Clock clock;
  private final Sleeper sleeper;
  private final Map<Pool, State> pools = new EnumMap<>(Pool.class);
  private long waits;

  /**
   * Creates a budget.
   *
   * @param clock the clock
   * @param sleeper how to wait
   */
  public RateBudget(Clock clock, Sleeper sleeper) {
    this.clock = clock;
    this.sleeper = sleeper;
    for (Pool p : Pool.values()) {
      pools.put(p, new State());
    }
  }

  /**
   * Takes {@code weight} units from a pool, waiting for its reset when too few remain.
   *
   * @param pool the pool
   * @param weight the endpoint's weight
   */
  public void acquire(Pool pool, int weight) {
    long waitMs = 0;
    synchronized (this) {
      State s = pools.get(pool);
      long now = clock.millis();
      if (s.remaining >= 0 && now >= s.resetAtMillis) {
        s.remaining = s.limit;
      }
      if (s.remaining >= 0 && s.remaining < weight && now < s.resetAtMillis) {
        waitMs = s.resetAtMillis - now;
        waits++;
        s.remaining = s.limit;
        s.resetAtMillis = now + waitMs;
      }
      if (s.remaining >= 0) {
        s.remaining -= weight;
      }
    }
    if (waitMs > 0) {
      LOG.debug("kucoin rate budget wait pool={} waitMs={}", pool, waitMs);
      sleeper.sleep(Duration.ofMillis(waitMs + 1));
    }
  }

  /**
   * Records the headers of a response.
   *
   * @param pool the pool of the endpoint called
   * @param headers the response headers
   */
  public void update(Pool pool, HttpHeaders headers) {
    OptionalLong limit = number(headers, "gw-ratelimit-limit");
    OptionalLong remaining = number(headers, "gw-ratelimit-remaining");
    OptionalLong reset = number(headers, "gw-ratelimit-reset");
    if (limit.isEmpty() || remaining.isEmpty() || reset.isEmpty()) {
      return;
    }
    synchronized (this) {
      State s = pools.get(pool);
      s.limit = limit.getAsLong();
      s.remaining = remaining.getAsLong();
      s.resetAtMillis = clock.millis() + reset.getAsLong();
    }
  }

  /**
   * Reads the reset of a refused call's headers.
   *
   * @param headers the headers of a 429 answer
   * @return how long until the pool resets, when the headers say
   */
  public static java.util.Optional<Duration> resetOf(HttpHeaders headers) {
    OptionalLong reset = number(headers, "gw-ratelimit-reset");
    return reset.isPresent()
        ? java.util.Optional.of(Duration.ofMillis(reset.getAsLong()))
        : java.util.Optional.empty();
  }

  private static OptionalLong number(HttpHeaders headers, String name) {
    try {
      return headers.firstValueAsLong(name);
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** {@return how many times the budget waited for a reset} */
  public synchronized long waits() {
    return waits;
  }

  /** {@return the remaining units per known pool, for health details} */
  public synchronized Map<String, String> snapshot() {
    Map<String, String> m = new LinkedHashMap<>();
    pools.forEach(
        (p, s) -> {
          if (s.limit >= 0) {
            m.put(
                "ratelimit." + p.name().toLowerCase(java.util.Locale.ROOT),
                s.remaining + "/" + s.limit);
          }
        });
    return m;
  }
}
