package io.github.mmsdk.backtest;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.regime.RegimeVerdict;
import io.github.mmsdk.api.store.DecisionStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the KPIs of docs/kpis.md from a store's records and the 1h price path, over a period and
 * per UTC day, and writes the daily figures to the store ({@code kpis/<YYYY-MM-DD>.yaml}).
 *
 * <p>Ground truth is labelled after the fact from the candles, by the {@link KpiRules}:
 *
 * <ul>
 *   <li>a <em>range breakout</em> (regime side) at the close of candle {@code i} when the prior 72
 *       candles formed a range (high-low width at most 10 % of its midpoint), candle {@code i}
 *       closes outside it, and the close 24 candles later is still outside on the same side; a
 *       later breakout counts only 72 hours after the previous one. A <em>warning</em> is a
 *       decision whose verdict is TRANSITION or TREND; the early-action window (EAW) is the
 *       breakout time minus the earliest warning in the 24 hours before it, "warned" when at least
 *       2 h; the time to detect (TTDR) is the delay to the first TREND verdict, within 48 h;
 *   <li>a <em>grid run</em> is a grid from an ENABLED history entry to the next DISABLED one; an
 *       <em>exit signal</em> is an exit assessment escalating to LATEST_ACCEPTABLE_EXIT or above;
 *   <li>a <em>grid breakout</em> starts at a close more than 1 % beyond a grid bound when the next
 *       24 closes stay beyond that bound; it lasts until a close is back inside the grid;
 *   <li>a <em>stop-loss event</em> is the first candle whose low touches the grid's stop-loss (3 %
 *       below the lower bound when it has none) while it runs or within 72 h after it stopped;
 *   <li>an exit signal is <em>false</em> when neither a grid breakout nor a stop-loss touch follows
 *       within 72 h; a need for an exit is <em>signalled</em> when the run's latest assessment
 *       before it is an exit signal, or one was within the 24 h before it.
 * </ul>
 *
 * <pre>{@code
 * KpiReport r = KpiCalculator.withDefaultRules().report(store, candles, from, to);
 * r.exit().falseExitRate();   // FER
 * }</pre>
 *
 * <p>Stateless and thread-safe; reads no clock (the caller says up to when the data are known).
 */
public final class KpiCalculator {

  private static final Logger LOG = LoggerFactory.getLogger(KpiCalculator.class);
  private static final KpiCalculator DEFAULTS = new KpiCalculator(KpiRules.defaults());

  private final KpiRules rules;

  private KpiCalculator(KpiRules rules) {
    this.rules = rules;
  }

  /**
   * A calculator with given rules.
   *
   * @param rules the labelling rules and thresholds
   * @return the calculator
   */
  public static KpiCalculator withRules(KpiRules rules) {
    return new KpiCalculator(Objects.requireNonNull(rules, "rules"));
  }

  /** {@return a calculator with the default rules} */
  public static KpiCalculator withDefaultRules() {
    return DEFAULTS;
  }

  /** {@return the rules} */
  public KpiRules rules() {
    return rules;
  }

  /**
   * The range breakouts in a period, labelled from the price path with the default rules (see the
   * class comment).
   *
   * @param candles 1h candles reaching 72 h before {@code from} and 24 h after {@code to}
   * @param from first breakout time, inclusive
   * @param to last breakout time, inclusive
   * @return their times (close of the breakout candle), in order
   * @throws InvalidConfigurationException when the candles are not 1h
   */
  public static List<Instant> breakouts(CandleSeries candles, Instant from, Instant to) {
    return DEFAULTS.rangeBreakouts(candles, from, to);
  }

  /**
   * The range breakouts in a period, labelled from the price path with this calculator's rules.
   *
   * @param candles 1h candles
   * @param from first breakout time, inclusive
   * @param to last breakout time, inclusive
   * @return their times (close of the breakout candle), in order
   * @throws InvalidConfigurationException when the candles are not 1h
   */
  public List<Instant> rangeBreakouts(CandleSeries candles, Instant from, Instant to) {
    requireHourly(candles);
    return KpiLabels.rangeBreakouts(rules, candles, from, to);
  }

