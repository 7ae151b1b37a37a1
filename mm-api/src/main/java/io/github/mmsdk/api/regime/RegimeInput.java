package io.github.mmsdk.api.regime;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.internal.MmValue;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What a {@link RegimeEngine} evaluates: closed candles up to the decision time and the context the
 * confidence penalties need.
 */
@MmValue
@Value.Immutable
public abstract class RegimeInput {

  RegimeInput() {}

  /** {@return the symbol} */
  public abstract Symbol symbol();

  /** {@return the decision time; candles closing after it are ignored} */
  public abstract Instant asOf();

  /** {@return the primary (1h) candles} */
  public abstract CandleSeries primary();

  /** {@return the confirmation (4h) candles; aggregated from the primary ones when empty} */
  public abstract Optional<CandleSeries> confirmation();

  /** {@return the grid on this symbol, for the position and spacing penalties} */
  public abstract Optional<GridConfig> grid();

  /** {@return the verdict of the previous evaluation, if any} */
  public abstract Optional<RegimeVerdict> previousVerdict();

  /** {@return when the verdict last changed, for the recent-change penalty} */
  public abstract Optional<Instant> lastVerdictChange();

  /** {@return whether to evaluate the restart gates (a stopped grid)} */
  @Value.Default
  public boolean evaluateGates() {
    return false;
  }

  /** Builds a {@link RegimeInput}. */
  public static final class Builder extends ImmutableRegimeInput.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
