package io.github.mmsdk.grid;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.exchange.AccountBalance;
import io.github.mmsdk.api.grid.GridConfig;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Capital rules (seed Req 8): a global reserve that is never deployed, SINGLE_GRID mode (one grid
 * at a time across the account) and MULTI_GRID mode with caps per grid, per symbol and in total.
 *
 * <p>reserve = max({@link GridRulesConfig#reserveAmount()}, total × {@link
 * GridRulesConfig#reserveFraction()}, the balance's own {@code reserveRequired}); deployable =
 * max(0, available − reserve). A new grid gets at most the deployable capital, reduced by every
 * configured cap. Whether a grid runs is read from its history (seed Req 19). Thread-safe; the
 * rules are immutable. The last availability is kept with what it was computed from and returned
 * again for the same symbol, balance amounts and grid instances (a backtest asks the same question
 * cycle after cycle, and its reasons are text).
 */
public final class CapitalAllocator {

  private final GridRulesConfig rules;

  /** The last answer (immutable), or null. */
  private volatile Memo last;

  /** An availability and the inputs it was computed from. */
  private record Memo(
      Symbol symbol,
      BigDecimal available,
      BigDecimal total,
      BigDecimal reserveRequired,
      GridConfig[] grids,
      CapitalAvailability answer) {

    /** Whether these inputs give this answer: equal amounts (scale included), the same grids. */
    boolean answers(Symbol s, AccountBalance b, List<GridConfig> allGrids) {
      if (grids.length != allGrids.size()
          || !available.equals(b.available())
          || !total.equals(b.total())
          || !reserveRequired.equals(b.reserveRequired())
          || !symbol.equals(s)) {
        return false;
      }
      for (int i = 0; i < grids.length; i++) {
        if (grids[i] != allGrids.get(i)) { // immutable values: the same instance, the same answer
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Creates an allocator.
   *
   * @param rules the capital rules
   */
  public CapitalAllocator(GridRulesConfig rules) {
    this.rules = rules;
  }

  /**
   * The global reserve for a balance.
   *
   * @param balance the balance
   * @return the reserve, in the quote currency
   */
  public BigDecimal reserve(AccountBalance balance) {
    BigDecimal byFraction =
        balance
            .total()
            .multiply(BigDecimal.valueOf(rules.reserveFraction()))
            .setScale(2, RoundingMode.UP);
    return rules.reserveAmount().max(byFraction).max(balance.reserveRequired());
  }

  /**
   * The capital a new grid on a symbol may use.
   *
   * @param symbol the pair of the new grid
   * @param balance the account balance
   * @param allGrids every grid of the account, running or stopped
   * @return the availability, with reasons
   */
  public CapitalAvailability availability(
      Symbol symbol, AccountBalance balance, List<GridConfig> allGrids) {
    Memo m = last;
    if (m != null && m.answers(symbol, balance, allGrids)) {
      return m.answer();
    }
    CapitalAvailability answer = compute(symbol, balance, allGrids);
    last =
        new Memo(
            symbol,
            balance.available(),
            balance.total(),
            balance.reserveRequired(),
            allGrids.toArray(new GridConfig[0]),
            answer);
    return answer;
  }

  private CapitalAvailability compute(
      Symbol symbol, AccountBalance balance, List<GridConfig> allGrids) {
    List<String> reasons = new ArrayList<>();
    BigDecimal reserve = reserve(balance);
    BigDecimal deployable = balance.available().subtract(reserve).max(BigDecimal.ZERO);
    reasons.add(
        "deployable "
            + plain(deployable)
            + " = available "
            + plain(balance.available())
            + " - reserve "
            + plain(reserve)
            + " (max of fixed "
            + plain(rules.reserveAmount())
            + ", "
            + pct(rules.reserveFraction())
            + " of total "
            + plain(balance.total())
            + ")");
    List<GridConfig> running = new ArrayList<>();
    List<GridConfig> runningHere = new ArrayList<>();
    for (GridConfig g : allGrids) { // loops, not streams: this runs every cycle
      if (g.isRunning()) {
        running.add(g);
        if (g.symbol().equals(symbol)) {
          runningHere.add(g);
        }
      }
    }
    BigDecimal runningTotal = sum(running);
    BigDecimal runningOnSymbol = sum(runningHere);
    BigDecimal max = deployable;
    if (rules.capitalMode() == GridRulesConfig.CapitalMode.SINGLE_GRID) {
      if (!running.isEmpty()) {
        max = BigDecimal.ZERO;
        reasons.add(
            "SINGLE_GRID mode: grid "
                + running.get(0).id()
                + " is running, so no other grid may start");
      }
    } else {
      if (runningHere.size() >= rules.maxGridsPerSymbol()) {
        max = BigDecimal.ZERO;
        reasons.add(
            "MULTI_GRID mode: "
                + runningHere.size()
                + " grid(s) already run on "
                + symbol
                + ", the cap is "
                + rules.maxGridsPerSymbol());
      }
      if (rules.maxAllocationPerSymbol().isPresent()) {
        BigDecimal room =
            rules.maxAllocationPerSymbol().get().subtract(runningOnSymbol).max(BigDecimal.ZERO);
        reasons.add(
            "symbol cap leaves "
                + plain(room)
                + " = "
                + plain(rules.maxAllocationPerSymbol().get())
                + " - running on "
                + symbol
                + " "
                + plain(runningOnSymbol));
        max = max.min(room);
      }
      if (rules.maxTotalAllocation().isPresent()) {
        BigDecimal room =
            rules.maxTotalAllocation().get().subtract(runningTotal).max(BigDecimal.ZERO);
        reasons.add(
            "total cap leaves "
                + plain(room)
                + " = "
                + plain(rules.maxTotalAllocation().get())
                + " - running in total "
                + plain(runningTotal));
        max = max.min(room);
      }
    }
    if (rules.maxAllocationPerGrid().isPresent()
        && rules.maxAllocationPerGrid().get().compareTo(max) < 0) {
      max = rules.maxAllocationPerGrid().get();
      reasons.add("per-grid cap " + plain(max) + " binds");
    }
    reasons.add("a new grid may use at most " + plain(max));
    return new CapitalAvailability.Builder()
        .reserve(reserve)
        .deployable(deployable)
        .maxForNewGrid(max)
        .runningOnSymbol(runningOnSymbol)
        .runningTotal(runningTotal)
        .addAllReasons(reasons)
        .build();
  }

  private static BigDecimal sum(List<GridConfig> grids) {
    BigDecimal sum = BigDecimal.ZERO;
    for (GridConfig g : grids) {
      sum = sum.add(g.allocation());
    }
    return sum;
  }

  static String plain(BigDecimal v) {
    return v.stripTrailingZeros().toPlainString();
  }

  static String pct(double fraction) {
    return BigDecimal.valueOf(fraction * 100).stripTrailingZeros().toPlainString() + " %";
  }
}
