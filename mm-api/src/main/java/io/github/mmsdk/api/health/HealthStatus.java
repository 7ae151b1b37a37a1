package io.github.mmsdk.api.health;

/** How well a component works, ordered from best to worst. */
public enum HealthStatus {
  /** Working normally. */
  UP,
  /** Working with reduced service: retries, an open circuit, a backlog, stale data. */
  DEGRADED,
  /** Not working. */
  DOWN;

  /**
   * The worse of two statuses.
   *
   * @param other another status
   * @return whichever is worse
   */
  public HealthStatus worst(HealthStatus other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
