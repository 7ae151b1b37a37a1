package io.github.mmsdk.api.exit;

import java.time.Duration;

/**
 * The exit state of a running grid, in order of urgency. Each state has the minimum interval
 * between two notifications of that state (seed "Rate Limiting State").
 */
public enum ExitState {
  /** No exit pressure. */
  NORMAL(Duration.ZERO),
  /** Two or more independent conditions point to a regime change: watch. Once per 4 h. */
  WARNING(Duration.ofHours(4)),
  /** Exit before a deadline (12-24 h) to preserve capital. Once per 2 h. */
  LATEST_ACCEPTABLE_EXIT(Duration.ofHours(2)),
  /** Stop the grid now. Once per hour. */
  MANDATORY_EXIT(Duration.ofHours(1));

  private final Duration notificationInterval;

  ExitState(Duration notificationInterval) {
    this.notificationInterval = notificationInterval;
  }

  /** {@return the seed's minimum interval between two notifications of this state} */
  public Duration defaultNotificationInterval() {
    return notificationInterval;
  }

  /**
   * Whether this state is more urgent than another.
   *
   * @param other another state
   * @return {@code true} when this one is more urgent
   */
  public boolean isAbove(ExitState other) {
    return compareTo(other) > 0;
  }
}
