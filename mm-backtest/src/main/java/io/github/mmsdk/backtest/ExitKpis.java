package io.github.mmsdk.backtest;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.backtest.internal.BacktestValue;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.immutables.value.Value;

/**
 * The exit-side KPIs of a period (docs/kpis.md): counts of labelled events, the rates built from
 * them and a few medians. Each event is counted in the period that holds its anchor time (an exit
 * signal's time, a run's start or stop, a breakout's onset, a stop-loss touch).
 *
 * <p>A rate whose denominator is zero is empty, never 0 or 1.
 */
@Value.Immutable
@BacktestValue
public abstract class ExitKpis {

  ExitKpis() {}

  /** {@return the grid runs (an ENABLED entry up to the next DISABLED) started in the period} */
  public abstract int gridRuns();

  /** {@return the exit signals labelled: escalations to the exit-signal state or above} */
  public abstract int exitSignals();

  /** {@return the labelled exit signals after which no breakout or stop-loss touch followed} */
  public abstract int falseExits();

  /**
   * {@return the runs exposed to their stop-loss (touched while running or soon after the stop)}
   */
  public abstract int stopLossEvents();

  /** {@return the exposed runs whose exit was signalled before the touch} */
  public abstract int stopLossesAvoided();

  /** {@return the runs that needed an exit (breakout or stop-loss touch) and got no signal} */
  public abstract int missedExits();

  /** {@return the stop-loss events touched while the grid ran, without an exit signal before} */
  public abstract int stopLossesMissed();

  /** {@return the grid breakouts (onsets) that happened while a grid ran} */
  public abstract int gridBreakouts();

  /** {@return the grid breakouts whose run was in a warning state at least the lead ahead} */
  public abstract int gridBreakoutsWarned();

  /** {@return the grid breakouts with no exit signal by the end of their hold (the run went on)} */
  public abstract int gridBreakoutsMissed();

  /** {@return the median warning lead over the warned grid breakouts, when any} */
  public abstract Optional<Duration> medianWarningLead();

  /** {@return the exit signals answered by a stop or an executed action} */
  public abstract int exitsAnswered();

  /** {@return the exit signals not answered by the end of the data} */
  public abstract int exitsUnanswered();

  /** {@return the median exit response time over the answered signals, when any} */
  public abstract Optional<Duration> medianResponseTime();

  /** {@return the longest exit response time over the answered signals, when any} */
  public abstract Optional<Duration> maxResponseTime();

  /** {@return the runs stopped in the period whose grid PnL could be modelled} */
  public abstract int stoppedRuns();

  /** {@return the stopped runs whose modelled PnL was positive at some close} */
  public abstract int profitableRuns();

  /**
   * {@return the sum over profitable stopped runs of the PnL at the stop, in percent of each run's
   * allocation}
   */
  public abstract double retainedPnlPct();

  /**
   * {@return the sum over profitable stopped runs of the best PnL before the stop, in percent of
   * each run's allocation}
   */
  public abstract double peakPnlPct();

  /** {@return the runs started after an earlier run of the symbol had stopped, labelled} */
  public abstract int restarts();

  /** {@return the restarts followed by an exit signal within the restart window} */
  public abstract int retriggeredRestarts();

  /** {@return the false exit rate FER: false exits / exit signals, when any} */
  public OptionalDouble falseExitRate() {
    return ratio(falseExits(), exitSignals());
  }

  /** {@return the stop-loss avoidance rate SLAR: avoided / stop-loss events, when any} */
  public OptionalDouble stopLossAvoidanceRate() {
    return ratio(stopLossesAvoided(), stopLossEvents());
  }

  /** {@return the share of grid breakouts warned at least the lead ahead, when any} */
  public OptionalDouble warningRate() {
    return ratio(gridBreakoutsWarned(), gridBreakouts());
  }

  /** {@return the restart retrigger rate RRR: retriggered / restarts, when any} */
  public OptionalDouble restartRetriggerRate() {
    return ratio(retriggeredRestarts(), restarts());
  }

