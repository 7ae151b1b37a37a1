package io.github.mmsdk.grid;

import io.github.mmsdk.grid.internal.GridValue;
import org.immutables.value.Value;

/** One rule a grid breaks: the problem, the configuration key and a message with the numbers. */
@GridValue
@Value.Immutable
public abstract class GridViolation {

  GridViolation() {}

  /** {@return what is wrong} */
  @Value.Parameter
  public abstract GridProblem problem();

  /** {@return the offending configuration key, e.g. {@code grids.eth-grid-1.levels}} */
  @Value.Parameter
  public abstract String key();

  /** {@return what is wrong, with the measured value and the limit} */
  @Value.Parameter
  public abstract String message();

  /**
   * Creates a violation.
   *
   * @param problem what is wrong
   * @param key the configuration key
   * @param message the explanation with numbers
   * @return the violation
   */
  public static GridViolation of(GridProblem problem, String key, String message) {
    return ImmutableGridViolation.of(problem, key, message);
  }
}
