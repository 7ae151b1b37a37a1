package io.github.mmsdk.grid;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InsufficientDataException;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

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
 * else CORRECT for a positive and INCORRECT for a negative impact.
 *
 * <p>The windows of one decision are nested, so the simulator a horizon leaves is kept (for at most
 * 512 decisions, least recently used dropped first) and a longer horizon of the same decision
 * resumes it when the grid, the start price and the candles fed so far are the same, instead of
 * replaying them: the result is the same, the work per decision is one pass over its longest
 * window. Thread-safe; the configuration is immutable.
 */
public final class SimulatedDecisionGrader implements DecisionGrader {

  /** Decisions whose longer horizons can resume a simulation: a week of hourly decisions of 3. */
  static final int PROGRESS_CAPACITY = 512;

  private static final EvaluationHorizon LAST_HORIZON =
      EvaluationHorizon.values()[EvaluationHorizon.values().length - 1];

  private final double feeRate;
  private final double referenceRangePct;
  private final int referenceLevels;
  private final BigDecimal referenceAllocation;
  private final BigDecimal referenceAmount;
  private final double neutralBandPct;

  private final AtomicLong resumed = new AtomicLong();

  /**
   * Simulators of the decisions graded at a shorter horizon, by decision id, least recently used
   * first; bounded, so it holds at most PROGRESS_CAPACITY small entries.
   */
  private final Map<String, Progress> progress =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Progress> eldest) {
          return size() > PROGRESS_CAPACITY;
        }
      };

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
    boolean proposed = action == GridAction.CREATE_GRID && rec.proposedGrid().isPresent();
    Progress done;
    synchronized (progress) {
      done = progress.remove(decision.id()); // taken: no other call sees this simulator
    }
    // the graded grid is a function of the decision's symbol, first recommendation and p0: when
    // they are those an earlier horizon of this decision graded, its grid is reused as it is
    boolean same = done != null && done.sameInputs(decision, proposed ? rec : null, p0);
    GridConfig grid =
        same
            ? done.grid
            : proposed
                ? withoutStopsAcross(rec.proposedGrid().get(), p0)
                : referenceGrid(decision, p0);
    BigDecimal priceAtDecision = same ? done.priceAtDecision : price(p0);
    GridSimulator sim =
        simulate(done, decision, proposed ? rec : null, priceAtDecision, horizon, grid, p0, window);
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
        .priceAtDecision(priceAtDecision)
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

  /** {@return how many gradings resumed an earlier horizon's simulator (for tests)} */
  long resumed() {
    return resumed.get();
  }

  /**
   * The grid simulated over the window: resumed from the simulator an earlier, shorter horizon of
   * the same decision left when it ran the same grid from the same price over the same first
   * candles (the windows of one decision are nested: 24h, 72h, 7d), else started afresh. Either way
   * the state is the one a fresh run over the whole window reaches.
   */
  private GridSimulator simulate(
      Progress done,
      DecisionRecord decision,
      Recommendation proposal,
      BigDecimal priceAtDecision,
      EvaluationHorizon horizon,
      GridConfig grid,
      double p0,
      CandleSeries window) {
    GridSimulator sim;
    int from;
    if (done != null && done.continues(grid, p0, window)) {
      sim = done.simulator;
      from = done.fed();
      resumed.incrementAndGet();
    } else {
      sim = GridSimulator.start(grid, feeRate, p0);
      from = 0;
    }
    sim.run(window, from);
    if (horizon != LAST_HORIZON) {
      Progress next = new Progress(decision, proposal, priceAtDecision, grid, p0, sim, window);
      synchronized (progress) {
        progress.put(decision.id(), next);
      }
    }
    return sim;
  }

  /** A simulator after a horizon's window, and what it was fed, to resume a longer horizon. */
  private static final class Progress {
    final Symbol symbol;
    final Recommendation proposal;
    final BigDecimal priceAtDecision;
    final GridConfig grid;
    final double initialPrice;
    final GridSimulator simulator;

    /** Open, high, low and close of every candle fed, in order. */
    final double[] ohlc;

    Progress(
        DecisionRecord decision,
        Recommendation proposal,
        BigDecimal priceAtDecision,
        GridConfig grid,
        double initialPrice,
        GridSimulator simulator,
        CandleSeries fed) {
      this.symbol = decision.symbol();
      this.proposal = proposal;
      this.priceAtDecision = priceAtDecision;
      this.grid = grid;
      this.initialPrice = initialPrice;
      this.simulator = simulator;
      this.ohlc = new double[fed.size() * 4];
      for (int i = 0, k = 0; i < fed.size(); i++) {
        ohlc[k++] = fed.open(i);
        ohlc[k++] = fed.high(i);
        ohlc[k++] = fed.low(i);
        ohlc[k++] = fed.close(i);
      }
    }

    int fed() {
      return ohlc.length / 4;
    }

    /**
     * Whether a decision (of this one's id) with this proposal (null: the reference grid) from this
     * price makes the grid graded here.
     */
    boolean sameInputs(DecisionRecord decision, Recommendation p, double p0) {
      return Double.compare(p0, initialPrice) == 0
          && decision.symbol().equals(symbol)
          && (p == proposal || (p != null && proposal != null && p.equals(proposal)));
    }

    /** Whether the same grid from the same price over the window's first candles led here. */
    boolean continues(GridConfig g, double p0, CandleSeries window) {
      if (Double.compare(p0, initialPrice) != 0
          || fed() > window.size()
          || (g != grid && !g.equals(grid))) {
        return false;
      }
      for (int i = 0, k = 0; i < fed(); i++) {
        if (Double.compare(window.open(i), ohlc[k++]) != 0
            || Double.compare(window.high(i), ohlc[k++]) != 0
            || Double.compare(window.low(i), ohlc[k++]) != 0
            || Double.compare(window.close(i), ohlc[k++]) != 0) {
          return false;
        }
      }
      return true;
    }
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
