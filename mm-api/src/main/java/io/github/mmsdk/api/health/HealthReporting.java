package io.github.mmsdk.api.health;

/** A component that can say how healthy it is. */
public interface HealthReporting {

  /**
   * Reports the component's health without blocking on I/O (a cached view of the last calls).
   *
   * @return the current health
   */
  Health health();
}
