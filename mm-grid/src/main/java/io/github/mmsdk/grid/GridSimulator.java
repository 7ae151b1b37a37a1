package io.github.mmsdk.grid;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InvalidCandleException;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridMode;
import io.github.mmsdk.api.grid.Spacing;

/**
 * Simulates a spot grid's fills, level by level and with fees, along a candle path.
 *
 * <h2>Grid model</h2>
 *
 * <p>The grid has {@code n = levels()} prices {@code p[0] < … < p[n-1]} from {@code lowerPrice} to
 * {@code upperPrice}, arithmetic or geometric. Between two adjacent levels lies a <em>cell</em>
 * {@code j} ({@code p[j]}, {@code p[j+1]}); there are {@code n − 1} cells. A cell is either
 * <em>empty</em> (a buy order rests at {@code p[j]}) or <em>stocked</em> (it holds {@code q[j] =
 * amountPerGrid / p[j]} base and a sell order rests at {@code p[j+1]}). A buy stocks its cell, the
 * sell empties it again, so each cell's fills alternate buy, sell, buy, … and every sell closes one
 * round trip. The base quantity of a cell is fixed, so scaling all prices and quote amounts by the
 * same factor scales every quote result by that factor and leaves the return on allocation
 * unchanged.
 *
 * <h2>Spot modes</h2>
 *
 * <ul>
 *   <li>{@link GridMode#LONG}: at creation the grid buys, at the initial price, the base of every
 *       cell whose lower level is at or above the initial price ("the levels above the price"), so
 *       those cells start stocked with sell orders above; the cells below start empty with buy
 *       orders. The cell that contains the price starts empty.
 *   <li>{@link GridMode#NEUTRAL}: the grid starts from quote only; every cell starts empty. A cell
 *       above the initial price buys only after the price has risen above its lower level and come
 *       back down to it.
 * </ul>
 *
 * <h2>Fill assumptions</h2>
 *
 * <ul>
 *   <li>A level fills when the price path reaches it: a buy at {@code p[j]} when the price moves
 *       down onto or through {@code p[j]}, a sell at {@code p[j+1]} when it moves up onto or
 *       through {@code p[j+1]}. Fills happen exactly at the level price (no slippage, no partial
 *       fills, no queue position). A level the price already sits on is not reached again until the
 *       price leaves it and comes back.
 *   <li>The path of a candle is open → low → high → close when it closes at or above its open and
 *       open → high → low → close otherwise, each leg a straight move. This is the shortest path
 *       consistent with the four prices: it crosses every level the fewest times the candle allows,
 *       so the simulator never books a round trip the candle need not have made (conservative). The
 *       move from the previous close to the next open is a leg too, so gaps fill like any move.
 *   <li>Each fill pays {@code feeRate} × its notional in the quote currency, buys and sells alike
 *       (the creation purchase of a LONG grid too).
 *   <li>An optional stop-loss (take-profit) price stops the grid when a downward (upward) leg
 *       reaches it: the levels on the way fill first, then the whole inventory is sold at the stop
 *       price, and no later candle trades.
 *   <li>The quote balance starts at the grid's {@code allocation} and is not capped: a grid whose
 *       allocation is too small shows a negative balance (grid validation prevents that).
 * </ul>
 *
 * <h2>Results</h2>
 *
 * <p>Realized profit is the sum over sells of the net proceeds minus the cost (with buy fee) of the
 * quantity sold; unrealized PnL marks the inventory at a given price against its cost, without an
 * exit fee; {@code equity = quoteBalance + inventory × price = allocation + realized + unrealized}.
 * Max drawdown is the largest fall of equity from its running peak, sampled at every leg end (open,
 * low, high, close) and starting from the allocation.
 *
 * <h2>Performance</h2>
 *
 * <p>{@link #onCandle} allocates nothing and does work proportional to the number of levels the
 * candle crosses (plus a constant), not to the grid size. Instances are not thread-safe.
 */
public final class GridSimulator {

  /** Receives every fill, in path order; for tests, audits and trade lists. */
  @FunctionalInterface
  public interface FillListener {

    /**
     * Called once per fill.
     *
     * @param cell the cell index, from 0 (lowest) to {@code levels − 2}
     * @param buy {@code true} for a buy, {@code false} for a sell
     * @param price the fill price
     * @param quantity the base quantity
     * @param fee the fee paid, in quote
     */
    void onFill(int cell, boolean buy, double price, double quantity, double fee);
  }

  private static final FillListener NO_LISTENER = (cell, buy, price, quantity, fee) -> {};

