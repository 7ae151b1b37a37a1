package io.github.mmsdk.grid;

import io.github.mmsdk.api.exchange.FeeRates;
import io.github.mmsdk.api.exchange.SymbolRules;
import io.github.mmsdk.api.grid.GridConfig;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a grid against the exchange's symbol rules and fee rates. {@link GridConfig} itself
 * already checks the structure (bounds in order, at least two levels, positive amounts).
 *
 * <ul>
 *   <li>Spacing: the smallest step between adjacent levels (the top cell of an arithmetic grid, any
 *       cell of a geometric one), as a fraction of its lower level, must exceed the round-trip fee
 *       — 2 × the larger of the maker and taker rate, or 2 × {@link
 *       GridRulesConfig#defaultFeeRate()} when the rates are unknown — times {@link
 *       GridRulesConfig#feeSafetyFactor()}.
 *   <li>Amount: the quote amount per level must reach the exchange's minimum order value, and the
 *       base quantity of the highest buy ({@code amountPerGrid / levels[n−2]}) its minimum size.
 *   <li>The smallest step must be at least the price increment; the pair must be open for trading
 *       and the rules must be the grid's pair.
 *   <li>The allocation must cover {@code amountPerGrid × (levels − 1)}; a stop-loss must lie below
 *       the lower bound and a take-profit above the upper bound.
 * </ul>
 *
 * Instances are immutable and thread-safe.
 */
public final class GridValidator {

  private final GridRulesConfig rules;

  /**
   * Creates a validator.
   *
   * @param rules the rules giving the fee safety factor and the default fee rate
   */
  public GridValidator(GridRulesConfig rules) {
    this.rules = rules;
  }

  /**
   * The fee of one round trip (a buy and a sell) as a fraction of the notional.
   *
   * @param fees the account's fee rates, when known
   * @return 2 × max(maker, taker), or 2 × the default rate when unknown
   */
  public double roundTripFeeRate(Optional<FeeRates> fees) {
    double rate =
        fees.map(f -> f.maker().max(f.taker()).doubleValue()).orElse(rules.defaultFeeRate());
    return 2 * rate;
  }

  /**
   * The smallest step a grid may have, in percent.
   *
   * @param fees the account's fee rates, when known
   * @return round-trip fee × safety factor × 100
   */
  public double minStepPct(Optional<FeeRates> fees) {
    return roundTripFeeRate(fees) * rules.feeSafetyFactor() * 100;
  }

  /**
   * The smallest step between two adjacent levels of a grid, in percent of the lower one.
   *
   * @param grid the grid
   * @return the smallest {@code (p[j+1] − p[j]) / p[j] × 100}
   */
  public static double smallestStepPct(GridConfig grid) {
    double[] p = GridSimulator.levelPrices(grid);
    double min = Double.MAX_VALUE;
    for (int j = 0; j + 1 < p.length; j++) {
      min = Math.min(min, (p[j + 1] - p[j]) / p[j]);
    }
    return min * 100;
  }

  /**
   * Every rule the grid breaks.
   *
   * @param grid the grid
   * @param symbolRules the exchange's rules for the pair, when known
   * @param fees the account's fee rates, when known
   * @return the violations, empty when the grid is valid
   */
  public List<GridViolation> violations(
      GridConfig grid, Optional<SymbolRules> symbolRules, Optional<FeeRates> fees) {
    List<GridViolation> out = new ArrayList<>();
    String key = "grids." + grid.id();
    double[] p = GridSimulator.levelPrices(grid);
    double stepPct = smallestStepPct(grid);
    double minStep = minStepPct(fees);
    if (!(stepPct > minStep)) {
      out.add(
          GridViolation.of(
              GridProblem.SPACING_BELOW_FEES,
              key + ".levels",
              Numbers.format(
                  "smallest step %.4f %% does not exceed round-trip fee %.4f %% x safety factor %.2f"
                      + " = %.4f %%",
                  stepPct, roundTripFeeRate(fees) * 100, rules.feeSafetyFactor(), minStep)));
    }
    BigDecimal amount = grid.amountPerGrid();
    BigDecimal needed = amount.multiply(BigDecimal.valueOf(grid.levels() - 1L));
    if (grid.allocation().compareTo(needed) < 0) {
      out.add(
          GridViolation.of(
              GridProblem.ALLOCATION_BELOW_GRID_NEEDS,
              key + ".allocation",
              "allocation "
                  + grid.allocation().toPlainString()
                  + " is below amount_per_grid x (levels - 1) = "
                  + needed.toPlainString()));
    }
    if (grid.stopLossPrice().isPresent()
        && grid.stopLossPrice().get().compareTo(grid.lowerPrice()) >= 0) {
      out.add(
          GridViolation.of(
              GridProblem.STOP_LOSS_NOT_BELOW_LOWER,
              key + ".stop_loss_price",
              "stop-loss "
                  + grid.stopLossPrice().get().toPlainString()
                  + " must be below lower_price "
                  + grid.lowerPrice().toPlainString()));
    }
    if (grid.takeProfitPrice().isPresent()
        && grid.takeProfitPrice().get().compareTo(grid.upperPrice()) <= 0) {
      out.add(
          GridViolation.of(
              GridProblem.TAKE_PROFIT_NOT_ABOVE_UPPER,
              key + ".take_profit_price",
              "take-profit "
                  + grid.takeProfitPrice().get().toPlainString()
                  + " must be above upper_price "
                  + grid.upperPrice().toPlainString()));
    }
    if (symbolRules.isPresent()) {
      SymbolRules r = symbolRules.get();
      if (!r.symbol().equals(grid.symbol())) {
        out.add(
            GridViolation.of(
                GridProblem.SYMBOL_MISMATCH,
                key + ".symbol",
                "exchange rules are for " + r.symbol() + ", the grid trades " + grid.symbol()));
      }
      if (!r.tradingEnabled()) {
        out.add(
            GridViolation.of(
                GridProblem.TRADING_DISABLED,
                key + ".symbol",
                "the exchange has disabled trading on " + r.symbol()));
      }
      if (amount.compareTo(r.quoteMinSize()) < 0) {
        out.add(
            GridViolation.of(
                GridProblem.AMOUNT_BELOW_QUOTE_MINIMUM,
                key + ".amount_per_grid",
                "amount_per_grid "
                    + amount.toPlainString()
                    + " is below the exchange minimum order value "
                    + r.quoteMinSize().toPlainString()));
      }
      double topBuy = p[p.length - 2];
      double qty = amount.doubleValue() / topBuy;
      if (qty < r.baseMinSize().doubleValue()) {
        out.add(
            GridViolation.of(
                GridProblem.SIZE_BELOW_BASE_MINIMUM,
                key + ".amount_per_grid",
                Numbers.format(
                    "order size %.8f base at the highest buy level %.8f is below the exchange"
                        + " minimum size %s",
                    qty, topBuy, r.baseMinSize().toPlainString())));
      }
      double minAbsStep = Double.MAX_VALUE;
      for (int j = 0; j + 1 < p.length; j++) {
        minAbsStep = Math.min(minAbsStep, p[j + 1] - p[j]);
      }
      if (minAbsStep < r.priceIncrement().doubleValue()) {
        out.add(
            GridViolation.of(
                GridProblem.STEP_BELOW_PRICE_INCREMENT,
                key + ".levels",
                Numbers.format(
                    "smallest step %.8f is below the price increment %s",
                    minAbsStep, r.priceIncrement().toPlainString())));
      }
    }
    return out;
  }

  /**
   * Checks a grid and throws on the first problem (the exception lists all).
   *
   * @param grid the grid
   * @param symbolRules the exchange's rules for the pair, when known
   * @param fees the account's fee rates, when known
   * @throws InvalidGridException when the grid breaks a rule
   */
  public void validate(
      GridConfig grid, Optional<SymbolRules> symbolRules, Optional<FeeRates> fees) {
    List<GridViolation> v = violations(grid, symbolRules, fees);
    if (!v.isEmpty()) {
      throw new InvalidGridException(v);
    }
  }
}
