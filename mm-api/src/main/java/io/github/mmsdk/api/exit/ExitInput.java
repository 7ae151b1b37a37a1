package io.github.mmsdk.api.exit;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.internal.MmValue;
import io.github.mmsdk.api.regime.RegimeState;
import java.time.Instant;
import org.immutables.value.Value;

/** What an {@link ExitEvaluator} evaluates for one running grid. */
@MmValue
@Value.Immutable
public abstract class ExitInput {

  ExitInput() {}

  /** {@return the decision time} */
  public abstract Instant asOf();

  /** {@return the regime (1h with 4h confirmation)} */
  public abstract RegimeState regime();

  /** {@return the running grid} */
  public abstract GridConfig grid();

  /** {@return the price path, closed candles up to the decision time} */
  public abstract CandleSeries candles();

  /** {@return the grid's exit-state history} */
  public abstract ExitHistory history();

  /** Builds an {@link ExitInput}. */
  public static final class Builder extends ImmutableExitInput.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