  private final GridMode mode;
  private final double[] level;
  private final double[] qty;
  private final boolean[] stocked;
  private final double[] cellCost;
  private final int n;
  private final int cells;
  private final double feeRate;
  private final double stopLoss;
  private final double takeProfit;
  private final double initialCapital;
  private final double initialPrice;
  private final FillListener listener;

  private double last;
  private int below;
  private int stockedCount;
  private double quote;
  private double inventory;
  private double costBasis;
  private double realized;
  private double fees;
  private double peak;
  private double maxDrawdown;
  private double maxDrawdownPct;
  private int roundTrips;
  private int buys;
  private int sells;
  private long candles;
  private boolean stopped;

  private GridSimulator(
      GridConfig grid, double feeRate, double initialPrice, FillListener listener) {
    this.mode = grid.mode();
    this.n = grid.levels();
    this.cells = n - 1;
    this.level = levelPrices(grid);
    this.qty = new double[cells];
    this.stocked = new boolean[cells];
    this.cellCost = new double[cells];
    this.feeRate = feeRate;
    this.stopLoss = grid.stopLossPrice().map(p -> p.doubleValue()).orElse(Double.NEGATIVE_INFINITY);
    this.takeProfit =
        grid.takeProfitPrice().map(p -> p.doubleValue()).orElse(Double.POSITIVE_INFINITY);
    this.initialCapital = grid.allocation().doubleValue();
    this.initialPrice = initialPrice;
    this.listener = listener;
    double amount = grid.amountPerGrid().doubleValue();
    for (int j = 0; j < cells; j++) {
      qty[j] = amount / level[j];
    }
    this.last = initialPrice;
    int b = 0;
    while (b < n && level[b] < initialPrice) {
      b++;
    }
    this.below = b;
    this.quote = initialCapital;
    this.peak = initialCapital;
    if (mode == GridMode.LONG) {
      for (int j = b; j < cells; j++) {
        buy(j, initialPrice);
      }
    }
    mark(initialPrice);
  }

  private GridSimulator(GridSimulator o) {
    this.mode = o.mode;
    this.n = o.n;
    this.cells = o.cells;
    this.level = o.level;
    this.qty = o.qty;
    this.stocked = o.stocked.clone();
    this.cellCost = o.cellCost.clone();
    this.feeRate = o.feeRate;
    this.stopLoss = o.stopLoss;
    this.takeProfit = o.takeProfit;
    this.initialCapital = o.initialCapital;
    this.initialPrice = o.initialPrice;
    this.listener = NO_LISTENER;
    this.last = o.last;
    this.below = o.below;
    this.stockedCount = o.stockedCount;
    this.quote = o.quote;
    this.inventory = o.inventory;
    this.costBasis = o.costBasis;
    this.realized = o.realized;
    this.fees = o.fees;
    this.peak = o.peak;
    this.maxDrawdown = o.maxDrawdown;
    this.maxDrawdownPct = o.maxDrawdownPct;
    this.roundTrips = o.roundTrips;
    this.buys = o.buys;
    this.sells = o.sells;
    this.candles = o.candles;
    this.stopped = o.stopped;
  }

  /**
   * Creates a grid at an initial price (and, in {@link GridMode#LONG}, buys its starting
   * inventory).
   *
   * @param grid the grid; its levels, spacing, mode, amount per grid, allocation and stop prices
   *     are used
   * @param feeRate the fee per fill as a fraction of the notional, e.g. {@code 0.001} for 0.1 %
   * @param initialPrice the price at creation
   * @return the simulator, ready for candles
   * @throws InvalidConfigurationException when the fee rate is not in [0, 1), the price is not
   *     positive and finite, or a stop price is on the wrong side of the initial price
   */
  public static GridSimulator start(GridConfig grid, double feeRate, double initialPrice) {
    return start(grid, feeRate, initialPrice, NO_LISTENER);
  }

