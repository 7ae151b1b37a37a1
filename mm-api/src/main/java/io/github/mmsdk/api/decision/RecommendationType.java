package io.github.mmsdk.api.decision;

/** The two kinds of recommendation (seed Req 2). */
public enum RecommendationType {
  /** For a running grid: hold, stop or reduce it. */
  GRID_MANAGE,
  /** For a stopped grid or none: create one, or wait. */
  GRID_SETUP
}
