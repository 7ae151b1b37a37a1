package io.github.mmsdk.grid;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.exchange.FeeRates;
import io.github.mmsdk.api.exchange.SymbolRules;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.Spacing;
import io.github.mmsdk.api.regime.MetricId;
import io.github.mmsdk.api.regime.RegimeState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Proposes GRID_SETUP parameters from recent data (docs/recommendations.md, "Parameter proposal").
 *
 * <ol>
 *   <li>Range: the high and low of the last {@link GridRulesConfig#proposalLookback()} candles and
 *       the ATR (simple mean of the true range over {@link GridRulesConfig#atrWindow()} candles).
 *       Without candles, the regime's Bollinger bandwidth {@code bw} stands in: range = price × (1
 *       ± bw/2), ATR ≈ price × bw/4 (the band is ±2σ).
 *   <li>Bounds: lower = min(range low, price − k × ATR), upper = max(range high, price + k × ATR),
 *       k = {@link GridRulesConfig#boundsAtrMultiple()}.
 *   <li>Step (geometric, in %): max(fee floor, ATR % × {@link
 *       GridRulesConfig#spacingAtrFraction()}) where the fee floor is the round-trip fee × the
 *       safety factor (just above it); × {@link GridRulesConfig#probationarySpacingMultiplier()}
 *       when probationary.
 *   <li>Levels: as many as the step allows between the bounds, within [{@link
 *       GridRulesConfig#minLevels()}, {@link GridRulesConfig#maxLevels()}]; a range too narrow for
 *       the minimum is widened around its geometric middle.
 *   <li>Capital: allocation = the capital available to the grid × {@link
 *       GridRulesConfig#probationaryAllocationFraction()} when probationary; amount per grid =
 *       allocation / (levels − 1), rounded down to cents; levels are reduced when the amount would
 *       fall below the exchange minimum.
 *   <li>Stop-loss {@link GridRulesConfig#stopLossBelowLowerPct()} % below the lower bound; the
 *       result is checked with {@link GridValidator}.
 * </ol>
 *
 * Immutable and thread-safe.
 */
public final class GridProposer {

  /** Significant digits of a proposed price, half-up, before the exchange's increment. */
  private static final int PRICE_DIGITS = 8;

  private final GridRulesConfig rules;
  private final GridValidator validator;

  /**
   * Creates a proposer.
   *
   * @param rules the proposal rules
   */
  public GridProposer(GridRulesConfig rules) {
    this.rules = rules;
    this.validator = new GridValidator(rules);
  }

  /**
   * Proposes a grid.
   *
   * @param gridId the id the grid gets
   * @param symbol the pair
   * @param price the current price
   * @param recent recent closed candles of the regime's timeframe, when available
   * @param regime the regime (its Bollinger bandwidth is the fallback without candles)
   * @param capital the most the grid may be allocated (after reserve and caps)
   * @param probationary whether to size it as a probationary grid
   * @param symbolRules the exchange's rules, when known
   * @param fees the fee rates, when known
   * @return the proposal
   */
  public GridProposal propose(
      String gridId,
      Symbol symbol,
      double price,
      Optional<CandleSeries> recent,
      RegimeState regime,
      BigDecimal capital,
      boolean probationary,
      Optional<SymbolRules> symbolRules,
      Optional<FeeRates> fees) {
    List<String> why = new ArrayList<>();
    GridProposal.Builder out = new GridProposal.Builder().probationary(probationary);
    double lo;
    double hi;
    double atr;
    if (recent.isPresent() && recent.get().size() >= 2) {
      CandleSeries c = recent.get();
      int n = c.size();
      int from = Math.max(0, n - rules.proposalLookback());
      lo = Double.MAX_VALUE;
      hi = 0;
      for (int i = from; i < n; i++) {
        lo = Math.min(lo, c.low(i));
        hi = Math.max(hi, c.high(i));
      }
      int atrFrom = Math.max(1, n - rules.atrWindow());
      double sum = 0;
      for (int i = atrFrom; i < n; i++) {
        double prev = c.close(i - 1);
        sum += Math.max(c.high(i), prev) - Math.min(c.low(i), prev);
      }
      atr = sum / (n - atrFrom);
      why.add(
          f(
              "recent range over the last %d %s candles: low %s, high %s; ATR(%d) %s (%.3f %% of"
                  + " price %s)",
              n - from,
              c.timeframe().label(),
              num(lo),
              num(hi),
              n - atrFrom,
              num(atr),
              atr / price * 100,
              num(price)));
    } else {
      OptionalDouble bw = regime.metric(MetricId.BOLLINGER_BANDWIDTH);
      if (bw.isEmpty() || !(bw.getAsDouble() > 0)) {
        why.add("no recent candles and no Bollinger bandwidth to size a grid from");
        return out.addAllReasons(why).build();
      }
      double b = bw.getAsDouble();
      lo = price * (1 - b / 2);
      hi = price * (1 + b / 2);
      atr = price * b / 4;
      why.add(
          f(
              "no recent candles: range from Bollinger bandwidth %.4f: price %s x (1 -/+ %.4f) ="
                  + " %s .. %s; ATR taken as price x bw/4 = %s",
              b, num(price), b / 2, num(lo), num(hi), num(atr)));
    }
    double k = rules.boundsAtrMultiple();
    double lower = Math.min(lo, price - k * atr);
    double upper = Math.max(hi, price + k * atr);
    if (lower <= price * 0.05) {
      lower = price * 0.05;
    }
    why.add(
        f(
            "bounds: lower %s = min(range low %s, price - %.1f x ATR = %s); upper %s = max(range"
                + " high %s, price + %.1f x ATR = %s)",
            num(lower),
            num(lo),
            k,
            num(price - k * atr),
            num(upper),
            num(hi),
            k,
            num(price + k * atr)));

    double feeFloor = validator.minStepPct(fees);
    double volStep = atr / price * 100 * rules.spacingAtrFraction();
    double step = Math.max(feeFloor * 1.01, volStep);
    String stepWhy =
        f(
            "step %.4f %% = max(fee floor %.4f %% = round-trip fee %.4f %% x safety %.2f (+1 %%"
                + " margin), ATR %% x %.2f = %.4f %%)",
            step,
            feeFloor,
            validator.roundTripFeeRate(fees) * 100,
            rules.feeSafetyFactor(),
            rules.spacingAtrFraction(),
            volStep);
    if (probationary) {
      step *= rules.probationarySpacingMultiplier();
      stepWhy +=
          f(
              ", x %.2f probationary widening = %.4f %%",
              rules.probationarySpacingMultiplier(), step);
    }
    why.add(stepWhy);

    int levels = (int) Math.floor(Math.log(upper / lower) / Math.log1p(step / 100)) + 1;
    if (levels < rules.minLevels()) {
      double ratio = Math.pow(1 + step / 100, rules.minLevels() - 1);
      double mid = Math.sqrt(lower * upper);
      lower = mid / Math.sqrt(ratio);
      upper = mid * Math.sqrt(ratio);
      levels = rules.minLevels();
      why.add(
          f(
              "range too narrow for %d levels at that step: widened around %s to %s .. %s",
              levels, num(mid), num(lower), num(upper)));
    } else if (levels > rules.maxLevels()) {
      levels = rules.maxLevels();
      why.add(f("levels capped at %d (the step widens accordingly)", levels));
    }
    BigDecimal lowerBd = roundPrice(lower, symbolRules, RoundingMode.DOWN);
    BigDecimal upperBd = roundPrice(upper, symbolRules, RoundingMode.UP);

    if (capital.signum() <= 0) {
      why.add("no capital available for a new grid");
      return out.addAllReasons(why).build();
    }
    double fraction = probationary ? rules.probationaryAllocationFraction() : 1.0;
    BigDecimal allocation =
        capital.multiply(BigDecimal.valueOf(fraction)).setScale(2, RoundingMode.DOWN);
    why.add(
        probationary
            ? f(
                "allocation %s = available capital %s x %.0f %% (probationary sizing)",
                allocation.toPlainString(), capital.toPlainString(), fraction * 100)
            : f(
                "allocation %s = available capital %s (normal sizing)",
                allocation.toPlainString(), capital.toPlainString()));
    double minAmount = 0;
    if (symbolRules.isPresent()) {
      minAmount =
          Math.max(
              symbolRules.get().quoteMinSize().doubleValue(),
              symbolRules.get().baseMinSize().doubleValue() * upperBd.doubleValue());
    }
    BigDecimal amount = amountPerGrid(allocation, levels);
    if (amount.doubleValue() < minAmount) {
      int fit = (int) Math.floor(allocation.doubleValue() / minAmount) + 1;
      why.add(
          f(
              "amount per grid %s at %d levels is below the exchange minimum %s: levels reduced to"
                  + " %d",
              amount.toPlainString(), levels, num(minAmount), fit));
      levels = fit;
      amount = amountPerGrid(allocation, levels);
    }
    if (levels < Math.max(2, rules.minLevels()) || amount.signum() <= 0) {
      why.add(
          f(
              "allocation %s cannot fund %d levels above the exchange minimum order",
              allocation.toPlainString(), rules.minLevels()));
      return out.addAllReasons(why).build();
    }
    double ratio = Math.pow(upperBd.doubleValue() / lowerBd.doubleValue(), 1.0 / (levels - 1));
    double profitPct = (ratio - 1) * 100;
    why.add(
        f(
            "%d geometric levels from %s to %s: %.4f %% per step; amount per grid %s ="
                + " allocation / %d cells",
            levels,
            lowerBd.toPlainString(),
            upperBd.toPlainString(),
            profitPct,
            amount.toPlainString(),
            levels - 1));
    GridConfig.Builder g = new GridConfig.Builder();
    g.id(gridId)
        .symbol(symbol)
        .lowerPrice(lowerBd)
        .upperPrice(upperBd)
        .levels(levels)
        .spacing(Spacing.GEOMETRIC)
        .mode(rules.proposedMode())
        .amountPerGrid(amount)
        .profitPerGridPct(
            BigDecimal.valueOf(profitPct).setScale(4, RoundingMode.HALF_UP).doubleValue())
        .allocation(allocation);
    if (rules.stopLossBelowLowerPct() > 0) {
      BigDecimal sl =
          roundPrice(
              lowerBd.doubleValue() * (1 - rules.stopLossBelowLowerPct() / 100),
              symbolRules,
              RoundingMode.DOWN);
      g.stopLossPrice(sl);
      why.add(
          f(
              "stop-loss %s = lower x (1 - %.1f %%)",
              sl.toPlainString(), rules.stopLossBelowLowerPct()));
    }
    GridConfig grid = g.build();
    List<GridViolation> violations = validator.violations(grid, symbolRules, fees);
    if (!violations.isEmpty()) {
      violations.forEach(v -> why.add("proposal rejected: " + v.message()));
      return out.addAllReasons(why).build();
    }
    return out.grid(grid).addAllReasons(why).build();
  }

  private static BigDecimal amountPerGrid(BigDecimal allocation, int levels) {
    return allocation.divide(BigDecimal.valueOf(Math.max(1, levels - 1L)), 2, RoundingMode.DOWN);
  }

  private static BigDecimal roundPrice(
      double price, Optional<SymbolRules> rules, RoundingMode mode) {
    BigDecimal p = Numbers.round(price, PRICE_DIGITS);
    if (rules.isPresent() && rules.get().priceIncrement().signum() > 0) {
      BigDecimal inc = rules.get().priceIncrement();
      BigDecimal steps = p.divide(inc, 0, mode);
      BigDecimal rounded = steps.multiply(inc);
      return rounded.signum() > 0 ? rounded.stripTrailingZeros() : inc;
    }
    return p.stripTrailingZeros();
  }

  private static String num(double v) {
    return Numbers.round(v, 6).stripTrailingZeros().toPlainString();
  }

  private static String f(String format, Object... args) {
    return Numbers.format(format, args);
  }
}
