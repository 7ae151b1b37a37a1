package io.github.mmsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.mmsdk.api.InvalidConfigurationException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TestClockTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void stands_still_until_moved() {
    TestClock c = TestClock.at(T0);
    assertThat(c.instant()).isEqualTo(T0);
    assertThat(c.millis()).isEqualTo(T0.toEpochMilli());
    assertThat(c.getZone()).isEqualTo(ZoneOffset.UTC);
    assertThat(c.advance(Duration.ofHours(1))).isEqualTo(T0.plusSeconds(3600));
    c.set(T0.minusSeconds(5));
    assertThat(c.instant()).isEqualTo(T0.minusSeconds(5));
  }

  @Test
  void zone_copies_share_the_time() {
    TestClock c = TestClock.at(T0);
    TestClock z = c.withZone(ZoneId.of("Europe/London"));
    c.advance(Duration.ofMinutes(3));
    assertThat(z.instant()).isEqualTo(c.instant());
    assertThat(z).isNotEqualTo(c);
    assertThat(c.withZone(ZoneOffset.UTC)).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(c.toString()).contains("2026-01-01T00:03:00Z");
  }

  @Test
  void never_runs_backwards_on_advance() {
    TestClock c = TestClock.at(T0);
    assertThatThrownBy(() -> c.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @Test
  void advances_add_up() {
    qt().withFixedSeed(20261123L)
        .withExamples(200)
        .forAll(longs().between(0, 1_000_000), longs().between(0, 1_000_000))
        .checkAssert(
            (a, b) -> {
              TestClock c = TestClock.at(T0);
              c.advance(Duration.ofMillis(a));
              c.advance(Duration.ofMillis(b));
              assertThat(c.millis()).isEqualTo(T0.toEpochMilli() + a + b);
            });
  }
}
