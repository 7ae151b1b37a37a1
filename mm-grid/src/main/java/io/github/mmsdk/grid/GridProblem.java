package io.github.mmsdk.grid;

/** What is wrong with a grid when checked against the exchange's rules and fees. */
public enum GridProblem {
  /** The exchange rules are for another pair than the grid's. */
  SYMBOL_MISMATCH,
  /** The exchange has closed the pair for trading. */
  TRADING_DISABLED,
  /** The smallest step between two levels does not exceed the round-trip fee × safety factor. */
  SPACING_BELOW_FEES,
  /** The smallest step between two levels is below the exchange's price increment. */
  STEP_BELOW_PRICE_INCREMENT,
  /** The quote amount per level is below the exchange's minimum order value. */
  AMOUNT_BELOW_QUOTE_MINIMUM,
  /** The base quantity of the highest level is below the exchange's minimum order size. */
  SIZE_BELOW_BASE_MINIMUM,
  /** The allocation does not cover one amount per cell. */
  ALLOCATION_BELOW_GRID_NEEDS,
  /** The stop-loss price is not below the lower bound. */
  STOP_LOSS_NOT_BELOW_LOWER,
  /** The take-profit price is not above the upper bound. */
  TAKE_PROFIT_NOT_ABOVE_UPPER
}
