package io.github.mmsdk.exchange.kucoin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.testkit.TestClock;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateBudgetTest {
  private static HttpHeaders headers(long limit, long remaining, long reset) {
    return HttpHeaders.of(
        Map.of(
            "gw-ratelimit-limit", List.of(Long.toString(limit)),
            "gw-ratelimit-remaining", List.of(Long.toString(remaining)),
            "gw-ratelimit-reset", List.of(Long.toString(reset))),
        (a, b) -> true);
  }

  @Test
  void waits_for_the_reset_only_when_the_pool_is_short() {
    TestClock clock = TestClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    List<Duration> waits = new ArrayList<>();
    RateBudget b =
        new RateBudget(
            clock,
            d -> {
              waits.add(d);
              clock.advance(d);
            });
    b.acquire(RateBudget.Pool.PUBLIC, 3);
    assertThat(waits).isEmpty();
    b.update(RateBudget.Pool.PUBLIC, headers(10, 5, 1000));
    b.acquire(RateBudget.Pool.PUBLIC, 3);
    assertThat(waits).isEmpty();
    b.acquire(RateBudget.Pool.PUBLIC, 3);
    assertThat(waits).hasSize(1);
    assertThat(waits.get(0)).isEqualTo(Duration.ofMillis(1001));
    assertThat(b.waits()).isEqualTo(1);
    b.acquire(RateBudget.Pool.MANAGEMENT, 20);
    assertThat(waits).hasSize(1);
    assertThat(b.snapshot()).containsKey("ratelimit.public");
  }

  @Test
  void a_passed_reset_refills_the_pool_and_bad_headers_are_ignored() {
    TestClock clock = TestClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    List<Duration> waits = new ArrayList<>();
    RateBudget b = new RateBudget(clock, waits::add);
    b.update(RateBudget.Pool.SPOT, headers(10, 0, 500));
    clock.advance(Duration.ofSeconds(1));
    b.acquire(RateBudget.Pool.SPOT, 3);
    assertThat(waits).isEmpty();
    b.update(
        RateBudget.Pool.SPOT,
        HttpHeaders.of(Map.of("gw-ratelimit-limit", List.of("x")), (x, y) -> true));
    assertThat(RateBudget.resetOf(headers(1, 1, 7))).contains(Duration.ofMillis(7));
    assertThat(RateBudget.resetOf(HttpHeaders.of(Map.of(), (x, y) -> true))).isEmpty();
  }
}
