package io.github.mmsdk.api.decision;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.internal.MmValue;
import io.github.mmsdk.api.regime.GateEvaluation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A recommended grid action with its confidence and reasons. The action must belong to the type
 * (the constrained action set); capital-deploying actions are never auto-executable.
 */
@MmValue
@Value.Immutable
public abstract class Recommendation {

  Recommendation() {}

  /** {@return GRID_MANAGE or GRID_SETUP} */
  public abstract RecommendationType type();

  /** {@return the action} */
  public abstract GridAction action();

  /** {@return the pair} */
  public abstract Symbol symbol();

  /** {@return the grid it concerns (the running one, or the id a new one would get)} */
  public abstract Optional<String> gridId();

  /** {@return the confidence behind it, in [0, 0.95]} */
  public abstract double confidence();

  /** {@return the reasons, every number explained} */
  public abstract List<String> reasons();

  /** {@return the proposed grid, for CREATE_GRID} */
  public abstract Optional<GridConfig> proposedGrid();

  /** {@return the fraction to remove, for REDUCE} */
  public abstract Optional<Double> reduceFraction();

  /** {@return what it asks of the operator} */
  public abstract Escalation escalation();

  /** {@return whether it may be executed without approval (risk-reducing only)} */
  @Value.Default
  public boolean autoExecutable() {
    return false;
  }

  /** {@return when it expires without a verdict (verdict-based timeout), if it does} */
  public abstract Optional<Instant> expiresAt();

  /** {@return the risk checks that vetoed a stronger action, with their reasons} */
  public abstract List<String> vetoes();

  /** {@return the restart gates behind a GRID_SETUP} */
  public abstract Optional<GateEvaluation> gates();

  @Value.Check
  void check() {
    if (action().type() != type()) {
      throw new InvalidConfigurationException(
          "recommendation.action", action() + " is not a " + type() + " action");
    }
    if (autoExecutable() && !action().reducesRisk()) {
      throw new InvalidConfigurationException(
          "recommendation.auto_executable", action() + " does not reduce risk");
    }
    if (action() == GridAction.CREATE_GRID && proposedGrid().isEmpty()) {
      throw new InvalidConfigurationException(
          "recommendation.proposed_grid", "CREATE_GRID needs a proposed grid");
    }
  }

  /** Builds a {@link Recommendation}. */
  public static final class Builder extends ImmutableRecommendation.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
