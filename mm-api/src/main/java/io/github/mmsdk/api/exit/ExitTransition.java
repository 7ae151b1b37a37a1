package io.github.mmsdk.api.exit;

import io.github.mmsdk.api.internal.MmValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/** A change of exit state, with every condition that held and the metric values behind it. */
@MmValue
@Value.Immutable
public abstract class ExitTransition {

  ExitTransition() {}

  /** {@return when it happened} */
  public abstract Instant at();

  /** {@return the state before} */
  public abstract ExitState fromState();

  /** {@return the state after} */
  public abstract ExitState toState();

  /** {@return the reasons, in words} */
  public abstract List<String> reasons();

  /** {@return the conditions that held} */
  public abstract List<ExitCondition> conditions();

  /** {@return the metric values at the time, by metric key} */
  public abstract Map<String, Double> metrics();

  /** {@return whether this transition raised the state} */
  public boolean isEscalation() {
    return toState().isAbove(fromState());
  }

  /** Builds an {@link ExitTransition}. */
  public static final class Builder extends ImmutableExitTransition.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
