package io.github.mmsdk.api.cycle;

/** The steps of a decision cycle, in order (ARCHITECTURE.md §2). */
public enum CycleStep {
  /** Load grids, exit histories and recent decisions from the store. */
  LOAD_STATE,
  /** Fetch candles, balance, market data, symbol rules and fees from the exchange. */
  FETCH_DATA,
  /** Evaluate the regime (and, with no running grid, the restart gates). */
  REGIME,
  /** Evaluate the exit state of every running grid. */
  EXIT,
  /** Build recommendations. */
  RECOMMEND,
  /** Write the cycle's records in one atomic commit. */
  STORE,
  /**
   * Run auto-executable, risk-reducing recommendations through an exchange that offers grid
   * execution, at most once each.
   */
  EXECUTE,
  /** Deliver notifications. */
  NOTIFY,
  /** Grade decisions whose horizons have passed. */
  GRADE
}
