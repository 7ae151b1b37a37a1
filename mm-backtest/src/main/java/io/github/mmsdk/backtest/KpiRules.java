package io.github.mmsdk.backtest;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.backtest.internal.BacktestValue;
import java.time.Duration;
import java.util.stream.Stream;
import org.immutables.value.Value;

/**
 * The ground-truth labelling rules and thresholds of the KPIs (docs/kpis.md), each with its
 * default. Every label is computed after the fact from the 1h price path, never from what the
 * system said.
 *
 * <pre>{@code
 * KpiRules strict = new KpiRules.Builder().breakoutMarginPct(2).breakoutHold(Duration.ofHours(24))
 *     .build();
 * ExitKpis k = KpiCalculator.withRules(strict).exitKpis(store, candles, from, to);
 * }</pre>
 */
@Value.Immutable
@BacktestValue
public abstract class KpiRules {

  KpiRules() {}

  /** {@return the default rules} */
  public static KpiRules defaults() {
    return new Builder().build();
  }

  // ---- regime side (EAW, TTDR) ----

  /** {@return candles before a range breakout that must form the range; default 72} */
  @Value.Default
  public int rangeHours() {
    return 72;
  }

  /** {@return the widest range, (max high − min low) / midpoint, as a fraction; default 0.10} */
  @Value.Default
  public double maxRangeWidth() {
    return 0.10;
  }

  /** {@return how long a range breakout must stay outside on the same side; default 24 h} */
  @Value.Default
  public Duration rangeBreakoutHold() {
    return Duration.ofHours(24);
  }

  /** {@return how far before a breakout a warning may lie; default 24 h} */
  @Value.Default
  public Duration warningLookback() {
    return Duration.ofHours(24);
  }

  /** {@return the least lead for a breakout to count as warned ahead; default 2 h} */
  @Value.Default
  public Duration warningLead() {
    return Duration.ofHours(2);
  }

  /** {@return the longest time to detect a trend after a breakout; default 48 h} */
  @Value.Default
  public Duration detectWithin() {
    return Duration.ofHours(48);
  }

  // ---- exit side (SLAR, PRR, FER, ERT, MEC, EAW of exits, RRR) ----

  /**
   * {@return how far beyond a grid bound a close must lie to start a grid breakout, in percent of
   * the bound; default 1}
   */
  @Value.Default
  public double breakoutMarginPct() {
    return 1.0;
  }

  /**
   * {@return how long the closes must then stay beyond that bound for the breakout to count;
   * default 24 h}
   */
  @Value.Default
  public Duration breakoutHold() {
    return Duration.ofHours(24);
  }

  /**
   * {@return the window after an exit signal in which a grid breakout or a stop-loss touch makes
   * the exit justified (otherwise it was false); default 72 h}
   */
  @Value.Default
  public Duration falseExitWindow() {
    return Duration.ofHours(72);
  }

  /**
   * {@return how long after a grid stopped a stop-loss touch still counts against the run (the grid
   * would have been hit had it kept running); default 72 h}
   */
  @Value.Default
  public Duration stopLossHorizon() {
    return Duration.ofHours(72);
  }

  /**
   * {@return the stop distance below the lower bound of a grid that has no stop-loss price, in
   * percent; default 3 (mm-grid's default)}
   */
  @Value.Default
  public double defaultStopDistancePct() {
    return 3.0;
  }

  /**
   * {@return how long before an event an exit signal still counts as given for it; default 24 h}
   */
  @Value.Default
  public Duration signalLookback() {
    return Duration.ofHours(24);
  }

  /** {@return the window after a restart in which a new exit signal is a retrigger; 72 h} */
  @Value.Default
  public Duration restartWindow() {
    return Duration.ofHours(72);
  }

  /**
   * {@return the least exit state that tells the operator to exit (an "exit signal"); default
   * LATEST_ACCEPTABLE_EXIT}
   */
  @Value.Default
  public ExitState exitSignalState() {
    return ExitState.LATEST_ACCEPTABLE_EXIT;
  }

  /** {@return the least exit state that counts as a warning; default WARNING} */
  @Value.Default
  public ExitState warningState() {
    return ExitState.WARNING;
  }

  /** {@return the fee per fill of the grid model behind PRR, as a fraction; default 0.001} */
  @Value.Default
  public double feeRate() {
    return 0.001;
  }

  /**
   * {@return how long after its end a day's figures still need price data: the longest look-ahead
   * of any rule}
   */
  public Duration lookAhead() {
    return Stream.of(
            falseExitWindow().plus(breakoutHold()),
            stopLossHorizon(),
            restartWindow(),
            breakoutHold(),
            rangeBreakoutHold(),
            detectWithin())
        .max(Duration::compareTo)
        .orElseThrow();
  }

  @Value.Check
  void check() {
    if (rangeHours() < 2) {
      throw new InvalidConfigurationException("kpi.range_hours", "must be at least 2");
    }
    if (!(maxRangeWidth() > 0) || !(breakoutMarginPct() >= 0)) {
      throw new InvalidConfigurationException(
          "kpi.max_range_width", "range width must be > 0 and breakout margin >= 0");
    }
    if (!(defaultStopDistancePct() >= 0 && defaultStopDistancePct() < 100)) {
      throw new InvalidConfigurationException(
          "kpi.default_stop_distance_pct", "must be in [0, 100)");
    }
    if (!(feeRate() >= 0 && feeRate() < 1)) {
      throw new InvalidConfigurationException("kpi.fee_rate", "must be in [0, 1)");
    }
    for (Duration d :
        new Duration[] {
          rangeBreakoutHold(),
          warningLookback(),
          warningLead(),
          detectWithin(),
          breakoutHold(),
          falseExitWindow(),
          stopLossHorizon(),
          signalLookback(),
          restartWindow()
        }) {
      if (d.isNegative() || d.toMinutes() % 60 != 0) {
        throw new InvalidConfigurationException(
            "kpi.durations", "must be whole hours >= 0, was " + d);
      }
    }
    if (rangeBreakoutHold().isZero()) {
      throw new InvalidConfigurationException("kpi.range_breakout_hold", "must be at least 1 h");
    }
    if (exitSignalState() == ExitState.NORMAL || warningState() == ExitState.NORMAL) {
      throw new InvalidConfigurationException(
          "kpi.exit_signal_state", "exit signal and warning states must be above NORMAL");
    }
  }

  /** Builds {@link KpiRules}; every rule not set keeps its default. */
  public static final class Builder extends ImmutableKpiRules.Builder {
    /** Creates a builder with every default. */
    public Builder() {}
  }
}
