package io.github.mmsdk.exit;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.exit.PositionRisk;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.grid.GridSimulation;
import io.github.mmsdk.grid.GridSimulator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Streams a running grid's simulated position ({@link GridSimulator}) and Wilder's ATR candle by
 * candle, keeping inventory and cost basis as primitives through the simulator's fill listener so
 * that reading them allocates nothing.
 */
final class PositionTracker implements GridSimulator.FillListener {

  /** Quote amounts in a {@link PositionRisk} carry this many decimals. */
  static final int SCALE = 8;

  private final GridConfig grid;
  private final double feeRate;
  final double lower;
  final double upper;
  final double stopLoss;
  final double allocation;
  private final double[] cellCost;
  private GridSimulator sim;
  private String failure;
  private double inventory;
  private double costBasis;
  private int stocked;

  private final int atrPeriod;
  private int seen;
  private double prevClose = Double.NaN;
  private double trSum;
  private double atr = Double.NaN;
  private double lastClose = Double.NaN;

  /** A close above {@code upper × aboveFactor} counts towards {@link #hoursAbove}. */
  private final double aboveLimit;

  private int hoursAbove;

  PositionTracker(GridConfig grid, double feeRate, int atrPeriod, double aboveMarginPct) {
    this.grid = grid;
    this.feeRate = feeRate;
    this.lower = grid.lowerPrice().doubleValue();
    this.upper = grid.upperPrice().doubleValue();
    this.stopLoss = grid.stopLossPrice().map(BigDecimal::doubleValue).orElse(Double.NaN);
    this.allocation = grid.allocation().doubleValue();
    this.cellCost = new double[grid.levels() - 1];
    this.atrPeriod = atrPeriod;
    this.aboveLimit = upper * (1 + aboveMarginPct / 100.0);
  }

  /** Feeds a candle to the ATR and, when {@code simulate}, to the grid (started at its open). */
  void onCandle(double open, double high, double low, double close, boolean simulate) {
    if (seen > 0) {
      double tr = Math.max(high, prevClose) - Math.min(low, prevClose);
      if (seen < atrPeriod) {
        trSum += tr;
      } else if (seen == atrPeriod) {
        trSum += tr;
        atr = trSum / atrPeriod;
      } else {
        atr = (atr * (atrPeriod - 1) + tr) / atrPeriod;
      }
    }
    seen++;
    prevClose = close;
    lastClose = close;
    hoursAbove = simulate && close > aboveLimit ? hoursAbove + 1 : 0;
    if (simulate) {
      ensureStarted(open);
      if (sim != null) {
        sim.onCandle(open, high, low, close);
      }
    }
  }

  /** Starts the simulation at the last close when the grid started after every candle fed. */
  void ensureStartedAtLastClose() {
    if (!Double.isNaN(lastClose)) {
      ensureStarted(lastClose);
    }
  }

  /** Starts the simulation at a price if it has not started (or failed to) yet. */
  void ensureStarted(double price) {
    if (sim == null && failure == null) {
      try {
        sim = GridSimulator.start(grid, feeRate, price, this);
      } catch (InvalidConfigurationException e) {
        failure = e.getMessage();
      }
    }
  }

  @Override
  public void onFill(int cell, boolean buy, double price, double quantity, double fee) {
    if (buy) {
      double c = price * quantity + fee;
      cellCost[cell] = c;
      costBasis += c;
      inventory += quantity;
      stocked++;
    } else {
      costBasis -= cellCost[cell];
      cellCost[cell] = 0;
      inventory -= quantity;
      if (--stocked == 0) {
        inventory = 0;
        costBasis = 0;
      }
    }
  }

  /** Writes the price, ATR and position into the signals. */
  void fill(Signals s) {
    s.close = lastClose;
    s.atr = atr;
    s.lower = lower;
    s.upper = upper;
    s.hoursAbove = hoursAbove;
    s.hasPosition = sim != null;
    s.unrealizedPct =
        sim == null ? Double.NaN : (inventory * lastClose - costBasis) / allocation * 100.0;
    if (Double.isNaN(stopLoss)) {
      s.stopDistancePct = Double.NaN;
    } else if (sim != null && sim.isStopped() && sim.lastPrice() <= stopLoss) {
      s.stopDistancePct = 0.0;
    } else {
      s.stopDistancePct = (lastClose - stopLoss) / lastClose * 100.0;
    }
  }

  /**
   * {@return the consecutive candles, up to the last one fed, of the running grid whose close lay
   * above the upper bound by more than the margin}
   */
  int hoursAbove() {
    return hoursAbove;
  }

  /** {@return the candles seen} */
  int candlesSeen() {
    return seen;
  }

  /** {@return why ATR is unavailable, or {@code null}} */
  String atrProblem() {
    return Double.isNaN(atr) ? "needs " + (atrPeriod + 1) + " candles, had " + seen : null;
  }

  /** {@return why the position is unavailable, or {@code null}} */
  String positionProblem() {
    if (sim != null) {
      return null;
    }
    return failure != null ? failure : "no candle since the grid started";
  }

  /** {@return the position valued at the last close, when simulated} */
  Optional<PositionRisk> risk() {
    if (sim == null || Double.isNaN(lastClose)) {
      return Optional.empty();
    }
    GridSimulation now = sim.snapshot(lastClose);
    PositionRisk.Builder b = new PositionRisk.Builder();
    b.inventory(decimal(now.inventory()))
        .averageEntry(decimal(now.averageCost()))
        .unrealizedPnl(decimal(now.unrealizedPnl()))
        .realizedProfit(decimal(now.realizedProfit()));
    if (!Double.isNaN(stopLoss)) {
      if (!sim.isStopped() && lastClose > stopLoss) {
        GridSimulation atStop = sim.projectTo(stopLoss);
        b.lossAtStopLoss(decimal(now.equity() - atStop.equity()));
      } else {
        b.lossAtStopLoss(decimal(0.0));
      }
      b.distanceToStopLossPct((lastClose - stopLoss) / lastClose * 100.0);
    }
    return Optional.of(b.build());
  }

  static BigDecimal decimal(double v) {
    return BigDecimal.valueOf(v).setScale(SCALE, RoundingMode.HALF_EVEN);
  }
}
