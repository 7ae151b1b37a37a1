package io.github.mmsdk.grid;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InsufficientDataException;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.decision.DecisionGrader;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.EvaluationHorizon;
import io.github.mmsdk.api.decision.EvaluationRecord;
import io.github.mmsdk.api.decision.GridAction;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridMode;
import io.github.mmsdk.api.grid.Spacing;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Optional;

/**
 * Grades a decision with the {@link GridSimulator}: what would following its first recommendation
 * have earned or avoided between the decision and the horizon, in USD (the quote currency)?
 *
 * <p>The graded grid is the recommendation's proposed grid for CREATE_GRID; for every other action
 * (the decision record does not carry the running grid) it is a <em>reference grid</em>: LONG,
 * geometric, {@code referenceLevels} levels from price × (1 − range) to price × (1 + range), {@code
 * referenceAllocation} spread evenly. It is simulated on the candles whose open time lies in
 * [decision, decision + horizon), from the decision price (the market data's last price, else the
 * first open), and valued at the last close. With {@code pnl} its total PnL:
 *
 * <ul>
 *   <li>CREATE_GRID and HOLD: impact = +pnl (following kept or started the grid);
 *   <li>STOP_GRID and WAIT: impact = −pnl (following stayed out: a loss avoided counts +);
 *   <li>REDUCE: impact = −pnl × the reduce fraction.
 * </ul>
 *
 * <p>Outcome: NEUTRAL when |impact| is within {@code neutralBandPct} % of the graded allocation,
 * else CORRECT for a positive and INCORRECT for a negative impact. Immutable and thread-safe.
 */
public final class SimulatedDecisionGrader implements DecisionGrader {

  private final double feeRate;
  private final double referenceRangePct;
  private final int referenceLevels;
  private final BigDecimal referenceAllocation;
  private final BigDecimal referenceAmount;
  private final double neutralBandPct;

  /**
   * A grader with the defaults: fee 0.1 %, reference grid ±5 % with 21 levels and 1000 USD, neutral
   * band 0.1 %.
   */
  public SimulatedDecisionGrader() {
    this(0.001, 5.0, 21, BigDecimal.valueOf(1000), 0.1);
  }

  /**
   * A grader.
   *
   * @param feeRate the fee per fill, as a fraction
   * @param referenceRangePct the reference grid's half-width, in percent of the decision price
   * @param referenceLevels the reference grid's levels
   * @param referenceAllocation the reference grid's allocation, in USD
   * @param neutralBandPct the impact, in percent of the allocation, below which the outcome is
   *     NEUTRAL
   * @throws InvalidConfigurationException when a value is out of range
   */
  public SimulatedDecisionGrader(
      double feeRate,
      double referenceRangePct,
      int referenceLevels,
      BigDecimal referenceAllocation,
      double neutralBandPct) {
    if (!(feeRate >= 0 && feeRate < 1)
        || !(referenceRangePct > 0 && referenceRangePct < 100)
        || referenceLevels < 2
        || referenceAllocation.signum() <= 0
        || !(neutralBandPct >= 0)) {
      throw new InvalidConfigurationException(
          "grader", "need 0 <= fee < 1, 0 < range % < 100, levels >= 2, allocation > 0, band >= 0");
    }
    this.feeRate = feeRate;
    this.referenceRangePct = referenceRangePct;
    this.referenceLevels = referenceLevels;
    this.referenceAllocation = referenceAllocation;
    this.referenceAmount =
        referenceAllocation.divide(BigDecimal.valueOf(referenceLevels - 1L), 8, RoundingMode.DOWN);
    this.neutralBandPct = neutralBandPct;
  }

