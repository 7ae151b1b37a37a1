package io.github.mmsdk.api.regime;

import io.github.mmsdk.api.internal.MmValue;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** The three restart gates, evaluated in order; a gate runs only when the one before passed. */
@MmValue
@Value.Immutable
public abstract class GateEvaluation {

  GateEvaluation() {}

  /** {@return the three gates in order} */
  public abstract List<GateResult> gates();

  /** {@return whether every gate passed} */
  public boolean allPassed() {
    return !gates().isEmpty()
        && gates().stream().allMatch(g -> g.status() == GateResult.Status.PASSED);
  }

  /** {@return the first gate that failed, if any} */
  public Optional<RestartGate> blockingGate() {
    return gates().stream()
        .filter(g -> g.status() == GateResult.Status.FAILED)
        .map(GateResult::gate)
        .findFirst();
  }

  /**
   * Creates an evaluation.
   *
   * @param gates the gates in order
   * @return the evaluation
   */
  public static GateEvaluation of(List<GateResult> gates) {
    return new Builder().addAllGates(gates).build();
  }

  /** Builds a {@link GateEvaluation}. */
  public static final class Builder extends ImmutableGateEvaluation.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
