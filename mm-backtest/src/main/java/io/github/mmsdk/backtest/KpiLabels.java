package io.github.mmsdk.backtest;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.decision.ActionRecord;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.GridAction;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.exit.ExitAssessment;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.api.regime.RegimeVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The labelled events behind every KPI of one pair, each with its anchor time: computed once from
 * the records and the price path, then counted per period (a day, in sample, out of sample).
 */
final class KpiLabels {

  /** A grid run: a grid from an ENABLED entry to the next DISABLED one (if any). */
  record Run(GridConfig grid, Instant start, Optional<Instant> stop) {}

  /** A range breakout with its warning window and time to detect, when found. */
  record RangeBreakout(Instant at, Optional<Duration> window, Optional<Duration> detection) {}

  /** An escalation to the exit-signal state; its FER label and its response, when known. */
  record ExitSignal(
      String gridId,
      Instant at,
      boolean labelled,
      boolean falseExit,
      Optional<Duration> response) {}

  /** A run exposed to its stop-loss, at the open of the touching candle. */
  record StopLossEvent(String gridId, Instant at, boolean avoided, boolean whileRunning) {}

  /** A grid breakout while the grid ran, with the lead of its warning, when warned. */
  record GridBreakout(String gridId, Instant at, Optional<Duration> lead, boolean signalled) {}

  /** A run that needed an exit and got none, at the first such event. */
  record MissedExit(String gridId, Instant at) {}

  /** A stopped run: modelled PnL at the stop and at its best close, in percent of allocation. */
  record StoppedRun(String gridId, Instant at, double pnlPct, double peakPct) {}

  /** A run started after an earlier run of the pair stopped, and whether an exit fired again. */
  record Restart(String gridId, Instant at, boolean retriggered) {}

  final List<Instant> runStarts = new ArrayList<>();
  final List<RangeBreakout> rangeBreakouts = new ArrayList<>();
  final List<ExitSignal> exitSignals = new ArrayList<>();
  final List<StopLossEvent> stopLossEvents = new ArrayList<>();
  final List<GridBreakout> gridBreakouts = new ArrayList<>();
  final List<MissedExit> missedExits = new ArrayList<>();
  final List<StoppedRun> stoppedRuns = new ArrayList<>();
  final List<Restart> restarts = new ArrayList<>();

  private final KpiRules rules;
  private final CandleSeries candles;
  private final long end;
  private final int hold;

  private KpiLabels(KpiRules rules, CandleSeries candles) {
    this.rules = rules;
    this.candles = candles;
    this.end = candles.isEmpty() ? Long.MIN_VALUE : candles.closeTimeMillis(candles.size() - 1);
    this.hold = (int) rules.breakoutHold().toHours();
  }

  /**
   * Labels every event of a pair anchored in {@code [from, to)}.
   *
   * @param rules the rules
   * @param candles the pair's 1h candles, as far after {@code to} as the rules look ahead
   * @param runs the pair's grid runs, every one (restarts need the earlier ones)
   * @param decisions the pair's decisions covering the runs and the period
   * @param from start, inclusive
   * @param to end, exclusive
   * @return the events
   */
  static KpiLabels label(
      KpiRules rules,
      CandleSeries candles,
      List<Run> runs,
      Collection<DecisionRecord> decisions,
      Instant from,
      Instant to) {
    KpiLabels l = new KpiLabels(rules, candles);
    Map<String, NavigableMap<Instant, ExitAssessment>> exits = new HashMap<>();
    Map<String, TreeSet<Instant>> executed = new HashMap<>();
    NavigableMap<Instant, RegimeVerdict> verdicts = new TreeMap<>();
    for (DecisionRecord d : decisions) {
      verdicts.put(d.metadata().observedAt(), d.regime().verdict());
      for (ExitAssessment e : d.exits()) {
        exits.computeIfAbsent(e.gridId(), k -> new TreeMap<>()).put(e.asOf(), e);
      }
      for (Recommendation r : d.recommendations()) {
        boolean exitAction = r.action() == GridAction.STOP_GRID || r.action() == GridAction.REDUCE;
        if (exitAction && r.gridId().isPresent()) {
          for (ActionRecord a : d.actions()) {
            if (a.kind() == ActionRecord.Kind.EXECUTED) {
              executed.computeIfAbsent(r.gridId().get(), k -> new TreeSet<>()).add(a.at());
            }
          }
        }
      }
    }
    l.labelRangeBreakouts(verdicts, from, to);
    Predicate<Instant> in = t -> !t.isBefore(from) && t.isBefore(to);
    for (Run run : runs) {
      NavigableMap<Instant, ExitAssessment> all =
          exits.getOrDefault(run.grid().id(), Collections.emptyNavigableMap());
      NavigableMap<Instant, ExitAssessment> mine =
          new TreeMap<>(all.subMap(run.start(), true, run.stop().orElse(Instant.MAX), true));
      l.labelRun(run, runs, mine, executed.getOrDefault(run.grid().id(), new TreeSet<>()), in);
    }
    return l;
  }

