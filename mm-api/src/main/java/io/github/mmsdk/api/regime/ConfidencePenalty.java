package io.github.mmsdk.api.regime;

import io.github.mmsdk.api.internal.MmValue;
import org.immutables.value.Value;

/** A deduction from the confidence score, with its reason (seed Req 3). */
@MmValue
@Value.Immutable
public abstract class ConfidencePenalty {

  ConfidencePenalty() {}

  /** {@return the penalty's name, e.g. {@code recent_regime_change}} */
  @Value.Parameter
  public abstract String name();

  /** {@return how much it deducted, in confidence units (0.1 is ten points)} */
  @Value.Parameter
  public abstract double amount();

  /** {@return why it applied} */
  @Value.Parameter
  public abstract String reason();

  /**
   * Creates a penalty.
   *
   * @param name the name
   * @param amount the deduction
   * @param reason why
   * @return the penalty
   */
  public static ConfidencePenalty of(String name, double amount, String reason) {
    return ImmutableConfidencePenalty.of(name, amount, reason);
  }
}
