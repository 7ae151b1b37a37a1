package io.github.mmsdk.backtest;

import io.github.mmsdk.backtest.internal.BacktestValue;
import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The regime-side KPIs of a run (docs/kpis.md): how early breakouts were warned of (EAW) and how
 * fast the trend was recognised (TTDR), against breakouts labelled from the price path.
 */
@Value.Immutable
@BacktestValue
public abstract class RegimeKpis {

  RegimeKpis() {}

  /** {@return the number of breakouts labelled in the period} */
  public abstract int breakouts();

  /** {@return the breakouts warned of at least two hours ahead} */
  public abstract int warnedTwoHoursAhead();

  /** {@return the breakouts whose trend was recognised within 48 hours} */
  public abstract int detected();

  /** {@return the median early-action window over warned breakouts, when any} */
  public abstract Optional<Duration> medianWarningWindow();

  /** {@return the median time to detect over detected breakouts, when any} */
  public abstract Optional<Duration> medianTimeToDetect();

  /** {@return the share of breakouts warned of at least two hours ahead (0 without breakouts)} */
  @Value.Derived
  public double warningRate() {
    return breakouts() == 0 ? 0 : (double) warnedTwoHoursAhead() / breakouts();
  }

  /** {@return the share of breakouts detected within 48 hours (0 without breakouts)} */
  @Value.Derived
  public double detectionRate() {
    return breakouts() == 0 ? 0 : (double) detected() / breakouts();
  }

  /** Builds a {@link RegimeKpis}. */
  public static final class Builder extends ImmutableRegimeKpis.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
