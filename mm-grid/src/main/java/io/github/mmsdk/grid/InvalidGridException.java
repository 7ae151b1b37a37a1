package io.github.mmsdk.grid;

import io.github.mmsdk.api.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A grid breaks the exchange's rules or does not pay for its fees. {@link #key()} names the first
 * offending key; {@link #problems()} lists every problem found.
 */
public class InvalidGridException extends InvalidConfigurationException {
  private static final long serialVersionUID = 1L;

  /** The problems, in the order found (not serialized). */
  private final transient List<GridViolation> violations;

  /**
   * Creates the exception.
   *
   * @param violations the problems found, at least one
   */
  public InvalidGridException(List<GridViolation> violations) {
    super(
        violations.isEmpty() ? "grids" : violations.get(0).key(),
        violations.stream().map(GridViolation::message).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(new ArrayList<>(violations));
  }

  /** {@return every violation found} */
  public List<GridViolation> violations() {
    return violations == null ? List.of() : violations;
  }

  /** {@return the problems found, in order} */
  public List<GridProblem> problems() {
    return violations().stream().map(GridViolation::problem).collect(Collectors.toList());
  }
}
