package io.github.mmsdk.api.exit;

import io.github.mmsdk.api.internal.MmValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The outcome of one exit evaluation: the new state, the transition if the state changed, the
 * conditions that held, the position risk, and whether and how urgently to notify.
 */
@MmValue
@Value.Immutable
public abstract class ExitAssessment {

  ExitAssessment() {}

  /** {@return the grid} */
  public abstract String gridId();

  /** {@return the decision time} */
  public abstract Instant asOf();

  /** {@return the state before this evaluation} */
  public abstract ExitState previous();

  /** {@return the state after this evaluation} */
  public abstract ExitState state();

  /** {@return the transition, when the state changed} */
  public abstract Optional<ExitTransition> transition();

  /** {@return every condition that held, at any level} */
  public abstract List<ExitCondition> conditions();

  /** {@return the exit deadline, in LATEST_ACCEPTABLE_EXIT} */
  public abstract Optional<Instant> deadline();

  /** {@return the estimated position, when it could be computed} */
  public abstract Optional<PositionRisk> positionRisk();

  /** {@return metrics that were unavailable, with their cause} */
  public abstract Map<String, String> unavailableMetrics();

  /** {@return whether to notify now (rate limits applied; escalations always notify)} */
  public abstract boolean shouldNotify();

  /** {@return the Pushover-style priority of the notification, from -2 to 2} */
  public abstract int priority();

  /** {@return the message for the operator} */
  public abstract String message();

  /** {@return what this evaluation saw, to append to the history} */
  public abstract ExitObservation observation();

  /** {@return the history after this evaluation, to persist} */
  public abstract ExitHistory history();

  /** Builds an {@link ExitAssessment}. */
  public static final class Builder extends ImmutableExitAssessment.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
