package io.github.mmsdk.api.grid;

/** How a spot grid starts its inventory. */
public enum GridMode {
  /** Buys base inventory at creation for the levels above the price, then trades the range. */
  LONG,
  /** Starts from quote only: buys on the way down, sells what it bought on the way up. */
  NEUTRAL
}