  /**
   * The verdict timeline of some decisions.
   *
   * @param decisions decisions of one symbol
   * @return each decision time's verdict, in time order
   */
  public static NavigableMap<Instant, RegimeVerdict> verdicts(
      Collection<DecisionRecord> decisions) {
    NavigableMap<Instant, RegimeVerdict> m = new TreeMap<>();
    for (DecisionRecord d : decisions) {
      m.put(d.metadata().observedAt(), d.regime().verdict());
    }
    return m;
  }

  /**
   * The regime-side KPIs over a period, with the default rules.
   *
   * @param candles 1h candles (see {@link #breakouts})
   * @param verdicts the verdict at every decision time
   * @param from first breakout time, inclusive
   * @param to last breakout time, inclusive
   * @return the KPIs
   */
  public static RegimeKpis regimeKpis(
      CandleSeries candles,
      NavigableMap<Instant, RegimeVerdict> verdicts,
      Instant from,
      Instant to) {
    return DEFAULTS.regime(candles, verdicts, from, to);
  }

  /**
   * The regime-side KPIs over a period, with this calculator's rules.
   *
   * @param candles 1h candles
   * @param verdicts the verdict at every decision time
   * @param from first breakout time, inclusive
   * @param to last breakout time, inclusive
   * @return the KPIs
   */
  public RegimeKpis regime(
      CandleSeries candles,
      NavigableMap<Instant, RegimeVerdict> verdicts,
      Instant from,
      Instant to) {
    requireHourly(candles);
    List<KpiLabels.RangeBreakout> events = new ArrayList<>();
    for (Instant b : KpiLabels.rangeBreakouts(rules, candles, from, to)) {
      events.add(KpiLabels.rangeBreakout(rules, verdicts, b));
    }
    return regimeOf(events, t -> true);
  }

  /**
   * The exit-side KPIs of a pair over {@code [from, to)}, from a store's grids and decisions.
   *
   * @param store the store (its grids with their histories, its decisions with exit assessments and
   *     appended actions)
   * @param candles the pair's 1h candles, reaching as far after {@code to} as the rules look ahead
   *     ({@link KpiRules#lookAhead()}); events whose label needs candles past the last one are left
   *     out
   * @param from start, inclusive
   * @param to end, exclusive
   * @return the KPIs
   * @throws InvalidConfigurationException when the candles are not 1h
   */
  public ExitKpis exitKpis(DecisionStore store, CandleSeries candles, Instant from, Instant to) {
    return report(store, candles, from, to).exit();
  }

  /**
   * Every KPI of a pair over {@code [from, to)}.
   *
   * @param store the store
   * @param candles the pair's 1h candles (see {@link #exitKpis})
   * @param from start, inclusive
   * @param to end, exclusive
   * @return the report
   * @throws InvalidConfigurationException when the candles are not 1h
   */
  public KpiReport report(DecisionStore store, CandleSeries candles, Instant from, Instant to) {
    KpiLabels labels = label(store, candles, from, to);
    return aggregate(labels, candles.symbol(), from, to);
  }

