package io.github.mmsdk.api.cycle;

/** How a cycle ended. */
public enum CycleStatus {
  /** Every step succeeded. */
  COMPLETE,
  /** Some steps failed or had partial data; what could be done was done and recorded. */
  INCOMPLETE,
  /** Nothing useful could be done (no regime and nothing recorded). */
  FAILED
}
