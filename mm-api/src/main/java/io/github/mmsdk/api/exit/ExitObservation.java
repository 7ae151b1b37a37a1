package io.github.mmsdk.api.exit;

import io.github.mmsdk.api.internal.MmValue;
import java.time.Instant;
import org.immutables.value.Value;

/**
 * What one evaluation saw, kept in the exit history for persistence checks: the most urgent level
 * whose conditions held, and how many conditions held.
 */
@MmValue
@Value.Immutable
public abstract class ExitObservation {

  ExitObservation() {}

  /** {@return when} */
  @Value.Parameter
  public abstract Instant at();

  /** {@return the most urgent level whose trigger fired, NORMAL when none} */
  @Value.Parameter
  public abstract ExitState signalled();

  /** {@return how many conditions held} */
  @Value.Parameter
  public abstract int conditionsHeld();

  /**
   * Creates an observation.
   *
   * @param at when
   * @param signalled the level signalled
   * @param conditionsHeld how many conditions held
   * @return the observation
   */
  public static ExitObservation of(Instant at, ExitState signalled, int conditionsHeld) {
    return ImmutableExitObservation.of(at, signalled, conditionsHeld);
  }
}
