package io.github.mmsdk.api.exit;

import io.github.mmsdk.api.internal.MmValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A grid's exit-state history as the store keeps it (seed "Exit State Persistence"): the current
 * state, its transitions, the last notification per state and the recent observations that
 * persistence checks read.
 */
@MmValue
@Value.Immutable
public abstract class ExitHistory {

  ExitHistory() {}

  /** {@return the grid} */
  public abstract String gridId();

  /** {@return the current state} */
  @Value.Default
  public ExitState current() {
    return ExitState.NORMAL;
  }

  /** {@return when the current state was entered, if it ever changed} */
  public abstract Optional<Instant> since();

  /** {@return the deadline of a LATEST_ACCEPTABLE_EXIT in force} */
  public abstract Optional<Instant> deadline();

  /** {@return the transitions, oldest first} */
  public abstract List<ExitTransition> transitions();

  /** {@return the last notification time per state} */
  public abstract Map<ExitState, Instant> lastNotification();

  /** {@return the most recent observations, oldest first} */
  public abstract List<ExitObservation> recent();

  /**
   * A history with no transitions.
   *
   * @param gridId the grid
   * @return an empty history in NORMAL
   */
  public static ExitHistory empty(String gridId) {
    return new Builder().gridId(gridId).build();
  }

  /** Builds an {@link ExitHistory}. */
  public static final class Builder extends ImmutableExitHistory.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
