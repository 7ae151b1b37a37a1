package io.github.mmsdk.api.grid;

/** How a grid spaces its price levels. */
public enum Spacing {
  /** Equal price steps between levels. */
  ARITHMETIC,
  /** Equal percentage steps between levels. */
  GEOMETRIC
}
