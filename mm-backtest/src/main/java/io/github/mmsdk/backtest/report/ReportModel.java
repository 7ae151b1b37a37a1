package io.github.mmsdk.backtest.report;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.EvaluationHorizon;
import io.github.mmsdk.api.decision.EvaluationRecord;
import io.github.mmsdk.api.decision.GridAction;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.exit.ExitAssessment;
import io.github.mmsdk.api.exit.ExitCondition;
import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.api.regime.MetricId;
import io.github.mmsdk.api.regime.MetricVote;
import io.github.mmsdk.api.regime.RegimeState;
import io.github.mmsdk.api.regime.RegimeVerdict;
import io.github.mmsdk.api.store.MetricsSnapshot;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the page shows, derived from the candles and the records: the (downsampled) price and
 * timeline columns, the colored bands, the recommendation markers and the rows of every table.
 */
final class ReportModel {

  static final MetricId[] METRICS = MetricId.values();
  static final long HOUR = 3600;
  private static final long AFTER_24H = Duration.ofHours(24).toSeconds();
  private static final long AFTER_72H = Duration.ofHours(72).toSeconds();

  final String title;
  final Symbol symbol;
  final Instant from;
  final Instant to;
  final List<KpiRow> kpis;
  final int candlesInRange;
  final int decisionCount;
  final int snapshotCount;
  final int bucket;

  /** Price columns, one entry per (aggregated) candle; x is the close time in epoch seconds. */
  final Columns price;

  /** Timeline columns, one entry per (aggregated) decision time. */
  final Columns timeline;

  final List<long[]> verdictBands;
  final List<long[]> exitBands;
  final List<List<long[]>> voteBands;
  final List<Marker> markers;
  final List<Run> runs;
  final List<Escalation> escalations;
  final Map<GridAction, Map<EvaluationHorizon, Tally>> grades;
  final Map<EvaluationHorizon, Tally> gradesAll;
  final Map<RegimeVerdict, Long> verdictHours;
  final Map<ExitState, Long> exitHours;
  final List<GridConfig> grids;

  /** Numeric columns of one x axis; NaN stands for "no value". */
  static final class Columns {
    final int size;
    final long[] t;
    final long[] start;
    final double[][] values;

    Columns(int size, int width) {
      this.size = size;
      this.t = new long[size];
      this.start = new long[size];
      this.values = new double[width][size];
      for (double[] v : values) {
        Arrays.fill(v, Double.NaN);
      }
    }
  }

  /** Price columns. */
  static final int CLOSE = 0;

  static final int HIGH = 1;
  static final int LOW = 2;
  static final int GRID_LOWER = 3;
  static final int GRID_UPPER = 4;

  /** Timeline columns: verdict ordinal, confidence, exit ordinal (-1: no grid), metrics, votes. */
  static final int VERDICT = 0;

  static final int CONFIDENCE = 1;
  static final int EXIT = 2;
  static final int METRIC0 = 3;
  static final int VOTE0 = METRIC0 + METRICS.length;

  /** A recommendation marker on the price chart. */
  record Marker(
      long t, double price, GridAction action, Optional<EvaluationRecord.Outcome> grade) {}

  /** A run of consecutive decisions recommending the same risk-changing action. */
  record Run(
      DecisionRecord first,
      Recommendation rec,
      double price,
      int count,
      Instant last,
      Map<EvaluationHorizon, EvaluationRecord> grades) {}

  /** An exit state that rose, with what the price did next. */
  record Escalation(
      ExitAssessment assessment,
      double price,
      double change24h,
      double change72h,
      Optional<GridConfig> grid,
      Optional<String> broken) {}

  /** Counts of outcomes and the summed economic impact. */
  static final class Tally {
    long correct;
    long incorrect;
    long neutral;
    BigDecimal impact = BigDecimal.ZERO;

    void add(EvaluationRecord e) {
      switch (e.outcome()) {
        case CORRECT -> correct++;
        case INCORRECT -> incorrect++;
        case NEUTRAL -> neutral++;
      }
      impact = impact.add(e.economicImpactUsd());
    }

    long total() {
      return correct + incorrect + neutral;
    }

    /** The share of correct grades among the decided ones (neutral left out); NaN without any. */
    double hitRate() {
      long decided = correct + incorrect;
      return decided == 0 ? Double.NaN : (double) correct / decided;
    }
  }

  private record Point(long t, RegimeState regime, List<ExitAssessment> exits) {}

  private record Interval(long start, long end, GridConfig grid) {}

