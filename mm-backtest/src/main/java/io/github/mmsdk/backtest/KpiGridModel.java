package io.github.mmsdk.backtest;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridMode;
import io.github.mmsdk.api.grid.Spacing;

/**
 * The grid PnL model behind PRR: the fill model of mm-grid's {@code GridSimulator} (cells between
 * adjacent levels, fills exactly at level prices along the path open → low → high → close for a
 * rising candle and open → high → low → close otherwise, a fee per fill, a LONG grid buying the
 * cells above the price at creation, liquidation at the stop-loss or take-profit price), kept here
 * because mm-backtest depends on no computation module. A test checks it against the simulator.
 */
final class KpiGridModel {

  private final double[] level;
  private final double[] qty;
  private final boolean[] stocked;
  private final int n;
  private final double fee;
  private final double stopLoss;
  private final double takeProfit;
  private final double allocation;
  private double last;
  private int below;
  private double quote;
  private double inventory;
  private boolean stopped;

  private KpiGridModel(GridConfig grid, double fee, double initialPrice) {
    this.n = grid.levels();
    this.level = levels(grid);
    this.qty = new double[n - 1];
    this.stocked = new boolean[n - 1];
    this.fee = fee;
    this.stopLoss = grid.stopLossPrice().map(p -> p.doubleValue()).orElse(Double.NEGATIVE_INFINITY);
    this.takeProfit =
        grid.takeProfitPrice().map(p -> p.doubleValue()).orElse(Double.POSITIVE_INFINITY);
    this.allocation = grid.allocation().doubleValue();
    double amount = grid.amountPerGrid().doubleValue();
    for (int j = 0; j < n - 1; j++) {
      qty[j] = amount / level[j];
    }
    this.quote = allocation;
    this.last = initialPrice;
    int b = 0;
    while (b < n && level[b] < initialPrice) {
      b++;
    }
    this.below = b;
    if (grid.mode() == GridMode.LONG) {
      for (int j = b; j < n - 1; j++) {
        buy(j, initialPrice);
      }
    }
    if (initialPrice <= stopLoss || initialPrice >= takeProfit) {
      liquidate(initialPrice);
    }
  }

  /**
   * The PnL of a grid started at a price and run along candles, in percent of its allocation.
   *
   * @param grid the grid
   * @param fee the fee per fill, as a fraction
   * @param initialPrice the price at the start
   * @param path the candles after the start
   * @return the PnL at the start, then at each candle close (index {@code i + 1} for candle {@code
   *     i}); after a stop-loss or take-profit it stays at the liquidation value
   */
  static double[] pnlPct(GridConfig grid, double fee, double initialPrice, CandleSeries path) {
    KpiGridModel m = new KpiGridModel(grid, fee, initialPrice);
    double[] out = new double[path.size() + 1];
    out[0] = m.pnlPct(initialPrice);
    for (int i = 0; i < path.size(); i++) {
      double o = path.open(i);
      double c = path.close(i);
      m.moveTo(o);
      if (c >= o) {
        m.moveTo(path.low(i));
        m.moveTo(path.high(i));
      } else {
        m.moveTo(path.high(i));
        m.moveTo(path.low(i));
      }
      m.moveTo(c);
      out[i + 1] = m.pnlPct(c);
    }
    return out;
  }

  private double pnlPct(double price) {
    double mark = stopped ? last : price;
    return (quote + inventory * mark - allocation) / allocation * 100.0;
  }

  static double[] levels(GridConfig grid) {
    int count = grid.levels();
    double lo = grid.lowerPrice().doubleValue();
    double hi = grid.upperPrice().doubleValue();
    double[] p = new double[count];
    double ratio = Math.pow(hi / lo, 1.0 / (count - 1));
    double step = (hi - lo) / (count - 1);
    for (int i = 0; i < count; i++) {
      p[i] = grid.spacing() == Spacing.GEOMETRIC ? lo * Math.pow(ratio, i) : lo + step * i;
    }
    p[0] = lo;
    p[count - 1] = hi;
    return p;
  }

  private void moveTo(double target) {
    if (stopped) {
      return;
    }
    if (target < last) {
      double floor = Math.max(target, stopLoss);
      int j = below - 1;
      while (j >= 0 && level[j] >= floor) {
        if (j < n - 1 && !stocked[j]) {
          buy(j, level[j]);
        }
        j--;
      }
      below = j + 1;
      if (target <= stopLoss) {
        last = stopLoss;
        liquidate(stopLoss);
        return;
      }
      last = target;
    } else if (target > last) {
      double ceil = Math.min(target, takeProfit);
      int j = below;
      if (j < n && level[j] == last) {
        j++;
      }
      while (j < n && level[j] <= ceil) {
        if (j > 0 && stocked[j - 1]) {
          sell(j - 1, level[j]);
        }
        j++;
      }
      while (j > 0 && level[j - 1] >= ceil) {
        j--;
      }
      below = j;
      last = ceil;
      if (target >= takeProfit) {
        liquidate(takeProfit);
      }
    }
  }

  private void buy(int j, double price) {
    double cost = price * qty[j] * (1 + fee);
    quote -= cost;
    inventory += qty[j];
    stocked[j] = true;
  }

  private void sell(int j, double price) {
    quote += price * qty[j] * (1 - fee);
    inventory -= qty[j];
    stocked[j] = false;
  }

  private void liquidate(double price) {
    for (int j = 0; j < n - 1; j++) {
      if (stocked[j]) {
        sell(j, price);
      }
    }
    inventory = 0;
    last = price;
    stopped = true;
  }
}
