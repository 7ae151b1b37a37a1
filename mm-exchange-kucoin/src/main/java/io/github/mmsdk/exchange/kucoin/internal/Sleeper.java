package io.github.mmsdk.exchange.kucoin.internal;

import java.time.Duration;

/** Waits; a seam so that tests can observe waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps on the real clock; an interrupt ends the wait early and keeps the flag set. */
  Sleeper REAL =
      d -> {
        try {
          Thread.sleep(Math.max(0, d.toMillis()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      };

  /**
   * Waits.
   *
   * @param duration how long
   */
  void sleep(Duration duration);
}
