package io.github.mmsdk.api.regime;

import io.github.mmsdk.api.internal.MmValue;
import java.util.Map;
import org.immutables.value.Value;

/** One gate's outcome with the measured values against their thresholds. */
@MmValue
@Value.Immutable
public abstract class GateResult {

  GateResult() {}

  /** The outcome of a gate. */
  public enum Status {
    /** The gate's conditions hold. */
    PASSED,
    /** The gate's conditions do not hold. */
    FAILED,
    /** Not evaluated because an earlier gate failed. */
    NOT_EVALUATED
  }

  /** {@return the gate} */
  public abstract RestartGate gate();

  /** {@return the outcome} */
  public abstract Status status();

  /** {@return measured values by name} */
  public abstract Map<String, Double> measured();

  /** {@return thresholds by the same names} */
  public abstract Map<String, Double> thresholds();

  /** {@return why, for the operator} */
  public abstract String reason();

  /** Builds a {@link GateResult}. */
  public static final class Builder extends ImmutableGateResult.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
