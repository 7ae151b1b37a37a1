package io.github.mmsdk.api.regime;

/** The market regime of a symbol, from most to least favourable for a grid. */
public enum RegimeVerdict {
  /** A clean range: grids work. */
  RANGE_OK,
  /** A range with weakening structure: grids work with care. */
  RANGE_WEAK,
  /** Leaving a range or entering one: no new grid, watch running ones. */
  TRANSITION,
  /** A directional move: grids lose; exit or stay out. */
  TREND;

  /** {@return whether this verdict is a range ({@link #RANGE_OK} or {@link #RANGE_WEAK})} */
  public boolean isRange() {
    return this == RANGE_OK || this == RANGE_WEAK;
  }
}
