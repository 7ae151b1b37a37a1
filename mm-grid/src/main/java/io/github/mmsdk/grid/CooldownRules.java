package io.github.mmsdk.grid;

import io.github.mmsdk.api.decision.ActionRecord;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.GridAction;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.api.regime.RegimeVerdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Per-grid cooldowns and verdict-based timeouts (seed Req 10), derived only from the stored records
 * passed in — grid history and decision records with their actions — never from memory.
 *
 * <ul>
 *   <li>After a stop: {@link GridRulesConfig#cooldownAfterStop()} (60 min) from the latest of the
 *       grid's DISABLED history entries and the APPROVED or EXECUTED actions on a STOP_GRID
 *       recommendation for the grid.
 *   <li>After a declined or expired setup: {@link GridRulesConfig#cooldownAfterDeclinedSetup()}
 *       (120 min) from a DECLINED, IGNORED or EXPIRED action on a CREATE_GRID recommendation for
 *       the grid, or from the recommendation's {@code expiresAt} when that passed with no action at
 *       all.
 *   <li>Timeouts: a recommendation made under TRANSITION expires after 30 min, under TREND after 15
 *       min; under RANGE_OK and RANGE_WEAK it has none.
 * </ul>
 *
 * Immutable and thread-safe.
 */
public final class CooldownRules {

  private final GridRulesConfig rules;

  /**
   * Creates the rules.
   *
   * @param rules the durations
   */
  public CooldownRules(GridRulesConfig rules) {
    this.rules = rules;
  }

  /**
   * When a recommendation made under a verdict expires.
   *
   * @param verdict the regime verdict at the decision
   * @param asOf the decision time
   * @return the expiry; empty under a range verdict
   */
  public Optional<Instant> expiry(RegimeVerdict verdict, Instant asOf) {
    switch (verdict) {
      case TRANSITION:
        return Optional.of(asOf.plus(rules.timeoutTransition()));
      case TREND:
        return Optional.of(asOf.plus(rules.timeoutTrend()));
      default:
        return Optional.empty();
    }
  }

  /**
   * The cooldown in force for a grid, the one ending last when several are.
   *
   * @param gridId the grid
   * @param grids the stored grids (their history is read)
   * @param decisions the stored recent decisions with their actions
   * @param asOf the decision time
   * @return the cooldown, or empty when none is in force
   */
  public Optional<ActiveCooldown> active(
      String gridId, List<GridConfig> grids, List<DecisionRecord> decisions, Instant asOf) {
    List<ActiveCooldown> all = new ArrayList<>();
    for (GridConfig g : grids) {
      if (!g.id().equals(gridId)) {
        continue;
      }
      for (GridHistoryEntry e : g.history()) {
        if (e.event() == GridHistoryEntry.Event.DISABLED) {
          all.add(
              cooldown(
                  gridId, ActiveCooldown.Cause.AFTER_STOP, e.at(), "grid history: " + e.reason()));
        }
      }
    }
    for (DecisionRecord d : decisions) {
      for (Recommendation r : d.recommendations()) {
        // only stops and setups start cooldowns: test the action first (no Optional), every cycle
        GridAction action = r.action();
        if (action != GridAction.STOP_GRID && action != GridAction.CREATE_GRID) {
          continue;
        }
        Optional<String> rid = r.gridId();
        if (rid.isEmpty() || !rid.get().equals(gridId)) {
          continue;
        }
        if (r.action() == GridAction.STOP_GRID) {
          for (ActionRecord a : d.actions()) {
            if (a.kind() == ActionRecord.Kind.APPROVED || a.kind() == ActionRecord.Kind.EXECUTED) {
              all.add(
                  cooldown(gridId, ActiveCooldown.Cause.AFTER_STOP, a.at(), "decision " + d.id()));
            }
          }
        } else if (r.action() == GridAction.CREATE_GRID) {
          boolean anyAction = !d.actions().isEmpty();
          for (ActionRecord a : d.actions()) {
            if (a.kind() == ActionRecord.Kind.DECLINED || a.kind() == ActionRecord.Kind.IGNORED) {
              all.add(
                  cooldown(
                      gridId,
                      ActiveCooldown.Cause.AFTER_DECLINED_SETUP,
                      a.at(),
                      "decision " + d.id() + " " + a.kind() + " by " + a.actor()));
            } else if (a.kind() == ActionRecord.Kind.EXPIRED) {
              all.add(
                  cooldown(
                      gridId,
                      ActiveCooldown.Cause.AFTER_EXPIRED_SETUP,
                      a.at(),
                      "decision " + d.id()));
            }
          }
          if (!anyAction && r.expiresAt().isPresent() && !r.expiresAt().get().isAfter(asOf)) {
            all.add(
                cooldown(
                    gridId,
                    ActiveCooldown.Cause.AFTER_EXPIRED_SETUP,
                    r.expiresAt().get(),
                    "decision " + d.id() + " expired without a verdict"));
          }
        }
      }
    }
    ActiveCooldown latest = null; // the one ending last (the first of equals); runs every cycle
    for (ActiveCooldown c : all) {
      if (c.until().isAfter(asOf)
          && !c.since().isAfter(asOf)
          && (latest == null || c.until().compareTo(latest.until()) > 0)) {
        latest = c;
      }
    }
    return Optional.ofNullable(latest);
  }

  private ActiveCooldown cooldown(
      String gridId, ActiveCooldown.Cause cause, Instant since, String source) {
    Instant until =
        since.plus(
            cause == ActiveCooldown.Cause.AFTER_STOP
                ? rules.cooldownAfterStop()
                : rules.cooldownAfterDeclinedSetup());
    return new ActiveCooldown.Builder()
        .gridId(gridId)
        .cause(cause)
        .since(since)
        .until(until)
        .source(source)
        .build();
  }
}