  /**
   * Creates a grid at an initial price, reporting every fill to a listener.
   *
   * @param grid the grid
   * @param feeRate the fee per fill as a fraction of the notional
   * @param initialPrice the price at creation
   * @param listener receives every fill, including the creation purchase of a LONG grid
   * @return the simulator, ready for candles
   * @throws InvalidConfigurationException as {@link #start(GridConfig, double, double)}
   */
  public static GridSimulator start(
      GridConfig grid, double feeRate, double initialPrice, FillListener listener) {
    if (!(feeRate >= 0 && feeRate < 1)) {
      throw new InvalidConfigurationException(
          "simulation.fee_rate", "must be in [0, 1), was " + feeRate);
    }
    if (!(initialPrice > 0) || Double.isInfinite(initialPrice)) {
      throw new InvalidConfigurationException(
          "simulation.initial_price", "must be positive and finite, was " + initialPrice);
    }
    String key = "grids." + grid.id();
    if (grid.stopLossPrice().isPresent()
        && grid.stopLossPrice().get().doubleValue() >= initialPrice) {
      throw new InvalidConfigurationException(
          key + ".stop_loss_price",
          "must be below the initial price "
              + initialPrice
              + ", was "
              + grid.stopLossPrice().get());
    }
    if (grid.takeProfitPrice().isPresent()
        && grid.takeProfitPrice().get().doubleValue() <= initialPrice) {
      throw new InvalidConfigurationException(
          key + ".take_profit_price",
          "must be above the initial price "
              + initialPrice
              + ", was "
              + grid.takeProfitPrice().get());
    }
    return new GridSimulator(grid, feeRate, initialPrice, listener);
  }

  /**
   * The level prices of a grid, lowest first.
   *
   * @param grid the grid
   * @return a new array of {@code grid.levels()} ascending prices, first the lower and last the
   *     upper bound
   */
  public static double[] levelPrices(GridConfig grid) {
    int n = grid.levels();
    double lo = grid.lowerPrice().doubleValue();
    double hi = grid.upperPrice().doubleValue();
    double[] p = new double[n];
    if (grid.spacing() == Spacing.GEOMETRIC) {
      double ratio = Math.pow(hi / lo, 1.0 / (n - 1));
      for (int i = 0; i < n; i++) {
        p[i] = lo * Math.pow(ratio, i);
      }
    } else {
      double step = (hi - lo) / (n - 1);
      for (int i = 0; i < n; i++) {
        p[i] = lo + step * i;
      }
    }
    p[0] = lo;
    p[n - 1] = hi;
    return p;
  }

  /**
   * Feeds one candle: the price moves from the previous close (or the initial price) to the open,
   * then along the conservative path described in the class comment. Allocates nothing.
   *
   * @param open the open price
   * @param high the high price
   * @param low the low price
   * @param close the close price
   * @throws InvalidCandleException when the prices break {@code 0 < low <= open, close <= high}
   */
  public void onCandle(double open, double high, double low, double close) {
    if (!(low > 0 && low <= open && low <= close && high >= open && high >= close)
        || high == Double.POSITIVE_INFINITY) {
      throw new InvalidCandleException(
          -1,
          "prices",
          "break 0 < low <= open, close <= high: " + open + "/" + high + "/" + low + "/" + close);
    }
    candles++;
    if (stopped) {
      return;
    }
    moveTo(open);
    if (close >= open) {
      moveTo(low);
      moveTo(high);
    } else {
      moveTo(high);
      moveTo(low);
    }
    moveTo(close);
  }

  /**
   * Feeds every candle of a series, in order.
   *
   * @param path the candles
   * @throws InvalidCandleException naming the index of the first candle with broken prices
   */
  public void run(CandleSeries path) {
    run(path, 0);
  }

  /**
   * Feeds the candles of a series from an index on, in order.
   *
   * @param path the candles
   * @param from the first index fed
   * @throws InvalidCandleException naming the index of the first candle with broken prices
   */
  void run(CandleSeries path, int from) {
    int size = path.size();
    for (int i = from; i < size; i++) {
      try {
        onCandle(path.open(i), path.high(i), path.low(i), path.close(i));
      } catch (InvalidCandleException e) {
        throw new InvalidCandleException(i, e.field(), "break 0 < low <= open, close <= high");
      }
    }
  }