  @Override
  public EvaluationRecord grade(
      DecisionRecord decision,
      EvaluationHorizon horizon,
      CandleSeries pathSinceDecision,
      Instant at) {
    Instant from = decision.metadata().observedAt();
    CandleSeries window = pathSinceDecision.between(from, from.plus(horizon.after()));
    if (window.isEmpty()) {
      throw new InsufficientDataException(
          "candles between decision " + decision.id() + " and its " + horizon + " horizon", 1, 0);
    }
    double p0 = decision.marketData().map(m -> m.lastPrice().doubleValue()).orElse(window.open(0));
    double p1 = window.close(window.size() - 1);
    Recommendation rec =
        decision.recommendations().isEmpty() ? null : decision.recommendations().get(0);
    GridAction action = rec == null ? GridAction.HOLD : rec.action();
    GridConfig grid =
        action == GridAction.CREATE_GRID && rec.proposedGrid().isPresent()
            ? withoutStopsAcross(rec.proposedGrid().get(), p0)
            : referenceGrid(decision, p0);
    GridSimulator sim = GridSimulator.start(grid, feeRate, p0);
    sim.run(window);
    GridSimulation s = sim.snapshot(p1);
    double pnl = s.totalPnl();
    double impact;
    switch (action) {
      case CREATE_GRID:
      case HOLD:
        impact = pnl;
        break;
      case REDUCE:
        impact = -pnl * (rec == null ? 1.0 : rec.reduceFraction().orElse(1.0));
        break;
      default:
        impact = -pnl;
    }
    double band = grid.allocation().doubleValue() * neutralBandPct / 100;
    EvaluationRecord.Outcome outcome =
        Math.abs(impact) <= band
            ? EvaluationRecord.Outcome.NEUTRAL
            : impact > 0 ? EvaluationRecord.Outcome.CORRECT : EvaluationRecord.Outcome.INCORRECT;
    // the details straight into the builder (same order), no intermediate map
    return new EvaluationRecord.Builder()
        .decisionId(decision.id())
        .horizon(horizon)
        .evaluatedAt(at)
        .priceAtDecision(price(p0))
        .priceAtHorizon(price(p1))
        .economicImpactUsd(BigDecimal.valueOf(impact).setScale(2, RoundingMode.HALF_UP))
        .outcome(outcome)
        .putDetail("grid_pnl", pnl)
        .putDetail("realized_profit", s.realizedProfit())
        .putDetail("unrealized_pnl", s.unrealizedPnl())
        .putDetail("round_trips", (double) s.roundTrips())
        .putDetail("max_drawdown", s.maxDrawdown())
        .putDetail("fees", s.feesPaid())
        .putDetail("allocation", grid.allocation().doubleValue())
        .putDetail("price_change_pct", (p1 / p0 - 1) * 100)
        .putDetail("candles", (double) window.size())
        .putDetail("reference_grid", action == GridAction.CREATE_GRID ? 0.0 : 1.0)
        .build();
  }

  private GridConfig referenceGrid(DecisionRecord decision, double price) {
    double r = referenceRangePct / 100;
    return new GridConfig.Builder()
        .id("reference-" + decision.id())
        .symbol(decision.symbol())
        .lowerPrice(price(price * (1 - r)))
        .upperPrice(price(price * (1 + r)))
        .levels(referenceLevels)
        .spacing(Spacing.GEOMETRIC)
        .mode(GridMode.LONG)
        .amountPerGrid(referenceAmount)
        .profitPerGridPct(0)
        .allocation(referenceAllocation)
        .build();
  }

  private static GridConfig withoutStopsAcross(GridConfig grid, double price) {
    boolean badStop =
        grid.stopLossPrice().map(p -> p.doubleValue() >= price).orElse(false)
            || grid.takeProfitPrice().map(p -> p.doubleValue() <= price).orElse(false);
    if (!badStop) {
      return grid;
    }
    return new GridConfig.Builder()
        .from(grid)
        .stopLossPrice(Optional.empty())
        .takeProfitPrice(Optional.empty())
        .build();
  }

  private static BigDecimal price(double p) {
    return Numbers.round(p, 10).stripTrailingZeros();
  }
}
