package io.github.mmsdk.grid;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.decision.GridAction;
import io.github.mmsdk.api.decision.GridManager;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.decision.RecommendationContext;
import io.github.mmsdk.api.decision.RecommendationType;
import io.github.mmsdk.api.exit.ExitAssessment;
import io.github.mmsdk.api.exit.ExitCondition;
import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.api.regime.GateEvaluation;
import io.github.mmsdk.api.regime.GateResult;
import io.github.mmsdk.api.regime.RegimeState;
import io.github.mmsdk.api.regime.RegimeVerdict;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link GridManager} (docs/recommendations.md).
 *
 * <p>For every running grid of the symbol it makes one GRID_MANAGE recommendation (HOLD, REDUCE or
 * STOP_GRID) from the grid's exit assessment and the regime verdict:
 *
 * <table>
 *   <caption>GRID_MANAGE action by exit state and verdict</caption>
 *   <tr><th>exit state</th><th>RANGE_OK / RANGE_WEAK</th><th>TRANSITION</th><th>TREND</th></tr>
 *   <tr><td>NORMAL (or none)</td><td>HOLD</td><td>HOLD</td><td>REDUCE f</td></tr>
 *   <tr><td>WARNING</td><td>HOLD</td><td>REDUCE f/2</td><td>REDUCE f</td></tr>
 *   <tr><td>LATEST_ACCEPTABLE_EXIT</td><td>REDUCE f</td><td>REDUCE f</td><td>STOP_GRID</td></tr>
 *   <tr><td>MANDATORY_EXIT</td><td>STOP_GRID</td><td>STOP_GRID</td><td>STOP_GRID</td></tr>
 * </table>
 *
 * <p>({@code f} = {@link GridRulesConfig#reduceFraction()}.) When no grid of the symbol runs (or
 * MULTI_GRID mode leaves room), it makes one GRID_SETUP: CREATE_GRID with proposed parameters only
 * when the verdict is a range, all three restart gates passed, the confidence reaches the minimum,
 * no cooldown is in force, capital is deployable, and no pre-trade check vetoes (halt, stale data,
 * whitelist, daily loss, caps); otherwise WAIT with every blocking reason. Escalation and
 * automation follow {@link EscalationPolicy}; timeouts and cooldowns follow {@link CooldownRules}
 * and are read from the records in the context. Stateless, immutable and thread-safe; no I/O.
 */
public final class DefaultGridManager implements GridManager {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultGridManager.class);

  private final GridRulesConfig rules;
  private final PreTradeChecks checks;
  private final EscalationPolicy escalation;
  private final CooldownRules cooldowns;
  private final CapitalAllocator capital;
  private final GridProposer proposer;

  /** Creates a manager with the default rules. */
  public DefaultGridManager() {
    this(GridRulesConfig.defaults());
  }

  /**
   * Creates a manager with the standard pre-trade checks.
   *
   * @param rules the rules
   */
  public DefaultGridManager(GridRulesConfig rules) {
    this(rules, PreTradeChecks.standard(rules));
  }

  /**
   * Creates a manager with a custom pre-trade chain.
   *
   * @param rules the rules
   * @param checks the pre-trade checks run on every capital-deploying recommendation
   */
  public DefaultGridManager(GridRulesConfig rules, PreTradeChecks checks) {
    this.rules = rules;
    this.checks = checks;
    this.escalation = new EscalationPolicy(rules);
    this.cooldowns = new CooldownRules(rules);
    this.capital = new CapitalAllocator(rules);
    this.proposer = new GridProposer(rules);
  }

  /** {@return the rules} */
  public GridRulesConfig rules() {
    return rules;
  }

  @Override
  public List<Recommendation> recommend(RecommendationContext context) {
    return recommend(
        context,
        new RecommendationInputs.Builder()
            .recentCandles(context.recentCandles())
            .dailyPnl(context.dailyPnl())
            .build());
  }

  /**
   * Recommends with extra inputs: recent candles and daily PnL (overriding the context's) and the
   * stored halt history.
   *
   * @param context what to decide from
   * @param inputs recent candles for the proposal, the day's PnL and the halt history
   * @return one GRID_MANAGE per running grid of the symbol, then at most one GRID_SETUP
   */
  public List<Recommendation> recommend(
      RecommendationContext context, RecommendationInputs inputs) {
    List<Recommendation> out = new ArrayList<>();
    List<GridConfig> running =
        context.grids().stream()
            .filter(g -> g.symbol().equals(context.symbol()) && g.isRunning())
            .collect(Collectors.toList());
    boolean halted = context.halted() || inputs.halt().isHalted();
    for (GridConfig g : running) {
      out.add(manage(context, g, halted));
    }
    boolean room =
        running.isEmpty()
            || (rules.capitalMode() == GridRulesConfig.CapitalMode.MULTI_GRID
                && running.size() < rules.maxGridsPerSymbol());
    if (room) {
      out.add(setup(context, inputs, halted));
    }
    for (Recommendation r : out) {
      LOG.debug(
          "recommendation symbol={} grid={} action={} confidence={} escalation={} auto={}",
          r.symbol(),
          r.gridId().orElse("-"),
          r.action(),
          r.confidence(),
          r.escalation(),
          r.autoExecutable());
    }
    return out;
  }

  private Recommendation manage(RecommendationContext ctx, GridConfig grid, boolean halted) {
    RegimeState regime = ctx.regime();
    RegimeVerdict v = regime.verdict();
    double conf = regime.confidence();
    Optional<ExitAssessment> exit =
        ctx.exits().stream().filter(e -> e.gridId().equals(grid.id())).findFirst();
    ExitState state = exit.map(ExitAssessment::state).orElse(ExitState.NORMAL);
    List<String> reasons = new ArrayList<>();
    if (exit.isPresent()) {
      ExitAssessment e = exit.get();
      reasons.add(
          "exit state "
              + state
              + (e.conditions().isEmpty()
                  ? ""
                  : " (conditions: "
                      + e.conditions().stream()
                          .map(ExitCondition::description)
                          .collect(Collectors.joining(", "))
                      + ")"));
      e.positionRisk()
          .ifPresent(
              p ->
                  reasons.add(
                      "position: inventory "
                          + CapitalAllocator.plain(p.inventory())
                          + " at average "
                          + CapitalAllocator.plain(p.averageEntry())
                          + ", unrealized "
                          + CapitalAllocator.plain(p.unrealizedPnl())
                          + ", realized "
                          + CapitalAllocator.plain(p.realizedProfit())));
    } else {
      reasons.add("no exit assessment for grid " + grid.id() + ": decided from the regime alone");
    }
    reasons.add(
        Numbers.format("regime %s with confidence %.2f (%s band)", v, conf, escalation.band(conf)));
    GridAction action;
    double fraction = rules.reduceFraction();
    switch (state) {
      case MANDATORY_EXIT:
        action = GridAction.STOP_GRID;
        break;
      case LATEST_ACCEPTABLE_EXIT:
        action = v == RegimeVerdict.TREND ? GridAction.STOP_GRID : GridAction.REDUCE;
        break;
      case WARNING:
        if (v == RegimeVerdict.TREND) {
          action = GridAction.REDUCE;
        } else if (v == RegimeVerdict.TRANSITION) {
          action = GridAction.REDUCE;
          fraction = fraction / 2;
        } else {
          action = GridAction.HOLD;
        }
        break;
      default:
        action = v == RegimeVerdict.TREND ? GridAction.REDUCE : GridAction.HOLD;
    }
    reasons.add(
        action
            + " by the GRID_MANAGE table for exit state "
            + state
            + " under "
            + v
            + (action == GridAction.REDUCE
                ? Numbers.format(": remove %.0f %% of the allocation", fraction * 100)
                : ""));
    if (halted) {
      reasons.add("trading is halted: risk-reducing and holding actions remain allowed");
    }
    boolean urgent = state == ExitState.MANDATORY_EXIT;
    boolean auto = escalation.autoExecutable(action, conf);
    if (auto) {
      reasons.add("auto-executable: risk-reducing action in the HIGH confidence band");
    }
    Recommendation.Builder b = new Recommendation.Builder();
    b.type(RecommendationType.GRID_MANAGE)
        .action(action)
        .symbol(ctx.symbol())
        .gridId(grid.id())
        .confidence(conf)
        .addAllReasons(reasons)
        .escalation(escalation.escalation(action, conf, urgent))
        .autoExecutable(auto)
        .expiresAt(cooldowns.expiry(v, ctx.asOf()));
    if (action == GridAction.REDUCE) {
      b.reduceFraction(fraction);
    }
    return b.build();
  }

  private Recommendation setup(
      RecommendationContext ctx, RecommendationInputs inputs, boolean halted) {
    RegimeState regime = ctx.regime();
    RegimeVerdict v = regime.verdict();
    double conf = regime.confidence();
    String gridId = setupGridId(ctx);
    List<String> blockers = new ArrayList<>();
    List<String> info = new ArrayList<>();

    cooldowns
        .active(
            gridId,
            ctx.allGrids().isEmpty() ? ctx.grids() : ctx.allGrids(),
            ctx.recentDecisions(),
            ctx.asOf())
        .ifPresent(c -> blockers.add(c.describe()));
    if (!v.isRange()) {
      blockers.add("verdict " + v + " allows no new grid (only RANGE_OK or RANGE_WEAK do)");
    }
    Optional<GateEvaluation> gates = regime.gates();
    if (gates.isEmpty()) {
      blockers.add("restart gates were not evaluated; a setup needs all three to pass");
    } else {
      for (GateResult g : gates.get().gates()) {
        info.add(
            "gate "
                + g.gate()
                + " "
                + g.status()
                + ": measured "
                + g.measured()
                + " vs thresholds "
                + g.thresholds()
                + (g.reason().isBlank() ? "" : " (" + g.reason() + ")"));
      }
      if (!gates.get().allPassed()) {
        blockers.add(
            "restart gate "
                + gates.get().blockingGate().map(Enum::name).orElse("(incomplete)")
                + " did not pass");
      }
    }
    if (conf < rules.minSetupConfidence()) {
      blockers.add(
          Numbers.format(
              "confidence %.2f is below %.2f: no setup (LOW band)",
              conf, rules.minSetupConfidence()));
    }
    boolean probationary = conf < rules.normalSizingConfidence();
    Optional<Double> price =
        ctx.marketData()
            .map(m -> m.lastPrice().doubleValue())
            .or(
                () ->
                    inputs
                        .recentCandles()
                        .filter(c -> !c.isEmpty())
                        .map(c -> c.close(c.size() - 1)));
    if (price.isEmpty()) {
      blockers.add("no price: neither market data nor recent candles");
    }
    CapitalAvailability cap = null;
    List<GridConfig> all = ctx.allGrids().isEmpty() ? ctx.grids() : ctx.allGrids();
    if (ctx.balance().isEmpty()) {
      blockers.add("account balance unknown: no capital can be committed");
    } else {
      cap = capital.availability(ctx.symbol(), ctx.balance().get(), all);
      info.addAll(cap.reasons());
      if (cap.blocked()) {
        blockers.add("no deployable capital for a new grid");
      }
    }
    GridProposal proposal = null;
    if (blockers.isEmpty()) {
      info.add(
          probationary
              ? Numbers.format(
                  "confidence %.2f in [%.2f, %.2f): probationary grid (%.0f %% allocation, x%.2f"
                      + " spacing)",
                  conf,
                  rules.minSetupConfidence(),
                  rules.normalSizingConfidence(),
                  rules.probationaryAllocationFraction() * 100,
                  rules.probationarySpacingMultiplier())
              : Numbers.format(
                  "confidence %.2f >= %.2f: normal sizing", conf, rules.normalSizingConfidence()));
      proposal =
          proposer.propose(
              gridId,
              ctx.symbol(),
              price.get(),
              inputs.recentCandles(),
              regime,
              cap.maxForNewGrid(),
              probationary,
              ctx.symbolRules(),
              ctx.feeRates());
      info.addAll(proposal.reasons());
      if (proposal.grid().isEmpty()) {
        blockers.add("no grid fits the recent data, the fees and the capital");
      }
    }
    List<String> stale =
        StaleDataGuard.staleReasons(
            ctx.asOf(),
            ctx.newestCandleClose(),
            ctx.marketData(),
            rules.maxDataAge(regime.timeframe()));
    BigDecimal allocation =
        proposal != null && proposal.grid().isPresent()
            ? proposal.grid().get().allocation()
            : BigDecimal.ZERO;
    PreTradeRequest request =
        new PreTradeRequest.Builder()
            .symbol(ctx.symbol())
            .action(GridAction.CREATE_GRID)
            .confidence(conf)
            .allocation(allocation)
            .runningOnSymbol(cap == null ? BigDecimal.ZERO : cap.runningOnSymbol())
            .runningTotal(cap == null ? BigDecimal.ZERO : cap.runningTotal())
            .dailyPnl(inputs.dailyPnl())
            .halted(halted)
            .addAllStaleReasons(stale)
            .build();
    List<String> vetoes = checks.vetoes(request);

    Recommendation.Builder b = new Recommendation.Builder();
    b.type(RecommendationType.GRID_SETUP)
        .symbol(ctx.symbol())
        .gridId(gridId)
        .confidence(conf)
        .expiresAt(cooldowns.expiry(v, ctx.asOf()));
    gates.ifPresent(b::gates);
    if (blockers.isEmpty() && vetoes.isEmpty()) {
      b.action(GridAction.CREATE_GRID)
          .proposedGrid(proposal.grid().get())
          .addReason(
              "CREATE_GRID: range verdict "
                  + v
                  + ", all restart gates passed, no cooldown, capital deployable, no veto")
          .addAllReasons(info)
          .addReason("capital-deploying: needs the operator's approval, never auto-executed")
          .escalation(escalation.escalation(GridAction.CREATE_GRID, conf, false));
    } else {
      b.action(GridAction.WAIT)
          .addAllReasons(blockers)
          .addAllReasons(info)
          .addAllVetoes(vetoes)
          .escalation(escalation.escalation(GridAction.WAIT, conf, false));
      if (blockers.isEmpty()) {
        b.addReason("a CREATE_GRID was vetoed by the pre-trade checks");
      }
    }
    return b.build();
  }

  private String setupGridId(RecommendationContext ctx) {
    Symbol s = ctx.symbol();
    // the stopped grid of the symbol changed last (the first of equals), without a stream: this
    // runs every cycle
    GridConfig lastStopped = null;
    Instant lastAt = null;
    for (GridConfig g : ctx.grids()) {
      if (!g.symbol().equals(s) || g.isRunning()) {
        continue;
      }
      Optional<GridHistoryEntry> change = g.lastChange();
      Instant at = change.isPresent() ? change.get().at() : Instant.EPOCH;
      if (lastStopped == null || at.compareTo(lastAt) > 0) {
        lastStopped = g;
        lastAt = at;
      }
    }
    if (lastStopped != null) {
      return lastStopped.id();
    }
    Set<String> used = new HashSet<>();
    ctx.grids().forEach(g -> used.add(g.id()));
    ctx.allGrids().forEach(g -> used.add(g.id()));
    String prefix =
        s.base().toLowerCase(Locale.ROOT) + "-" + s.quote().toLowerCase(Locale.ROOT) + "-grid-";
    int i = 1;
    while (used.contains(prefix + i)) {
      i++;
    }
    return prefix + i;
  }
}