  ReportModel(
      String title,
      CandleSeries candles,
      Instant from,
      Instant to,
      List<MetricsSnapshot> snapshots,
      List<DecisionRecord> decisions,
      List<GridConfig> allGrids,
      List<KpiRow> kpis,
      int maxPoints) {
    this.title = title;
    this.symbol = candles.symbol();
    this.from = from;
    this.to = to;
    this.kpis = List.copyOf(kpis);
    this.decisionCount = decisions.size();
    this.snapshotCount = snapshots.size();
    this.grids =
        allGrids.stream()
            .filter(g -> g.symbol().equals(symbol))
            .sorted(Comparator.comparing(GridConfig::id))
            .toList();
    List<Interval> intervals = intervals(grids);

    int a = firstClosingAtOrAfter(candles, from.getEpochSecond());
    int b = firstClosingAtOrAfter(candles, to.getEpochSecond() + 1);
    this.candlesInRange = Math.max(0, b - a);
    List<Point> points = points(snapshots, decisions);
    int longest = Math.max(candlesInRange, points.size());
    this.bucket = Math.max(1, (longest + maxPoints - 1) / maxPoints);
    this.price = priceColumns(candles, a, b, intervals, bucket);
    this.timeline = timelineColumns(points, bucket);
    long step = step(points);
    this.verdictBands = bands(timeline, VERDICT, step, 0);
    this.exitBands = bands(timeline, EXIT, step, 1);
    List<List<long[]>> votes = new ArrayList<>();
    for (int m = 0; m < METRICS.length; m++) {
      votes.add(bands(timeline, VOTE0 + m, step, 0));
    }
    this.voteBands = List.copyOf(votes);
    this.verdictHours = new EnumMap<>(RegimeVerdict.class);
    this.exitHours = new EnumMap<>(ExitState.class);
    for (int i = 0; i < points.size(); i++) {
      long end = i + 1 < points.size() ? points.get(i + 1).t() : points.get(i).t() + step;
      long hours = Math.max(0, end - points.get(i).t());
      verdictHours.merge(points.get(i).regime().verdict(), hours, Long::sum);
      worst(points.get(i).exits()).ifPresent(s -> exitHours.merge(s, hours, Long::sum));
    }
    this.markers = new ArrayList<>();
    this.runs = runs(decisions, candles, markers);
    this.escalations = escalations(points, candles, grids);
    this.grades = new EnumMap<>(GridAction.class);
    this.gradesAll = new EnumMap<>(EvaluationHorizon.class);
    for (DecisionRecord d : decisions) {
      if (d.recommendations().isEmpty()) {
        continue;
      }
      GridAction action = d.recommendations().get(0).action();
      for (EvaluationRecord e : d.evaluations()) {
        grades
            .computeIfAbsent(action, x -> new EnumMap<>(EvaluationHorizon.class))
            .computeIfAbsent(e.horizon(), x -> new Tally())
            .add(e);
        gradesAll.computeIfAbsent(e.horizon(), x -> new Tally()).add(e);
      }
    }
  }

