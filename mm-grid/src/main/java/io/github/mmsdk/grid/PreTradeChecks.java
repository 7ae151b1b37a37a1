package io.github.mmsdk.grid;

import io.github.mmsdk.api.Symbol;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A chain of {@link PreTradeCheck}s. Every check runs (so every veto is reported), but only for
 * capital-deploying actions: risk-reducing and no-change actions always pass, even while halted.
 * Immutable and thread-safe.
 */
public final class PreTradeChecks {

  private final List<PreTradeCheck> checks;

  private PreTradeChecks(List<PreTradeCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  /**
   * A chain of checks, run in order.
   *
   * @param checks the checks
   * @return the chain
   */
  public static PreTradeChecks of(List<PreTradeCheck> checks) {
    return new PreTradeChecks(checks);
  }

  /**
   * The standard chain: global halt, stale data, symbol whitelist, minimum confidence, daily loss
   * limit, max allocation per grid, per symbol and in total.
   *
   * @param rules the limits
   * @return the chain
   */
  public static PreTradeChecks standard(GridRulesConfig rules) {
    return new PreTradeChecks(
        List.of(
            globalHalt(),
            staleData(),
            symbolWhitelist(rules.symbolWhitelist()),
            minimumConfidence(rules.minSetupConfidence()),
            dailyLossLimit(rules.maxDailyLoss()),
            maxAllocationPerGrid(rules.maxAllocationPerGrid()),
            maxAllocationPerSymbol(rules.maxAllocationPerSymbol()),
            maxTotalAllocation(rules.maxTotalAllocation())));
  }

  /** {@return the checks, in order} */
  public List<PreTradeCheck> checks() {
    return checks;
  }

  /**
   * Runs the chain.
   *
   * @param request the proposed action
   * @return the vetoes as {@code name: reason}; empty when the action may go ahead
   */
  public List<String> vetoes(PreTradeRequest request) {
    List<String> out = new ArrayList<>();
    if (!request.action().deploysCapital()) {
      return out;
    }
    for (PreTradeCheck c : checks) {
      c.veto(request).ifPresent(reason -> out.add(c.name() + ": " + reason));
    }
    return out;
  }

  /**
   * Vetoes symbols outside a whitelist.
   *
   * @param whitelist the allowed symbols; empty allows all
   * @return the check
   */
  public static PreTradeCheck symbolWhitelist(Set<Symbol> whitelist) {
    Set<Symbol> allowed = Set.copyOf(whitelist);
    return check(
        "symbol_whitelist",
        r ->
            allowed.isEmpty() || allowed.contains(r.symbol())
                ? Optional.empty()
                : Optional.of(r.symbol() + " is not in the whitelist " + allowed));
  }

  /**
   * Vetoes below a confidence.
   *
   * @param min the lowest confidence allowed
   * @return the check
   */
  public static PreTradeCheck minimumConfidence(double min) {
    return check(
        "minimum_confidence",
        r ->
            r.confidence() >= min
                ? Optional.empty()
                : Optional.of(
                    Numbers.format("confidence %.2f is below %.2f", r.confidence(), min)));
  }

  /**
   * Vetoes when the day's loss reached a limit.
   *
   * @param maxLoss the largest daily loss
   * @return the check
   */
  public static PreTradeCheck dailyLossLimit(BigDecimal maxLoss) {
    return check(
        "daily_loss_limit",
        r -> {
          if (r.dailyPnl().isEmpty()) {
            return Optional.empty();
          }
          BigDecimal loss = r.dailyPnl().get().negate();
          return loss.compareTo(maxLoss) >= 0
              ? Optional.of(
                  "daily loss "
                      + CapitalAllocator.plain(loss)
                      + " reached the limit "
                      + CapitalAllocator.plain(maxLoss))
              : Optional.empty();
        });
  }

  /**
   * Vetoes a grid above a per-grid cap.
   *
   * @param cap the cap, if any
   * @return the check
   */
  public static PreTradeCheck maxAllocationPerGrid(Optional<BigDecimal> cap) {
    return check(
        "max_allocation_per_grid",
        r ->
            cap.isPresent() && r.allocation().compareTo(cap.get()) > 0
                ? Optional.of(
                    "allocation "
                        + CapitalAllocator.plain(r.allocation())
                        + " exceeds the per-grid cap "
                        + CapitalAllocator.plain(cap.get()))
                : Optional.empty());
  }

  /**
   * Vetoes when the symbol's running allocations plus the new one exceed a cap.
   *
   * @param cap the cap, if any
   * @return the check
   */
  public static PreTradeCheck maxAllocationPerSymbol(Optional<BigDecimal> cap) {
    return check(
        "max_allocation_per_symbol",
        r -> {
          BigDecimal after = r.runningOnSymbol().add(r.allocation());
          return cap.isPresent() && after.compareTo(cap.get()) > 0
              ? Optional.of(
                  "running "
                      + CapitalAllocator.plain(r.runningOnSymbol())
                      + " + new "
                      + CapitalAllocator.plain(r.allocation())
                      + " on "
                      + r.symbol()
                      + " exceeds the symbol cap "
                      + CapitalAllocator.plain(cap.get()))
              : Optional.empty();
        });
  }

  /**
   * Vetoes when all running allocations plus the new one exceed a cap.
   *
   * @param cap the cap, if any
   * @return the check
   */
  public static PreTradeCheck maxTotalAllocation(Optional<BigDecimal> cap) {
    return check(
        "max_total_allocation",
        r -> {
          BigDecimal after = r.runningTotal().add(r.allocation());
          return cap.isPresent() && after.compareTo(cap.get()) > 0
              ? Optional.of(
                  "running "
                      + CapitalAllocator.plain(r.runningTotal())
                      + " + new "
                      + CapitalAllocator.plain(r.allocation())
                      + " exceeds the total cap "
                      + CapitalAllocator.plain(cap.get()))
              : Optional.empty();
        });
  }

  /** {@return a check vetoing while trading is globally halted} */
  public static PreTradeCheck globalHalt() {
    return check(
        "global_halt",
        r ->
            r.halted()
                ? Optional.of("trading is halted; only an explicit resume lifts it")
                : Optional.empty());
  }

  /** {@return a check vetoing on stale data} */
  public static PreTradeCheck staleData() {
    return check(
        "stale_data",
        r ->
            r.staleReasons().isEmpty()
                ? Optional.empty()
                : Optional.of(String.join("; ", r.staleReasons())));
  }

  private static PreTradeCheck check(String name, Function<PreTradeRequest, Optional<String>> f) {
    return new PreTradeCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Optional<String> veto(PreTradeRequest request) {
        return f.apply(request);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
