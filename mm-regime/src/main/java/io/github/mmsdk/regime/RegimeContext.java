package io.github.mmsdk.regime;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.regime.RegimeVerdict;
import io.github.mmsdk.regime.internal.RegimeValue;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What a {@link RegimeTracker} needs besides its candles to evaluate a decision point: the symbol
 * and the context of the confidence penalties and the restart gates (the candle-free part of a
 * {@link io.github.mmsdk.api.regime.RegimeInput}).
 */
@RegimeValue
@Value.Immutable
public abstract class RegimeContext {

  RegimeContext() {}

  /** {@return the symbol} */
  public abstract Symbol symbol();

  /** {@return the grid on this symbol, for the position, maturity and spacing penalties} */
  public abstract Optional<GridConfig> grid();

  /** {@return the verdict of the previous evaluation, if any} */
  public abstract Optional<RegimeVerdict> previousVerdict();

  /** {@return when the verdict last changed, for the recent-change penalty} */
  public abstract Optional<Instant> lastVerdictChange();

  /** {@return whether to evaluate the restart gates (a stopped grid); default false} */
  @Value.Default
  public boolean evaluateGates() {
    return false;
  }

  /**
   * A context with only a symbol.
   *
   * @param symbol the symbol
   * @return the context
   */
  public static RegimeContext of(Symbol symbol) {
    return new Builder().symbol(symbol).build();
  }

  /** Builds a {@link RegimeContext}. */
  public static final class Builder extends ImmutableRegimeContext.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