  /**
   * The grid runs of a pair, from every grid's history.
   *
   * @param grids the store's grids
   * @param symbol the pair
   * @return the runs, by start time
   */
  static List<Run> runs(Collection<GridConfig> grids, Symbol symbol) {
    List<Run> out = new ArrayList<>();
    for (GridConfig g : grids) {
      if (!g.symbol().equals(symbol)) {
        continue;
      }
      Instant start = null;
      for (GridHistoryEntry h : g.history()) {
        if (h.event() == GridHistoryEntry.Event.ENABLED && start == null) {
          start = h.at();
        } else if (h.event() == GridHistoryEntry.Event.DISABLED && start != null) {
          out.add(new Run(g, start, Optional.of(h.at())));
          start = null;
        }
      }
      if (start != null) {
        out.add(new Run(g, start, Optional.empty()));
      }
    }
    out.sort((a, b) -> a.start().compareTo(b.start()));
    return out;
  }

  // ---- regime side ----

  private void labelRangeBreakouts(
      NavigableMap<Instant, RegimeVerdict> verdicts, Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return;
    }
    for (Instant b : rangeBreakouts(rules, candles, from, to.minusMillis(1))) {
      rangeBreakouts.add(rangeBreakout(rules, verdicts, b));
    }
  }

  /**
   * A range breakout's warning window (from the earliest TRANSITION or TREND verdict in the
   * look-back) and time to detect (to the first TREND verdict within the detection limit).
   */
  static RangeBreakout rangeBreakout(
      KpiRules rules, NavigableMap<Instant, RegimeVerdict> verdicts, Instant b) {
    Optional<Duration> window = Optional.empty();
    for (Map.Entry<Instant, RegimeVerdict> e :
        verdicts.subMap(b.minus(rules.warningLookback()), true, b, true).entrySet()) {
      if (e.getValue() == RegimeVerdict.TRANSITION || e.getValue() == RegimeVerdict.TREND) {
        window = Optional.of(Duration.between(e.getKey(), b));
        break;
      }
    }
    Optional<Duration> detection = Optional.empty();
    for (Map.Entry<Instant, RegimeVerdict> e :
        verdicts.subMap(b, true, b.plus(rules.detectWithin()), true).entrySet()) {
      if (e.getValue() == RegimeVerdict.TREND) {
        detection = Optional.of(Duration.between(b, e.getKey()));
        break;
      }
    }
    return new RangeBreakout(b, window, detection);
  }

  /**
   * Range breakouts with their times in {@code [from, to]} (see {@link KpiCalculator}).
   *
   * @return the close times of the breakout candles
   */
  static List<Instant> rangeBreakouts(
      KpiRules rules, CandleSeries candles, Instant from, Instant to) {
    int range = rules.rangeHours();
    int confirm = (int) rules.rangeBreakoutHold().toHours();
    long gap = Duration.ofHours(range).toMillis();
    List<Instant> out = new ArrayList<>();
    long next = Long.MIN_VALUE;
    for (int i = range; i + confirm < candles.size(); i++) {
      long t = candles.closeTimeMillis(i);
      if (t < from.toEpochMilli() || t > to.toEpochMilli() || t < next) {
        continue;
      }
      double hi = Double.NEGATIVE_INFINITY;
      double lo = Double.POSITIVE_INFINITY;
      for (int j = i - range; j < i; j++) {
        hi = Math.max(hi, candles.high(j));
        lo = Math.min(lo, candles.low(j));
      }
      if ((hi - lo) / ((hi + lo) / 2) > rules.maxRangeWidth()) {
        continue;
      }
      double c = candles.close(i);
      double later = candles.close(i + confirm);
      if ((c > hi && later > hi) || (c < lo && later < lo)) {
        out.add(Instant.ofEpochMilli(t));
        next = t + gap;
      }
    }
    return out;
  }

  // ---- exit side ----

  private void labelRun(
      Run run,
      List<Run> runs,
      NavigableMap<Instant, ExitAssessment> exits,
      TreeSet<Instant> executed,
      Predicate<Instant> in) {
    GridConfig g = run.grid();
    String id = g.id();
    Instant s = run.start();
    double lower = g.lowerPrice().doubleValue();
    double upper = g.upperPrice().doubleValue();
    double stopLoss =
        g.stopLossPrice()
            .map(p -> p.doubleValue())
            .orElse(lower * (1 - rules.defaultStopDistancePct() / 100));
    if (in.test(s)) {
      runStarts.add(s);
    }
    // restarts and retriggers
    boolean restart =
        runs.stream().anyMatch(o -> o != run && o.stop().isPresent() && !o.stop().get().isAfter(s));
    Instant restartEnd = s.plus(rules.restartWindow());
    if (restart && in.test(s) && restartEnd.toEpochMilli() <= end) {
      boolean again =
          exits.subMap(s, true, restartEnd, true).values().stream().anyMatch(this::isSignal);
      restarts.add(new Restart(id, s, again));
    }
    // exit signals: FER and ERT
    for (ExitAssessment a : exits.values()) {
      if (!isSignal(a) || a.previous().compareTo(rules.exitSignalState()) >= 0) {
        continue;
      }
      Instant x = a.asOf();
      if (!in.test(x)) {
        continue;
      }
      Instant windowEnd = x.plus(rules.falseExitWindow());
      int first = firstClosedAfter(x.minusMillis(1));
      int last = lastClosedBy(windowEnd);
      boolean labelled = windowEnd.toEpochMilli() <= end && last + hold < candles.size();
      boolean justified = false;
      for (int i = first; labelled && i <= last && !justified; i++) {
        justified = candles.low(i) <= stopLoss || sustainedOut(i, lower, upper) != 0;
      }
      Optional<Instant> answer = run.stop();
      Instant action = executed.ceiling(x);
      if (action != null && (answer.isEmpty() || action.isBefore(answer.get()))) {
        answer = Optional.of(action);
      }
      exitSignals.add(
          new ExitSignal(
              id, x, labelled, labelled && !justified, answer.map(r -> Duration.between(x, r))));
    }
    // stop-loss exposure: the first touch while running or within the horizon after the stop
    Optional<Instant> missed = Optional.empty();
    long limit = run.stop().map(e -> e.plus(rules.stopLossHorizon()).toEpochMilli()).orElse(end);
    int firstAfterStart = firstClosedAfter(s);
    for (int i = firstAfterStart; i < candles.size() && candles.closeTimeMillis(i) <= limit; i++) {
      if (candles.low(i) <= stopLoss) {
        Instant tau = candles.openTime(i);
        boolean running = run.stop().isEmpty() || tau.isBefore(run.stop().get());
        boolean avoided = signalled(exits, tau);
        if (in.test(tau)) {
          stopLossEvents.add(new StopLossEvent(id, tau, avoided, running));
        }
        if (running && !avoided) {
          missed = Optional.of(tau);
        }
        break;
      }
    }
    // grid breakouts while running: EAW of exits and missed exits
    long runningUntil = run.stop().map(Instant::toEpochMilli).orElse(end);
    boolean episode = false;
    for (int i = firstAfterStart;
        i < candles.size() && candles.closeTimeMillis(i) <= runningUntil;
        i++) {
      double c = candles.close(i);
      if (episode) {
        episode = c > upper || c < lower;
        continue;
      }
      if (i + hold >= candles.size()) {
        break;
      }
      if (sustainedOut(i, lower, upper) == 0) {
        continue;
      }
      episode = true;
      Instant b = Instant.ofEpochMilli(candles.closeTimeMillis(i));
      Optional<Duration> lead = Optional.empty();
      for (ExitAssessment a :
          exits.subMap(b.minus(rules.warningLookback()), true, b, false).values()) {
        if (a.state().compareTo(rules.warningState()) >= 0) {
          lead = Optional.of(Duration.between(a.asOf(), b));
          break;
        }
      }
      boolean signalled = signalled(exits, b.plus(rules.breakoutHold()));
      if (in.test(b)) {
        gridBreakouts.add(new GridBreakout(id, b, lead, signalled));
      }
      if (!signalled && (missed.isEmpty() || b.isBefore(missed.get()))) {
        missed = Optional.of(b);
      }
    }
    missed.filter(in).ifPresent(t -> missedExits.add(new MissedExit(id, t)));
    // profit retention of a stopped run
    if (run.stop().isPresent() && in.test(run.stop().get())) {
      int k = lastClosedBy(s);
      int last = lastClosedBy(run.stop().get());
      if (k >= 0 && last >= k) {
        double[] pnl =
            KpiGridModel.pnlPct(
                g, rules.feeRate(), candles.close(k), candles.slice(k + 1, last + 1));
        double peak = Double.NEGATIVE_INFINITY;
        for (double p : pnl) {
          peak = Math.max(peak, p);
        }
        stoppedRuns.add(new StoppedRun(id, run.stop().get(), pnl[pnl.length - 1], peak));
      }
    }
  }

  private boolean isSignal(ExitAssessment a) {
    return a.state().compareTo(rules.exitSignalState()) >= 0;
  }

  /**
   * Whether the run's exit was signalled for an event at {@code t}: its latest assessment at or
   * before {@code t} is an exit signal (in force, or the signal the run was stopped on), or one of
   * its assessments in the look-back before {@code t} was.
   */
  private boolean signalled(NavigableMap<Instant, ExitAssessment> exits, Instant t) {
    Map.Entry<Instant, ExitAssessment> latest = exits.floorEntry(t);
    if (latest != null && isSignal(latest.getValue())) {
      return true;
    }
    return exits.subMap(t.minus(rules.signalLookback()), true, t, true).values().stream()
        .anyMatch(this::isSignal);
  }

  /**
   * Whether candle {@code i} starts a sustained move out of {@code [lower, upper]}: its close lies
   * beyond a bound by the margin and the next {@code hold} closes stay beyond that bound.
   *
   * @return +1 above, -1 below, 0 neither (or not enough candles to tell)
   */
  private int sustainedOut(int i, double lower, double upper) {
    if (i + hold >= candles.size()) {
      return 0;
    }
    double m = rules.breakoutMarginPct() / 100;
    double c = candles.close(i);
    int side = c > upper * (1 + m) ? 1 : c < lower * (1 - m) ? -1 : 0;
    for (int k = 1; side != 0 && k <= hold; k++) {
      double ck = candles.close(i + k);
      if (side > 0 ? ck <= upper : ck >= lower) {
        side = 0;
      }
    }
    return side;
  }

  /** Index of the first candle closing after {@code t}. */
  private int firstClosedAfter(Instant t) {
    return candles.upTo(t).size();
  }

  /** Index of the last candle closed at or before {@code t}; -1 when none. */
  private int lastClosedBy(Instant t) {
    return candles.upTo(t).size() - 1;
  }
}