  /**
   * {@return the profit retention ratio PRR: retained / peak PnL over profitable stopped runs, at
   * most 1, when any}
   */
  public OptionalDouble profitRetention() {
    return profitableRuns() == 0 || peakPnlPct() <= 0
        ? OptionalDouble.empty()
        : OptionalDouble.of(retainedPnlPct() / peakPnlPct());
  }

  /**
   * The figures by name, in a fixed order, for {@code kpis/<day>.yaml}: every count, and each rate
   * or median that is defined (hours for durations).
   *
   * @return name to value
   */
  public Map<String, Double> figures() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("grid_runs", (double) gridRuns());
    m.put("exit_signals", (double) exitSignals());
    m.put("false_exits", (double) falseExits());
    falseExitRate().ifPresent(v -> m.put("fer", v));
    m.put("stop_loss_events", (double) stopLossEvents());
    m.put("stop_losses_avoided", (double) stopLossesAvoided());
    stopLossAvoidanceRate().ifPresent(v -> m.put("slar", v));
    m.put("mec", (double) missedExits());
    m.put("stop_losses_missed", (double) stopLossesMissed());
    m.put("grid_breakouts", (double) gridBreakouts());
    m.put("grid_breakouts_warned", (double) gridBreakoutsWarned());
    m.put("grid_breakouts_missed", (double) gridBreakoutsMissed());
    warningRate().ifPresent(v -> m.put("eaw_exit_rate", v));
    medianWarningLead().ifPresent(d -> m.put("eaw_exit_median_h", hours(d)));
    m.put("exits_answered", (double) exitsAnswered());
    m.put("exits_unanswered", (double) exitsUnanswered());
    medianResponseTime().ifPresent(d -> m.put("ert_median_h", hours(d)));
    maxResponseTime().ifPresent(d -> m.put("ert_max_h", hours(d)));
    m.put("stopped_runs", (double) stoppedRuns());
    m.put("profitable_runs", (double) profitableRuns());
    m.put("retained_pnl_pct", retainedPnlPct());
    m.put("peak_pnl_pct", peakPnlPct());
    profitRetention().ifPresent(v -> m.put("prr", v));
    m.put("restarts", (double) restarts());
    m.put("restarts_retriggered", (double) retriggeredRestarts());
    restartRetriggerRate().ifPresent(v -> m.put("rrr", v));
    return m;
  }

  static double hours(Duration d) {
    return d.toMinutes() / 60.0;
  }

  static OptionalDouble ratio(int part, int whole) {
    return whole == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) part / whole);
  }

  @Value.Check
  void check() {
    int[] counts = {
      gridRuns(),
      exitSignals(),
      falseExits(),
      stopLossEvents(),
      stopLossesAvoided(),
      missedExits(),
      stopLossesMissed(),
      gridBreakouts(),
      gridBreakoutsWarned(),
      gridBreakoutsMissed(),
      exitsAnswered(),
      exitsUnanswered(),
      stoppedRuns(),
      profitableRuns(),
      restarts(),
      retriggeredRestarts()
    };
    for (int c : counts) {
      if (c < 0) {
        throw new InvalidConfigurationException("kpi.counts", "must be >= 0");
      }
    }
    if (falseExits() > exitSignals()
        || stopLossesAvoided() > stopLossEvents()
        || gridBreakoutsWarned() > gridBreakouts()
        || gridBreakoutsMissed() > gridBreakouts()
        || stopLossesMissed() + stopLossesAvoided() > stopLossEvents()
        || profitableRuns() > stoppedRuns()
        || retriggeredRestarts() > restarts()
        || retainedPnlPct() > peakPnlPct() + 1e-9
        || peakPnlPct() < 0) {
      throw new InvalidConfigurationException(
          "kpi.counts", "a part exceeds its whole: " + this.toString());
    }
  }

  /** Builds {@link ExitKpis}. */
  public static final class Builder extends ImmutableExitKpis.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