  private void moveTo(double target) {
    if (stopped) {
      return;
    }
    if (target < last) {
      double floor = target > stopLoss ? target : stopLoss;
      int j = below - 1;
      while (j >= 0 && level[j] >= floor) {
        if (j < cells && !stocked[j]) {
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
      mark(target);
    } else if (target > last) {
      double ceil = target < takeProfit ? target : takeProfit;
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
      double end = ceil;
      while (j > 0 && level[j - 1] >= end) {
        j--;
      }
      below = j;
      last = end;
      if (target >= takeProfit) {
        liquidate(takeProfit);
        return;
      }
      mark(target);
    }
  }

  private void buy(int j, double price) {
    double q = qty[j];
    double notional = price * q;
    double fee = notional * feeRate;
    double cost = notional + fee;
    quote -= cost;
    cellCost[j] = cost;
    costBasis += cost;
    inventory += q;
    fees += fee;
    stocked[j] = true;
    stockedCount++;
    buys++;
    listener.onFill(j, true, price, q, fee);
  }

  private void sell(int j, double price) {
    double q = qty[j];
    double notional = price * q;
    double fee = notional * feeRate;
    double net = notional - fee;
    quote += net;
    realized += net - cellCost[j];
    costBasis -= cellCost[j];
    inventory -= q;
    fees += fee;
    stocked[j] = false;
    cellCost[j] = 0;
    roundTrips++;
    sells++;
    if (--stockedCount == 0) {
      inventory = 0;
      costBasis = 0;
    }
    listener.onFill(j, false, price, q, fee);
  }

  private void liquidate(double price) {
    for (int j = 0; j < cells; j++) {
      if (stocked[j]) {
        sell(j, price);
      }
    }
    stopped = true;
    mark(price);
  }

  private void mark(double price) {
    double equity = quote + inventory * price;
    if (equity > peak) {
      peak = equity;
    }
    double dd = peak - equity;
    if (dd > maxDrawdown) {
      maxDrawdown = dd;
    }
    if (dd > maxDrawdownPct * peak && peak > 0) {
      maxDrawdownPct = dd / peak;
    }
  }

  /**
   * The grid's state, valued at a mark price.
   *
   * @param markPrice the price at which to value the inventory
   * @return the immutable result
   * @throws InvalidConfigurationException when the mark price is not positive and finite
   */
  public GridSimulation snapshot(double markPrice) {
    if (!(markPrice > 0) || Double.isInfinite(markPrice)) {
      throw new InvalidConfigurationException(
          "simulation.mark_price", "must be positive and finite, was " + markPrice);
    }
    double unrealized = inventory * markPrice - costBasis;
    return new GridSimulation.Builder()
        .mode(mode)
        .initialPrice(initialPrice)
        .markPrice(markPrice)
        .initialCapital(initialCapital)
        .realizedProfit(realized)
        .inventory(inventory)
        .averageCost(stockedCount == 0 ? 0.0 : costBasis / inventory)
        .unrealizedPnl(unrealized)
        .quoteBalance(quote)
        .equity(quote + inventory * markPrice)
        .feesPaid(fees)
        .roundTrips(roundTrips)
        .buyFills(buys)
        .sellFills(sells)
        .maxDrawdown(maxDrawdown)
        .maxDrawdownPct(maxDrawdownPct * 100.0)
        .candles(candles)
        .stopped(stopped)
        .build();
  }

  /** {@return the state valued at the last price the path reached} */
  public GridSimulation snapshot() {
    return snapshot(last);
  }

  /**
   * What the grid would be if the price moved straight from the last price to {@code price}: the
   * levels in between fill (and a stop price on the way stops the grid). This simulator is not
   * changed; use it for "loss at stop-loss" questions.
   *
   * @param price the price to move to
   * @return the state after the move, valued at {@code price} (or at the stop price that stopped
   *     it)
   * @throws InvalidConfigurationException when the price is not positive and finite
   */
  public GridSimulation projectTo(double price) {
    if (!(price > 0) || Double.isInfinite(price)) {
      throw new InvalidConfigurationException(
          "simulation.price", "must be positive and finite, was " + price);
    }
    GridSimulator copy = new GridSimulator(this);
    copy.moveTo(price);
    return copy.snapshot(copy.last);
  }

  /** {@return the last price the path reached} */
  public double lastPrice() {
    return last;
  }

  /** {@return whether a stop-loss or take-profit price stopped the grid} */
  public boolean isStopped() {
    return stopped;
  }

  /** {@return the number of levels} */
  public int levelCount() {
    return n;
  }

  /**
   * The price of a level.
   *
   * @param index from 0 (the lower bound) to {@code levelCount() − 1} (the upper bound)
   * @return the price
   * @throws IndexOutOfBoundsException when the index is outside the grid
   */
  public double levelPrice(int index) {
    return level[index];
  }

  /**
   * Whether a cell holds inventory (waits to sell) rather than waits to buy.
   *
   * @param cell from 0 to {@code levelCount() − 2}
   * @return {@code true} when stocked
   * @throws IndexOutOfBoundsException when the index is outside the grid
   */
  public boolean isStocked(int cell) {
    return stocked[cell];
  }

  /**
   * The base quantity a cell buys and sells.
   *
   * @param cell from 0 to {@code levelCount() − 2}
   * @return the quantity, {@code amountPerGrid / levelPrice(cell)}
   * @throws IndexOutOfBoundsException when the index is outside the grid
   */
  public double cellQuantity(int cell) {
    return qty[cell];
  }
}