  /** Index of the first candle whose close time is at or after {@code epochSecond}. */
  private static int firstClosingAtOrAfter(CandleSeries c, long epochSecond) {
    int lo = 0;
    int hi = c.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (c.closeTimeMillis(mid) / 1000 < epochSecond) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The close of the candle closing at {@code t}, else of the last one closing before it. */
  static double closeAt(CandleSeries c, long t) {
    int i = firstClosingAtOrAfter(c, t + 1) - 1;
    return i < 0 ? Double.NaN : c.close(i);
  }

  /** The close of the candle closing exactly at {@code t}; NaN when there is none. */
  private static double closeExactly(CandleSeries c, long t) {
    int i = c.indexOf(t * 1000 - c.timeframe().millis());
    return i < 0 ? Double.NaN : c.close(i);
  }

  private static List<Point> points(List<MetricsSnapshot> snapshots, List<DecisionRecord> ds) {
    TreeMap<Long, Point> byTime = new TreeMap<>();
    for (MetricsSnapshot s : snapshots) {
      long t = s.metadata().observedAt().getEpochSecond();
      byTime.putIfAbsent(t, new Point(t, s.regime(), s.exits()));
    }
    for (DecisionRecord d : ds) {
      long t = d.metadata().observedAt().getEpochSecond();
      byTime.putIfAbsent(t, new Point(t, d.regime(), d.exits()));
    }
    return List.copyOf(byTime.values());
  }

  private static long step(List<Point> points) {
    long best = Long.MAX_VALUE;
    for (int i = 1; i < points.size(); i++) {
      best = Math.min(best, points.get(i).t() - points.get(i - 1).t());
    }
    return best == Long.MAX_VALUE || best <= 0 ? HOUR : best;
  }

  private static Optional<ExitState> worst(List<ExitAssessment> exits) {
    return exits.stream().map(ExitAssessment::state).max(Comparator.naturalOrder());
  }

  private static List<Interval> intervals(List<GridConfig> grids) {
    List<Interval> out = new ArrayList<>();
    for (GridConfig g : grids) {
      long start = Long.MIN_VALUE;
      for (GridHistoryEntry e : g.history()) {
        long t = e.at().getEpochSecond();
        if (e.event() == GridHistoryEntry.Event.ENABLED) {
          if (start == Long.MIN_VALUE) {
            start = t;
          }
        } else if (start != Long.MIN_VALUE) {
          out.add(new Interval(start, t, g));
          start = Long.MIN_VALUE;
        }
      }
      if (start != Long.MIN_VALUE) {
        out.add(new Interval(start, Long.MAX_VALUE, g));
      }
    }
    out.sort(Comparator.comparingLong(Interval::start).thenComparing(i -> i.grid().id()));
    return out;
  }

  /** The grid running at {@code t}: of those running, the one started last. */
  private static Optional<GridConfig> runningAt(List<Interval> intervals, long t) {
    GridConfig found = null;
    for (Interval i : intervals) {
      if (i.start() > t) {
        break;
      }
      if (t < i.end()) {
        found = i.grid();
      }
    }
    return Optional.ofNullable(found);
  }

  private static Columns priceColumns(
      CandleSeries c, int a, int b, List<Interval> intervals, int bucket) {
    int n = Math.max(0, b - a);
    Columns cols = new Columns((n + bucket - 1) / bucket, 5);
    for (int k = 0; k < cols.size; k++) {
      int first = a + k * bucket;
      int last = Math.min(b, first + bucket) - 1;
      double hi = Double.NEGATIVE_INFINITY;
      double lo = Double.POSITIVE_INFINITY;
      for (int i = first; i <= last; i++) {
        hi = Math.max(hi, c.high(i));
        lo = Math.min(lo, c.low(i));
      }
      long t = c.closeTimeMillis(last) / 1000;
      cols.t[k] = t;
      cols.start[k] = c.closeTimeMillis(first) / 1000;
      cols.values[CLOSE][k] = c.close(last);
      cols.values[HIGH][k] = hi;
      cols.values[LOW][k] = lo;
      Optional<GridConfig> g = runningAt(intervals, t);
      if (g.isPresent()) {
        cols.values[GRID_LOWER][k] = g.get().lowerPrice().doubleValue();
        cols.values[GRID_UPPER][k] = g.get().upperPrice().doubleValue();
      }
    }
    return cols;
  }

  private static Columns timelineColumns(List<Point> points, int bucket) {
    int n = points.size();
    Columns cols = new Columns((n + bucket - 1) / bucket, VOTE0 + METRICS.length);
    for (int k = 0; k < cols.size; k++) {
      int first = k * bucket;
      int last = Math.min(n, first + bucket) - 1;
      int verdict = 0;
      int exit = -1;
      for (int i = first; i <= last; i++) {
        verdict = Math.max(verdict, points.get(i).regime().verdict().ordinal());
        exit = Math.max(exit, worst(points.get(i).exits()).map(Enum::ordinal).orElse(-1));
      }
      Point p = points.get(last);
      RegimeState r = p.regime();
      cols.t[k] = p.t();
      cols.start[k] = points.get(first).t();
      cols.values[VERDICT][k] = verdict;
      cols.values[CONFIDENCE][k] = r.confidence();
      cols.values[EXIT][k] = exit;
      for (int m = 0; m < METRICS.length; m++) {
        cols.values[METRIC0 + m][k] = r.metric(METRICS[m]).orElse(Double.NaN);
        cols.values[VOTE0 + m][k] = -1;
      }
      for (MetricVote v : r.votes()) {
        cols.values[VOTE0 + v.metric().ordinal()][k] = v.vote().ordinal();
      }
    }
    return cols;
  }

  /**
   * Run-length encodes one column into bands {@code [from, to, value]}, leaving out values below
   * {@code min} (and the "none" value -1).
   */
  private static List<long[]> bands(Columns cols, int column, long step, int min) {
    List<long[]> out = new ArrayList<>();
    double[] v = cols.values[column];
    int i = 0;
    while (i < cols.size) {
      int j = i;
      while (j + 1 < cols.size && v[j + 1] == v[i]) {
        j++;
      }
      long end = j + 1 < cols.size ? cols.start[j + 1] : cols.t[j] + step;
      if (v[i] >= min) {
        out.add(new long[] {cols.start[i], end, (long) v[i]});
      }
      i = j + 1;
    }
    return List.copyOf(out);
  }

  private static List<Run> runs(List<DecisionRecord> ds, CandleSeries c, List<Marker> markers) {
    List<Run> out = new ArrayList<>();
    DecisionRecord first = null;
    Recommendation rec = null;
    int count = 0;
    Instant last = null;
    for (DecisionRecord d : ds) {
      Optional<Recommendation> r = d.recommendations().stream().findFirst();
      boolean actionable =
          r.isPresent()
              && r.get().action() != GridAction.HOLD
              && r.get().action() != GridAction.WAIT;
      if (rec != null
          && actionable
          && r.get().action() == rec.action()
          && r.get().gridId().equals(rec.gridId())) {
        count++;
        last = d.metadata().observedAt();
        continue;
      }
      if (rec != null) {
        out.add(run(first, rec, count, last, c, markers));
        rec = null;
      }
      if (actionable) {
        first = d;
        rec = r.get();
        count = 1;
        last = d.metadata().observedAt();
      }
    }
    if (rec != null) {
      out.add(run(first, rec, count, last, c, markers));
    }
    return List.copyOf(out);
  }

  private static Run run(
      DecisionRecord d,
      Recommendation rec,
      int count,
      Instant last,
      CandleSeries c,
      List<Marker> markers) {
    long t = d.metadata().observedAt().getEpochSecond();
    double price = closeAt(c, t);
    if (Double.isNaN(price) && d.marketData().isPresent()) {
      price = d.marketData().get().lastPrice().doubleValue();
    }
    Map<EvaluationHorizon, EvaluationRecord> grades = new EnumMap<>(EvaluationHorizon.class);
    for (EvaluationRecord e : d.evaluations()) {
      grades.putIfAbsent(e.horizon(), e);
    }
    markers.add(
        new Marker(
            t,
            price,
            rec.action(),
            Optional.ofNullable(grades.get(EvaluationHorizon.H24)).map(EvaluationRecord::outcome)));
    return new Run(d, rec, price, count, last, grades);
  }

  private static List<Escalation> escalations(
      List<Point> points, CandleSeries c, List<GridConfig> grids) {
    List<Escalation> out = new ArrayList<>();
    for (Point p : points) {
      for (ExitAssessment e : p.exits()) {
        if (!e.state().isAbove(e.previous())) {
          continue;
        }
        long t = p.t();
        double price = closeAt(c, t);
        double after24 = closeExactly(c, t + AFTER_24H);
        double after72 = closeExactly(c, t + AFTER_72H);
        Optional<GridConfig> grid =
            grids.stream().filter(g -> g.id().equals(e.gridId())).findFirst();
        Optional<String> broken = grid.map(g -> broken(c, g, t));
        out.add(new Escalation(e, price, after24 / price - 1, after72 / price - 1, grid, broken));
      }
    }
    return List.copyOf(out);
  }

  /** Whether and when the price left the grid's range within 72 h after {@code t}, in words. */
  private static String broken(CandleSeries c, GridConfig g, long t) {
    double lower = g.lowerPrice().doubleValue();
    double upper = g.upperPrice().doubleValue();
    int i = firstClosingAtOrAfter(c, t + 1);
    for (; i < c.size() && c.closeTimeMillis(i) / 1000 <= t + AFTER_72H; i++) {
      long hours = (c.closeTimeMillis(i) / 1000 - t) / HOUR;
      if (c.low(i) < lower) {
        return "yes, below after " + hours + " h";
      }
      if (c.high(i) > upper) {
        return "yes, above after " + hours + " h";
      }
    }
    if (c.isEmpty() || c.closeTimeMillis(c.size() - 1) / 1000 < t + AFTER_72H) {
      return "not within the data";
    }
    return "no";
  }

  /** {@return the names of the conditions of an assessment at its own level, joined} */
  static String conditions(ExitAssessment e) {
    List<String> names = new ArrayList<>();
    for (ExitCondition c : e.conditions()) {
      if (!names.contains(c.name())) {
        names.add(c.name());
      }
    }
    return String.join(", ", names);
  }
}
