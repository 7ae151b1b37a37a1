package io.github.mmsdk.api.decision;

/** The constrained action set; each action belongs to one {@link RecommendationType}. */
public enum GridAction {
  /** Keep the running grid as it is. */
  HOLD(RecommendationType.GRID_MANAGE, false),
  /** Stop the running grid. Reduces risk. */
  STOP_GRID(RecommendationType.GRID_MANAGE, false),
  /** Reduce the running grid's allocation. Reduces risk. */
  REDUCE(RecommendationType.GRID_MANAGE, false),
  /** Create and start a grid with proposed parameters. Deploys capital. */
  CREATE_GRID(RecommendationType.GRID_SETUP, true),
  /** Do not create a grid yet. */
  WAIT(RecommendationType.GRID_SETUP, false);

  private final RecommendationType type;
  private final boolean deploysCapital;

  GridAction(RecommendationType type, boolean deploysCapital) {
    this.type = type;
    this.deploysCapital = deploysCapital;
  }

  /** {@return the recommendation type this action belongs to} */
  public RecommendationType type() {
    return type;
  }

  /** {@return whether the action puts capital at risk (always needs approval, seed Req 9)} */
  public boolean deploysCapital() {
    return deploysCapital;
  }

  /** {@return whether the action reduces risk (may be auto-executed, seed Req 9)} */
  public boolean reducesRisk() {
    return this == STOP_GRID || this == REDUCE;
  }
}
