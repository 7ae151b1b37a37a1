package io.github.mmsdk.backtest;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.cycle.CycleResult;
import io.github.mmsdk.api.decision.GridAction;
import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.api.regime.RegimeVerdict;
import io.github.mmsdk.backtest.internal.BacktestValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/** What a {@link Backtest} did: counts over its cycles, and the cycles themselves when kept. */
@Value.Immutable
@BacktestValue
public abstract class BacktestResult {

  BacktestResult() {}

  /** {@return the pair replayed} */
  public abstract Symbol symbol();

  /** {@return the first decision time} */
  public abstract Instant firstDecision();

  /** {@return the last decision time allowed} */
  public abstract Instant lastDecision();

  /** {@return the number of cycles run} */
  public abstract long cycles();

  /** {@return the number of cycles whose status was not complete} */
  public abstract long incompleteCycles();

  /** {@return how many cycles reached each regime verdict} */
  public abstract Map<RegimeVerdict, Long> verdicts();

  /** {@return how many recommendations were made per action} */
  public abstract Map<GridAction, Long> recommendations();

  /** {@return how many exit assessments moved into each state (a transition, not a stay)} */
  public abstract Map<ExitState, Long> exitTransitions();

  /** {@return the number of evaluations graded (24h, 72h, 7d horizons together)} */
  public abstract long evaluationsGraded();

  /** {@return the grids the simulated operator started (0 unless it follows recommendations)} */
  @Value.Default
  public long gridsStarted() {
    return 0;
  }

  /** {@return the grids the simulated operator stopped (0 unless it follows recommendations)} */
  @Value.Default
  public long gridsStopped() {
    return 0;
  }

  /**
   * {@return the grid orders the simulated exchange filled (0 unless the operator executes its
   * grids on the exchange)}
   */
  @Value.Default
  public long gridFills() {
    return 0;
  }

  /** {@return the wall time of the cycles} */
  public abstract Duration wallTime();

  /** {@return the cycles, in order, when the backtest was told to keep them; empty otherwise} */
  public abstract List<CycleResult> cycleResults();

  /** {@return cycles per second of wall time (0 when no time was measured)} */
  @Value.Derived
  public double cyclesPerSecond() {
    long nanos = wallTime().toNanos();
    return nanos <= 0 ? 0 : cycles() * 1e9 / nanos;
  }

  /** {@return the number of recommendations of every action} */
  public long recommendationCount() {
    return recommendations().values().stream().mapToLong(Long::longValue).sum();
  }

  /** {@return the number of exit transitions into every state} */
  public long exitTransitionCount() {
    return exitTransitions().values().stream().mapToLong(Long::longValue).sum();
  }

  /** {@return a one-paragraph summary for logs and terminals} */
  public String summary() {
    return String.format(
        java.util.Locale.ROOT,
        "%s %s..%s: %d cycles (%d incomplete), verdicts %s, recommendations %s,"
            + " exit transitions %s, grids started %d stopped %d, %d evaluations graded,"
            + " %.3f s wall, %.0f cycles/s",
        symbol(),
        firstDecision(),
        lastDecision(),
        cycles(),
        incompleteCycles(),
        verdicts(),
        recommendations(),
        exitTransitions(),
        gridsStarted(),
        gridsStopped(),
        evaluationsGraded(),
        wallTime().toNanos() / 1e9,
        cyclesPerSecond());
  }

  /** Builds a {@link BacktestResult}. */
  public static final class Builder extends ImmutableBacktestResult.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
