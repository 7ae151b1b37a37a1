package io.github.mmsdk.grid;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.grid.GridMode;
import io.github.mmsdk.grid.internal.GridValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * The rules of mm-grid: capital, risk, escalation, cooldowns, timeouts and parameter proposal.
 * Every value has a documented default ({@code new GridRulesConfig.Builder().build()} gives them
 * all); amounts are in the quote currency (USD-denominated).
 */
@GridValue
@Value.Immutable
public abstract class GridRulesConfig {

  GridRulesConfig() {}

  /** How many grids the account may run. */
  public enum CapitalMode {
    /** One grid at a time across the account (seed Req 8); a running grid blocks any setup. */
    SINGLE_GRID,
    /** Several grids, bounded per symbol and in total by the allocation caps. */
    MULTI_GRID
  }

  /** {@return the rules with every default} */
  public static GridRulesConfig defaults() {
    return new Builder().build();
  }

  // ---- capital ----

  /** {@return the capital mode; default SINGLE_GRID} */
  @Value.Default
  public CapitalMode capitalMode() {
    return CapitalMode.SINGLE_GRID;
  }

  /** {@return the fixed global reserve never deployed; default 0} */
  @Value.Default
  public BigDecimal reserveAmount() {
    return BigDecimal.ZERO;
  }

  /**
   * {@return the global reserve as a fraction of the total balance; default 0.20. The reserve is
   * the larger of this and {@link #reserveAmount()}}
   */
  @Value.Default
  public double reserveFraction() {
    return 0.20;
  }

  /** {@return the largest allocation of one grid, if capped; default none} */
  public abstract Optional<BigDecimal> maxAllocationPerGrid();

  /** {@return the largest sum of running allocations on one symbol, if capped; default none} */
  public abstract Optional<BigDecimal> maxAllocationPerSymbol();

  /** {@return the largest sum of all running allocations, if capped; default none} */
  public abstract Optional<BigDecimal> maxTotalAllocation();

  /** {@return the most grids running on one symbol in MULTI_GRID mode; default 1} */
  @Value.Default
  public int maxGridsPerSymbol() {
    return 1;
  }

  // ---- risk ----

  /** {@return the symbols grids may trade; empty allows every symbol (default)} */
  public abstract Set<Symbol> symbolWhitelist();

  /**
   * {@return the largest loss of one UTC day before new capital is refused and the halt entered;
   * default 5000 (seed 002 MAX_DAILY_LOSS_USD)}
   */
  @Value.Default
  public BigDecimal maxDailyLoss() {
    return BigDecimal.valueOf(5000);
  }

  /** {@return the confidence below which no grid is set up; default 0.60 (seed Req 18)} */
  @Value.Default
  public double minSetupConfidence() {
    return 0.60;
  }

  /**
   * {@return the confidence from which sizing is normal rather than probationary, and escalation is
   * in the high band; default 0.80 (seed Req 18)}
   */
  @Value.Default
  public double normalSizingConfidence() {
    return 0.80;
  }

  /**
   * {@return the most time since the newest closed candle (or market snapshot) before data counts
   * as stale; default two intervals of the regime's timeframe}
   */
  public abstract Optional<Duration> maxDataAge();

  /**
   * The stale-data limit for a timeframe.
   *
   * @param timeframe the regime's primary timeframe
   * @return {@link #maxDataAge()} when set, else two intervals of {@code timeframe}
   */
  public Duration maxDataAge(Timeframe timeframe) {
    Optional<Duration> set = maxDataAge();
    if (set.isPresent()) {
      return set.get();
    }
    Duration interval = timeframe.duration();
    return interval.plus(interval); // twice, without the BigDecimal of multipliedBy
  }

  // ---- automation ----

  /**
   * {@return whether risk-reducing actions in the high confidence band are flagged auto-executable;
   * default true (seed Req 9). Capital-deploying actions never are.}
   */
  @Value.Default
  public boolean autoExecuteRiskReduction() {
    return true;
  }

  // ---- cooldowns and timeouts (seed Req 10) ----

  /** {@return the cooldown of a grid after it stopped; default 60 min} */
  @Value.Default
  public Duration cooldownAfterStop() {
    return Duration.ofMinutes(60);
  }

  /** {@return the cooldown of a grid after its setup was declined or expired; default 120 min} */
  @Value.Default
  public Duration cooldownAfterDeclinedSetup() {
    return Duration.ofMinutes(120);
  }

  /** {@return how long a recommendation made under TRANSITION waits for a verdict; 30 min} */
  @Value.Default
  public Duration timeoutTransition() {
    return Duration.ofMinutes(30);
  }

  /** {@return how long a recommendation made under TREND waits for a verdict; 15 min} */
  @Value.Default
  public Duration timeoutTrend() {
    return Duration.ofMinutes(15);
  }

  // ---- fees and validation ----

  /**
   * {@return the factor by which a grid step must exceed the round-trip fee (2 × the larger of
   * maker and taker); default 1.5}
   */
  @Value.Default
  public double feeSafetyFactor() {
    return 1.5;
  }

  /** {@return the fee rate assumed when the exchange's is unknown; default 0.001 (0.1 %)} */
  @Value.Default
  public double defaultFeeRate() {
    return 0.001;
  }

