package io.github.mmsdk.benchmarks.grid;

/**
 * The reference: the same fill model as {@code GridSimulator}, written the obvious way — every leg
 * of every candle scans all levels. Work per candle is proportional to the grid size.
 */
final class NaiveGridSimulator {

  private final double[] level;
  private final double[] qty;
  private final boolean[] stocked;
  private final double[] cellCost;
  private final double fee;
  private double last;
  private double quote;
  private double realized;
  private double inventory;
  private int roundTrips;

  NaiveGridSimulator(
      double[] level, double amount, double fee, double initialPrice, boolean long_) {
    this.level = level;
    int cells = level.length - 1;
    this.qty = new double[cells];
    this.stocked = new boolean[cells];
    this.cellCost = new double[cells];
    this.fee = fee;
    this.last = initialPrice;
    for (int j = 0; j < cells; j++) {
      qty[j] = amount / level[j];
      if (long_ && level[j] >= initialPrice) {
        buy(j, initialPrice);
      }
    }
  }

  void onCandle(double o, double h, double l, double c) {
    move(o);
    if (c >= o) {
      move(l);
      move(h);
    } else {
      move(h);
      move(l);
    }
    move(c);
  }

  private void move(double target) {
    int cells = level.length - 1;
    if (target < last) {
      for (int j = level.length - 1; j >= 0; j--) {
        if (level[j] < last && level[j] >= target && j < cells && !stocked[j]) {
          buy(j, level[j]);
        }
      }
    } else if (target > last) {
      for (int j = 0; j < level.length; j++) {
        if (level[j] > last && level[j] <= target && j > 0 && stocked[j - 1]) {
          sell(j - 1, level[j]);
        }
      }
    }
    last = target;
  }

  private void buy(int j, double price) {
    double cost = price * qty[j] * (1 + fee);
    quote -= cost;
    cellCost[j] = cost;
    inventory += qty[j];
    stocked[j] = true;
  }

  private void sell(int j, double price) {
    double net = price * qty[j] * (1 - fee);
    quote += net;
    realized += net - cellCost[j];
    inventory -= qty[j];
    stocked[j] = false;
    roundTrips++;
  }

  double realized() {
    return realized;
  }

  int roundTrips() {
    return roundTrips;
  }

  double equity(double mark) {
    return quote + inventory * mark;
  }
}
