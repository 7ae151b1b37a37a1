package io.github.mmsdk.api.exit;

import io.github.mmsdk.api.internal.MmValue;
import org.immutables.value.Value;

/** A trigger condition that held, with its measured value against its threshold. */
@MmValue
@Value.Immutable
public abstract class ExitCondition {

  ExitCondition() {}

  /** {@return the condition's name, e.g. {@code adx_rising_above}} */
  @Value.Parameter
  public abstract String name();

  /** {@return the level the condition belongs to} */
  @Value.Parameter
  public abstract ExitState level();

  /** {@return the measured value} */
  @Value.Parameter
  public abstract double value();

  /** {@return the threshold it crossed} */
  @Value.Parameter
  public abstract double threshold();

  /** {@return the condition in words, e.g. {@code ADX 28.5 > 25}} */
  @Value.Parameter
  public abstract String description();

  /**
   * Creates a condition.
   *
   * @param name the name
   * @param level the level
   * @param value the measured value
   * @param threshold the threshold
   * @param description the words
   * @return the condition
   */
  public static ExitCondition of(
      String name, ExitState level, double value, double threshold, String description) {
    return ImmutableExitCondition.of(name, level, value, threshold, description);
  }
}