  // ---- parameter proposal ----

  /** {@return the spot mode of proposed grids; default LONG} */
  @Value.Default
  public GridMode proposedMode() {
    return GridMode.LONG;
  }

  /** {@return how many recent candles the proposal reads for range and ATR; default 48} */
  @Value.Default
  public int proposalLookback() {
    return 48;
  }

  /** {@return the ATR window of the proposal; default 14} */
  @Value.Default
  public int atrWindow() {
    return 14;
  }

  /** {@return the bounds reach at least this many ATRs from the price on each side; default 3} */
  @Value.Default
  public double boundsAtrMultiple() {
    return 3.0;
  }

  /** {@return the grid step in ATR percent, before the fee floor; default 0.5} */
  @Value.Default
  public double spacingAtrFraction() {
    return 0.5;
  }

  /** {@return the fewest levels a proposal may have; default 5} */
  @Value.Default
  public int minLevels() {
    return 5;
  }

  /** {@return the most levels a proposal may have; default 100} */
  @Value.Default
  public int maxLevels() {
    return 100;
  }

  /** {@return the allocation fraction of a probationary grid; default 0.55 (seed: 50-60 %)} */
  @Value.Default
  public double probationaryAllocationFraction() {
    return 0.55;
  }

  /** {@return the step multiplier of a probationary grid (wider spacing); default 1.5} */
  @Value.Default
  public double probationarySpacingMultiplier() {
    return 1.5;
  }

  /** {@return the stop-loss distance below the lower bound, in percent; default 3} */
  @Value.Default
  public double stopLossBelowLowerPct() {
    return 3.0;
  }

  /** {@return the fraction REDUCE proposes to remove; default 0.5} */
  @Value.Default
  public double reduceFraction() {
    return 0.5;
  }

  @Value.Check
  void check() {
    requireFraction("grid_rules.reserve_fraction", reserveFraction(), true);
    requireFraction("grid_rules.min_setup_confidence", minSetupConfidence(), true);
    requireFraction("grid_rules.normal_sizing_confidence", normalSizingConfidence(), true);
    if (normalSizingConfidence() < minSetupConfidence()) {
      throw new InvalidConfigurationException(
          "grid_rules.normal_sizing_confidence", "must be >= min_setup_confidence");
    }
    requireFraction(
        "grid_rules.probationary_allocation_fraction", probationaryAllocationFraction(), false);
    requireFraction("grid_rules.reduce_fraction", reduceFraction(), false);
    if (reserveAmount().signum() < 0 || maxDailyLoss().signum() < 0) {
      throw new InvalidConfigurationException(
          "grid_rules.reserve_amount", "reserve and daily loss limit must not be negative");
    }
    if (!(feeSafetyFactor() >= 1)) {
      throw new InvalidConfigurationException(
          "grid_rules.fee_safety_factor", "must be >= 1, was " + feeSafetyFactor());
    }
    if (!(defaultFeeRate() >= 0 && defaultFeeRate() < 0.1)) {
      throw new InvalidConfigurationException(
          "grid_rules.default_fee_rate", "must be in [0, 0.1), was " + defaultFeeRate());
    }
    if (minLevels() < 2 || maxLevels() < minLevels()) {
      throw new InvalidConfigurationException(
          "grid_rules.min_levels", "need 2 <= min_levels <= max_levels");
    }
    if (proposalLookback() < 2 || atrWindow() < 1 || maxGridsPerSymbol() < 1) {
      throw new InvalidConfigurationException(
          "grid_rules.proposal_lookback",
          "lookback must be >= 2, ATR window and grids per symbol >= 1");
    }
    if (!(boundsAtrMultiple() > 0
        && spacingAtrFraction() >= 0
        && probationarySpacingMultiplier() >= 1
        && stopLossBelowLowerPct() >= 0
        && stopLossBelowLowerPct() < 100)) {
      throw new InvalidConfigurationException(
          "grid_rules.bounds_atr_multiple",
          "need bounds_atr_multiple > 0, spacing_atr_fraction >= 0,"
              + " probationary_spacing_multiplier >= 1, 0 <= stop_loss_below_lower_pct < 100");
    }
    for (Duration d :
        new Duration[] {
          cooldownAfterStop(), cooldownAfterDeclinedSetup(), timeoutTransition(), timeoutTrend()
        }) {
      if (d.isNegative()) {
        throw new InvalidConfigurationException(
            "grid_rules.cooldowns", "durations must not be negative, was " + d);
      }
    }
    if (maxDataAge().isPresent()
        && (maxDataAge().get().isNegative() || maxDataAge().get().isZero())) {
      throw new InvalidConfigurationException("grid_rules.max_data_age", "must be positive");
    }
  }

  private static void requireFraction(String key, double v, boolean zeroAllowed) {
    if (!(v <= 1 && (zeroAllowed ? v >= 0 : v > 0))) {
      throw new InvalidConfigurationException(
          key, "must be in " + (zeroAllowed ? "[0, 1]" : "(0, 1]") + ", was " + v);
    }
  }

  /** Builds a {@link GridRulesConfig}. */
  public static final class Builder extends ImmutableGridRulesConfig.Builder {
    /** Creates a builder holding every default. */
    public Builder() {}
  }
}
