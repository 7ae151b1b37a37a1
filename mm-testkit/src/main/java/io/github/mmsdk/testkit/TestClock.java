package io.github.mmsdk.testkit;

import io.github.mmsdk.api.InvalidConfigurationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A mutable {@link Clock} for tests and backtests: it stands still until {@link #advance(Duration)}
 * or {@link #set(Instant)} moves it (like Micrometer's {@code MockClock}).
 *
 * <p>Thread-safe: readers on other threads see every move. Copies made with {@link
 * #withZone(ZoneId)} share the same time.
 */
public final class TestClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private TestClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /**
   * A clock standing at an instant, in UTC.
   *
   * @param start the initial instant
   * @return the clock
   */
  public static TestClock at(Instant start) {
    return new TestClock(
        new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  /**
   * Moves the clock forward.
   *
   * @param amount how far; must not be negative
   * @return the new instant
   * @throws InvalidConfigurationException when {@code amount} is negative (time never runs
   *     backwards)
   */
  public Instant advance(Duration amount) {
    if (amount.isNegative()) {
      throw new InvalidConfigurationException(
          "clock.advance", "a test clock never runs backwards: " + amount);
    }
    return now.updateAndGet(t -> t.plus(amount));
  }

  /**
   * Sets the clock to an instant, which may be earlier than the current one (to model a skewed host
   * clock).
   *
   * @param instant the new instant
   */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public long millis() {
    return now.get().toEpochMilli();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public TestClock withZone(ZoneId newZone) {
    return new TestClock(now, newZone);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TestClock
        && ((TestClock) o).now == now
        && ((TestClock) o).zone.equals(zone);
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(now) * 31 + zone.hashCode();
  }

  @Override
  public String toString() {
    return "TestClock[" + now.get() + ", " + zone + "]";
  }
}
