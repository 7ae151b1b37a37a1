package io.github.mmsdk.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Waits until an instant of a {@link Clock}. The {@link CycleScheduler} sleeps through one, so a
 * test can replace real waiting with moving a test clock and simulate a week in milliseconds.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Returns once {@code wakeAt} is reached (or passed).
   *
   * @param wakeAt the instant to wait for
   * @throws InterruptedException when the waiting thread is interrupted (the scheduler stops)
   */
  void sleepUntil(Instant wakeAt) throws InterruptedException;

  /**
   * Real waiting on a clock: sleeps in steps of at most a minute and re-reads the clock, so a clock
   * adjusted while sleeping is honoured.
   *
   * @param clock the clock
   * @return the sleeper
   */
  static Sleeper system(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    return wakeAt -> {
      while (true) {
        Duration left = Duration.between(clock.instant(), wakeAt);
        if (left.isNegative() || left.isZero()) {
          return;
        }
        Thread.sleep(Math.max(1, Math.min(left.toMillis(), 60_000L)));
      }
    };
  }
}
