package io.github.mmsdk.grid;

import io.github.mmsdk.api.grid.GridMode;
import io.github.mmsdk.grid.internal.GridValue;
import org.immutables.value.Value;

/**
 * A {@link GridSimulator}'s state at one moment, valued at a mark price. All amounts are in the
 * quote currency unless named otherwise; see {@link GridSimulator} for the model and the fill
 * assumptions.
 */
@GridValue
@Value.Immutable
public abstract class GridSimulation {

  GridSimulation() {}

  /** {@return the spot mode the grid ran in} */
  public abstract GridMode mode();

  /** {@return the price at creation} */
  public abstract double initialPrice();

  /** {@return the price the inventory is valued at} */
  public abstract double markPrice();

  /** {@return the quote capital at creation: the grid's allocation} */
  public abstract double initialCapital();

  /** {@return the profit of the completed round trips, after all their fees} */
  public abstract double realizedProfit();

  /** {@return the base inventory held} */
  public abstract double inventory();

  /** {@return the average cost of the inventory per base unit, buy fees included; 0 when none} */
  public abstract double averageCost();

  /** {@return inventory × mark price − its cost; no exit fee} */
  public abstract double unrealizedPnl();

  /** {@return the quote balance: allocation − purchases − fees + sales} */
  public abstract double quoteBalance();

  /** {@return quote balance + inventory × mark price} */
  public abstract double equity();

  /** {@return all fees paid, buys and sells} */
  public abstract double feesPaid();

  /** {@return the number of completed round trips (sells)} */
  public abstract int roundTrips();

  /** {@return the number of buy fills, the creation purchase of a LONG grid included} */
  public abstract int buyFills();

  /** {@return the number of sell fills} */
  public abstract int sellFills();

  /** {@return the largest fall of equity from its running peak, in quote (≥ 0)} */
  public abstract double maxDrawdown();

  /** {@return the largest fall of equity from its running peak, in percent of that peak} */
  public abstract double maxDrawdownPct();

  /** {@return the number of candles fed} */
  public abstract long candles();

  /** {@return whether a stop-loss or take-profit price stopped the grid} */
  public abstract boolean stopped();

  /** {@return realized profit + unrealized PnL, which equals equity − initial capital} */
  public double totalPnl() {
    return realizedProfit() + unrealizedPnl();
  }

  /** {@return total PnL in percent of the initial capital} */
  public double returnPct() {
    return initialCapital() == 0 ? 0.0 : totalPnl() / initialCapital() * 100.0;
  }

  /** Builds a {@link GridSimulation}. */
  public static final class Builder extends ImmutableGridSimulation.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