  /**
   * Every KPI of a pair per UTC day, each day counting the events anchored in it.
   *
   * @param store the store
   * @param candles the pair's 1h candles
   * @param first the first day
   * @param last the last day, inclusive
   * @return the report of every day, in order
   * @throws InvalidConfigurationException when the candles are not 1h
   */
  public SortedMap<LocalDate, KpiReport> daily(
      DecisionStore store, CandleSeries candles, LocalDate first, LocalDate last) {
    SortedMap<LocalDate, KpiReport> out = new TreeMap<>();
    if (last.isBefore(first)) {
      return out;
    }
    KpiLabels labels = label(store, candles, startOf(first), startOf(last.plusDays(1)));
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      out.put(d, aggregate(labels, candles.symbol(), startOf(d), startOf(d.plusDays(1))));
    }
    return out;
  }

  /**
   * The last UTC day whose figures are final: every label of its events is known from candles
   * closed by {@code asOf}, i.e. its end plus {@link KpiRules#lookAhead()} is at or before both
   * {@code asOf} and the last candle's close.
   *
   * @param candles 1h candles
   * @param asOf the time the figures are computed
   * @return the day, empty when none
   */
  public Optional<LocalDate> lastCompleteDay(CandleSeries candles, Instant asOf) {
    if (candles.isEmpty()) {
      return Optional.empty();
    }
    Instant known = Instant.ofEpochMilli(candles.closeTimeMillis(candles.size() - 1));
    if (asOf.isBefore(known)) {
      known = asOf;
    }
    LocalDate d = known.minus(rules.lookAhead()).atOffset(ZoneOffset.UTC).toLocalDate();
    return Optional.of(d.minusDays(1));
  }

  /**
   * Writes the daily figures of every complete day from {@code first} on (seed "KPI Calculation
   * Frequency"), one {@link DecisionStore#writeKpis} per day holding every pair's figures as {@code
   * <SYMBOL>.<figure>}; days already stored are skipped, so a re-run writes nothing new. A day is
   * complete when every pair's {@link #lastCompleteDay} reaches it.
   *
   * @param store the store to read and write
   * @param candles each pair's 1h candles
   * @param first the first day to write
   * @param asOf the time the figures are computed
   * @return the days written, in order
   * @throws InvalidConfigurationException when a series is not 1h
   */
  public List<LocalDate> writeDailyKpis(
      DecisionStore store, Collection<CandleSeries> candles, LocalDate first, Instant asOf) {
    Optional<LocalDate> last = Optional.empty();
    for (CandleSeries c : candles) {
      Optional<LocalDate> d = lastCompleteDay(c, asOf);
      if (d.isEmpty()) {
        return List.of();
      }
      last = last.isEmpty() || d.get().isBefore(last.get()) ? d : last;
    }
    List<LocalDate> todo = new ArrayList<>();
    for (LocalDate d = first; last.isPresent() && !d.isAfter(last.get()); d = d.plusDays(1)) {
      if (store.kpis(d).isEmpty()) {
        todo.add(d);
      }
    }
    if (todo.isEmpty()) {
      return List.of();
    }
    Map<LocalDate, Map<String, Double>> figures = new TreeMap<>();
    for (CandleSeries c : candles) {
      SortedMap<LocalDate, KpiReport> days =
          daily(store, c, todo.get(0), todo.get(todo.size() - 1));
      for (LocalDate d : todo) {
        Map<String, Double> m = figures.computeIfAbsent(d, k -> new LinkedHashMap<>());
        days.get(d).figures().forEach((k, v) -> m.put(c.symbol() + "." + k, v));
      }
    }
    for (Map.Entry<LocalDate, Map<String, Double>> e : figures.entrySet()) {
      store.writeKpis(e.getKey(), e.getValue());
    }
    LOG.info(
        "daily kpis written days={} first={} last={}",
        todo.size(),
        todo.get(0),
        todo.get(todo.size() - 1));
    return Collections.unmodifiableList(todo);
  }

  private KpiLabels label(DecisionStore store, CandleSeries candles, Instant from, Instant to) {
    requireHourly(candles);
    Symbol symbol = candles.symbol();
    List<KpiLabels.Run> runs = KpiLabels.runs(store.grids(), symbol);
    Instant first = from.minus(rules.warningLookback()).minus(rules.signalLookback());
    for (KpiLabels.Run r : runs) {
      boolean relevant =
          r.start().isBefore(to)
              && r.stop().map(e -> !e.plus(rules.lookAhead()).isBefore(from)).orElse(true);
      if (relevant && r.start().isBefore(first)) {
        first = r.start();
      }
    }
    Instant last = to.plus(rules.lookAhead()).plusSeconds(1);
    List<DecisionRecord> decisions = store.decisions(symbol, first, last);
    return KpiLabels.label(rules, candles, runs, decisions, from, to);
  }

  private KpiReport aggregate(KpiLabels l, Symbol symbol, Instant from, Instant to) {
    Predicate<Instant> in = t -> !t.isBefore(from) && t.isBefore(to);
    ExitKpis.Builder b = new ExitKpis.Builder();
    b.gridRuns((int) l.runStarts.stream().filter(in).count());
    int signals = 0;
    int falseExits = 0;
    int answered = 0;
    int unanswered = 0;
    List<Duration> responses = new ArrayList<>();
    for (KpiLabels.ExitSignal s : l.exitSignals) {
      if (!in.test(s.at())) {
        continue;
      }
      if (s.labelled()) {
        signals++;
        falseExits += s.falseExit() ? 1 : 0;
      }
      if (s.response().isPresent()) {
        answered++;
        responses.add(s.response().get());
      } else {
        unanswered++;
      }
    }
    b.exitSignals(signals).falseExits(falseExits);
    b.exitsAnswered(answered).exitsUnanswered(unanswered);
    b.medianResponseTime(median(responses));
    b.maxResponseTime(responses.stream().max(Duration::compareTo));
    int exposed = 0;
    int avoided = 0;
    int slMissed = 0;
    for (KpiLabels.StopLossEvent e : l.stopLossEvents) {
      if (in.test(e.at())) {
        exposed++;
        avoided += e.avoided() ? 1 : 0;
        slMissed += e.whileRunning() && !e.avoided() ? 1 : 0;
      }
    }
    b.stopLossEvents(exposed).stopLossesAvoided(avoided).stopLossesMissed(slMissed);
    b.missedExits((int) l.missedExits.stream().map(KpiLabels.MissedExit::at).filter(in).count());
    int breakouts = 0;
    int boMissed = 0;
    List<Duration> leads = new ArrayList<>();
    for (KpiLabels.GridBreakout g : l.gridBreakouts) {
      if (in.test(g.at())) {
        breakouts++;
        boMissed += g.signalled() ? 0 : 1;
        g.lead().filter(d -> d.compareTo(rules.warningLead()) >= 0).ifPresent(leads::add);
      }
    }
    b.gridBreakouts(breakouts).gridBreakoutsWarned(leads.size()).gridBreakoutsMissed(boMissed);
    b.medianWarningLead(median(leads));
    int stopped = 0;
    int profitable = 0;
    double retained = 0;
    double peak = 0;
    for (KpiLabels.StoppedRun r : l.stoppedRuns) {
      if (in.test(r.at())) {
        stopped++;
        if (r.peakPct() > 0) {
          profitable++;
          retained += r.pnlPct();
          peak += r.peakPct();
        }
      }
    }
    b.stoppedRuns(stopped).profitableRuns(profitable).retainedPnlPct(retained).peakPnlPct(peak);
    int restarts = 0;
    int retriggered = 0;
    for (KpiLabels.Restart r : l.restarts) {
      if (in.test(r.at())) {
        restarts++;
        retriggered += r.retriggered() ? 1 : 0;
      }
    }
    b.restarts(restarts).retriggeredRestarts(retriggered);
    return new KpiReport.Builder()
        .symbol(symbol)
        .periodStart(from)
        .periodEnd(to)
        .regime(regimeOf(l.rangeBreakouts, in))
        .exit(b.build())
        .build();
  }

  private RegimeKpis regimeOf(List<KpiLabels.RangeBreakout> events, Predicate<Instant> in) {
    List<Duration> windows = new ArrayList<>();
    List<Duration> detections = new ArrayList<>();
    int count = 0;
    for (KpiLabels.RangeBreakout e : events) {
      if (!in.test(e.at())) {
        continue;
      }
      count++;
      e.window().filter(w -> w.compareTo(rules.warningLead()) >= 0).ifPresent(windows::add);
      e.detection().ifPresent(detections::add);
    }
    return new RegimeKpis.Builder()
        .breakouts(count)
        .warnedTwoHoursAhead(windows.size())
        .detected(detections.size())
        .medianWarningWindow(median(windows))
        .medianTimeToDetect(median(detections))
        .build();
  }

  private static Instant startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static void requireHourly(CandleSeries candles) {
    if (candles.timeframe() != Timeframe.H1) {
      throw new InvalidConfigurationException("kpi.candles", "1h candles are required");
    }
  }

  private static <T extends Comparable<T>> Optional<T> median(List<T> values) {
    if (values.isEmpty()) {
      return Optional.empty();
    }
    List<T> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return Optional.of(sorted.get(sorted.size() / 2));
  }
}
