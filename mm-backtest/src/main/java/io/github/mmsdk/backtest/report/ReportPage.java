package io.github.mmsdk.backtest.report;

import static io.github.mmsdk.backtest.report.Html.escape;

import io.github.mmsdk.api.decision.EvaluationHorizon;
import io.github.mmsdk.api.decision.EvaluationRecord;
import io.github.mmsdk.api.decision.GridAction;
import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.api.regime.MetricId;
import io.github.mmsdk.api.regime.RegimeVerdict;
import io.github.mmsdk.api.regime.Vote;
import io.github.mmsdk.backtest.report.ReportModel.Columns;
import io.github.mmsdk.backtest.report.ReportModel.Escalation;
import io.github.mmsdk.backtest.report.ReportModel.Marker;
import io.github.mmsdk.backtest.report.ReportModel.Run;
import io.github.mmsdk.backtest.report.ReportModel.Tally;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a {@link ReportModel} as one self-contained HTML page. */
final class ReportPage {

  /** Rows kept in the long tables; the rest are counted, not shown. */
  static final int MAX_ROWS = 500;

  /** Characters of a reason shown before it is unfolded. */
  private static final int SUMMARY = 140;

  private static final Map<MetricId, String> LABELS = new EnumMap<>(MetricId.class);

  static {
    LABELS.put(MetricId.ADX, "ADX (14)");
    LABELS.put(MetricId.EFFICIENCY_RATIO, "Efficiency ratio (20)");
    LABELS.put(MetricId.AUTOCORRELATION, "Autocorrelation of returns (48)");
    LABELS.put(MetricId.OU_HALF_LIFE, "OU half-life, bars (100)");
    LABELS.put(MetricId.NORMALIZED_SLOPE, "Normalized slope, ATR per bar");
    LABELS.put(MetricId.BOLLINGER_BANDWIDTH, "Bollinger bandwidth (20, 2)");
  }

  private static final Map<RegimeVerdict, String> VERDICT_COLORS =
      new EnumMap<>(RegimeVerdict.class);
  private static final Map<ExitState, String> EXIT_COLORS = new EnumMap<>(ExitState.class);

  static {
    VERDICT_COLORS.put(RegimeVerdict.RANGE_OK, "#43a047");
    VERDICT_COLORS.put(RegimeVerdict.RANGE_WEAK, "#c0ca33");
    VERDICT_COLORS.put(RegimeVerdict.TRANSITION, "#fb8c00");
    VERDICT_COLORS.put(RegimeVerdict.TREND, "#e53935");
    EXIT_COLORS.put(ExitState.NORMAL, "#ffffff");
    EXIT_COLORS.put(ExitState.WARNING, "#fdd835");
    EXIT_COLORS.put(ExitState.LATEST_ACCEPTABLE_EXIT, "#fb8c00");
    EXIT_COLORS.put(ExitState.MANDATORY_EXIT, "#d32f2f");
  }

  private final ReportModel m;
  private final StringBuilder out = new StringBuilder(1 << 18);

  private ReportPage(ReportModel model) {
    this.m = model;
  }

  static String render(ReportModel model) {
    return new ReportPage(model).page();
  }

  private String page() {
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(escape(m.title))
        .append("</title>\n<style>\n")
        .append(Assets.UPLOT_CSS)
        .append("\n</style>\n<style>\n")
        .append(Assets.PAGE_CSS)
        .append("\n</style>\n</head>\n")
        .append("<body data-charts=\"0\" data-errors=\"\" data-blank-canvases=\"\"")
        .append(" data-status=\"loading\">\n<script>\n")
        .append(Assets.CAPTURE_JS)
        .append("\n</script>\n");
    header();
    glance();
    charts();
    kpis();
    recommendations();
    escalations();
    grids();
    out.append("<footer>Times are UTC. Charts drawn with uPlot ")
        .append(escape(Assets.UPLOT_VERSION))
        .append(" (MIT licence, inlined: the page makes no request). Drag on a chart to zoom,")
        .append(" double-click to reset.</footer>\n");
    out.append("<script id=\"mm-data\" type=\"application/json\">");
    data();
    out.append("</script>\n<script>\n")
        .append(Assets.UPLOT_JS)
        .append("\n</script>\n<script>\n")
        .append(Assets.PAGE_JS)
        .append("\n</script>\n</body>\n</html>\n");
    return out.toString();
  }

  // ---------------------------------------------------------------- header and glance

  private void header() {
    out.append("<header>\n<h1>")
        .append(escape(m.title))
        .append("</h1>\n<p class=\"sub\">")
        .append(escape(m.symbol.toString()))
        .append(" · 1h candles · ")
        .append(Html.time(m.from))
        .append(" → ")
        .append(Html.time(m.to))
        .append(" UTC · ")
        .append(m.candlesInRange)
        .append(" candles, ")
        .append(m.decisionCount)
        .append(" decisions, ")
        .append(m.snapshotCount)
        .append(" snapshots");
    if (m.bucket > 1) {
      out.append(" · charts aggregate ").append(m.bucket).append(" points per drawn point");
    }
    out.append("</p>\n</header>\n");
  }

  private void glance() {
    out.append("<section id=\"glance\" class=\"cards\">\n");
    // regime share
    long total = m.verdictHours.values().stream().mapToLong(Long::longValue).sum();
    out.append("<div class=\"card\"><h3>Regime, share of time</h3>");
    if (total == 0) {
      out.append("<p class=\"muted\">No regime records in the range.</p>");
    } else {
      out.append("<div class=\"stack\">");
      for (RegimeVerdict v : RegimeVerdict.values()) {
        long h = m.verdictHours.getOrDefault(v, 0L);
        if (h > 0) {
          out.append("<span style=\"width:")
              .append(String.format(Locale.ROOT, "%.3f", 100.0 * h / total))
              .append("%;background:")
              .append(VERDICT_COLORS.get(v))
              .append("\" title=\"")
              .append(v)
              .append("\"></span>");
        }
      }
      out.append("</div><ul class=\"plain\">");
      for (RegimeVerdict v : RegimeVerdict.values()) {
        long h = m.verdictHours.getOrDefault(v, 0L);
        out.append("<li>")
            .append(swatch(VERDICT_COLORS.get(v)))
            .append(v)
            .append(" <b>")
            .append(Html.percent((double) h / total))
            .append("</b></li>");
      }
      out.append("</ul>");
    }
    out.append("</div>\n");
    // exit warnings
    out.append("<div class=\"card\"><h3>Exit warnings</h3><ul class=\"plain\">");
    for (ExitState s :
        List.of(ExitState.WARNING, ExitState.LATEST_ACCEPTABLE_EXIT, ExitState.MANDATORY_EXIT)) {
      long n = m.escalations.stream().filter(e -> e.assessment().state() == s).count();
      long hours = m.exitHours.getOrDefault(s, 0L) / ReportModel.HOUR;
      out.append("<li>")
          .append(swatch(EXIT_COLORS.get(s)))
          .append(s)
          .append(": <b>")
          .append(n)
          .append("</b> escalations, ")
          .append(hours)
          .append(" h in state</li>");
    }
    long broken =
        m.escalations.stream()
            .filter(e -> e.broken().map(b -> b.startsWith("yes")).orElse(false))
            .count();
    long judged =
        m.escalations.stream()
            .filter(e -> e.broken().map(b -> !b.startsWith("not")).orElse(false))
            .count();
    out.append("</ul><p>Range broken within 72 h after <b>")
        .append(broken)
        .append(" of ")
        .append(judged)
        .append("</b> escalations.</p></div>\n");
    // recommendations
    out.append("<div class=\"card\"><h3>Risk-changing recommendations</h3><ul class=\"plain\">");
    for (GridAction a : List.of(GridAction.CREATE_GRID, GridAction.REDUCE, GridAction.STOP_GRID)) {
      long n = m.runs.stream().filter(r -> r.rec().action() == a).count();
      out.append("<li>").append(marker(a)).append(a).append(": <b>").append(n).append("</b></li>");
    }
    out.append("</ul></div>\n");
    // grades
    out.append("<div class=\"card\"><h3>Every decision, graded</h3><ul class=\"plain\">");
    for (EvaluationHorizon h : EvaluationHorizon.values()) {
      Tally t = m.gradesAll.get(h);
      out.append("<li>").append(horizon(h)).append(": ");
      if (t == null) {
        out.append("<span class=\"muted\">not graded</span>");
      } else {
        out.append("<b>")
            .append(Html.percent(t.hitRate()))
            .append("</b> right (")
            .append(t.correct)
            .append(" ✓ ")
            .append(t.incorrect)
            .append(" ✗ ")
            .append(t.neutral)
            .append(" ~), ")
            .append(usd(t.impact.doubleValue()));
      }
      out.append("</li>");
    }
    out.append("</ul></div>\n</section>\n");
  }

  // ---------------------------------------------------------------- charts

  private void charts() {
    out.append("<section id=\"price\">\n<h2>Price, grid bounds and exit states</h2>\n")
        .append("<p class=\"legend\">")
        .append(swatch("#1f3a93"))
        .append("close ")
        .append(swatch("#00897b"))
        .append("grid bounds (dashed, filled while a grid runs) ");
    for (ExitState s :
        List.of(ExitState.WARNING, ExitState.LATEST_ACCEPTABLE_EXIT, ExitState.MANDATORY_EXIT)) {
      out.append(swatch(EXIT_COLORS.get(s))).append(s).append(' ');
    }
    out.append("<br>Markers: ");
    for (GridAction a : List.of(GridAction.CREATE_GRID, GridAction.REDUCE, GridAction.STOP_GRID)) {
      out.append(marker(a)).append(a).append(' ');
    }
    out.append("· filled by the 24 h grade: ")
        .append(dot("#2e7d32"))
        .append("correct ")
        .append(dot("#c62828"))
        .append("incorrect ")
        .append(dot("#9e9e9e"))
        .append("neutral ")
        .append(dot("#ffffff"))
        .append("not graded</p>\n")
        .append("<div id=\"chart-price\" class=\"chart\"></div>\n")
        .append("<p id=\"cursor-info\" class=\"info\">Hover a chart to read the hour.</p>\n")
        .append("</section>\n");
    out.append("<section id=\"regime\">\n<h2>Regime verdict and confidence</h2>\n")
        .append("<p class=\"legend\">");
    for (RegimeVerdict v : RegimeVerdict.values()) {
      out.append(swatch(VERDICT_COLORS.get(v))).append(v).append(' ');
    }
    out.append(swatch("#212121"))
        .append("confidence (0 to 0.95)</p>\n")
        .append("<div id=\"chart-regime\" class=\"chart\"></div>\n</section>\n");
    out.append("<section id=\"metrics\">\n<h2>The six metrics and their votes</h2>\n")
        .append("<p class=\"legend\">Background: ")
        .append(swatch("#a5d6a7"))
        .append("votes RANGE ")
        .append(swatch("#ef9a9a"))
        .append("votes TREND (no colour: NEUTRAL)</p>\n<div class=\"metric-grid\">\n");
    for (MetricId id : ReportModel.METRICS) {
      out.append("<div><h3>")
          .append(escape(LABELS.get(id)))
          .append("</h3><div id=\"chart-metric-")
          .append(id.key())
          .append("\" class=\"chart\"></div></div>\n");
    }
    out.append("</div>\n</section>\n");
  }

  // ---------------------------------------------------------------- tables

  private void kpis() {
    out.append("<section id=\"kpis\">\n<h2>KPIs</h2>\n");
    if (m.kpis.isEmpty()) {
      out.append("<p class=\"muted\">No KPI rows were given.</p>\n</section>\n");
      return;
    }
    out.append("<table>\n<thead><tr><th>KPI</th><th class=\"num\">value</th><th>goal</th>")
        .append("<th>met</th><th>note</th></tr></thead>\n<tbody>\n");
    for (KpiRow k : m.kpis) {
      out.append("<tr><td>").append(escape(k.name())).append("</td><td class=\"num\">");
      if (k.value().isPresent()) {
        out.append(escape(Html.fixed(k.value().getAsDouble(), k.decimals())));
        if (!k.unit().isEmpty()) {
          out.append(' ').append(escape(k.unit()));
        }
      } else {
        out.append("–");
      }
      out.append("</td><td>").append(escape(k.goal())).append("</td><td>");
      if (k.met().isEmpty()) {
        out.append("<span class=\"muted\">–</span>");
      } else if (k.met().get()) {
        out.append("<span class=\"good\">✓ met</span>");
      } else {
        out.append("<span class=\"bad\">✗ missed</span>");
      }
      out.append("</td><td>").append(escape(k.note())).append("</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n</section>\n");
  }

  private void recommendations() {
    out.append("<section id=\"recommendations\">\n<h2>Recommendations and their grades</h2>\n")
        .append("<p>Each decision is graded by its first recommendation at 24 h, 72 h and 7 d:")
        .append(" right means following it earned money or avoided a loss.</p>\n")
        .append("<table>\n<thead><tr><th>action</th>");
    for (EvaluationHorizon h : EvaluationHorizon.values()) {
      out.append("<th class=\"num\">").append(horizon(h)).append(" right</th>");
      out.append("<th class=\"num\">").append(horizon(h)).append(" ✓/✗/~</th>");
      out.append("<th class=\"num\">").append(horizon(h)).append(" impact</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    if (m.grades.isEmpty()) {
      out.append("<tr><td colspan=\"10\" class=\"muted\">No graded decision.</td></tr>\n");
    }
    for (Map.Entry<GridAction, Map<EvaluationHorizon, Tally>> e : m.grades.entrySet()) {
      out.append("<tr><td>").append(e.getKey()).append("</td>");
      for (EvaluationHorizon h : EvaluationHorizon.values()) {
        Tally t = e.getValue().get(h);
        if (t == null) {
          out.append("<td class=\"num muted\">–</td><td class=\"num muted\">–</td>")
              .append("<td class=\"num muted\">–</td>");
        } else {
          out.append("<td class=\"num\">")
              .append(Html.percent(t.hitRate()))
              .append("</td><td class=\"num\">")
              .append(t.correct)
              .append('/')
              .append(t.incorrect)
              .append('/')
              .append(t.neutral)
              .append("</td><td class=\"num\">")
              .append(usd(t.impact.doubleValue()))
              .append("</td>");
        }
      }
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table>\n");
    out.append("<h3>Risk-changing recommendations (CREATE_GRID, REDUCE, STOP_GRID)</h3>\n");
    if (m.runs.isEmpty()) {
      out.append("<p class=\"muted\">None in the range.</p>\n</section>\n");
      return;
    }
    out.append("<table>\n<thead><tr><th>time</th><th>action</th><th>grid</th>")
        .append("<th class=\"num\">price</th><th class=\"num\">confidence</th><th>repeated</th>")
        .append("<th>24 h</th><th>72 h</th><th>7 d</th><th>why</th></tr></thead>\n<tbody>\n");
    int shown = 0;
    for (Run r : m.runs) {
      if (shown++ == MAX_ROWS) {
        break;
      }
      out.append("<tr><td class=\"t\">")
          .append(Html.time(r.first().metadata().observedAt()))
          .append("</td><td>")
          .append(marker(r.rec().action()))
          .append(r.rec().action())
          .append("</td><td>")
          .append(escape(r.rec().gridId().orElse("–")))
          .append("</td><td class=\"num\">")
          .append(Html.price(r.price()))
          .append("</td><td class=\"num\">")
          .append(Html.fixed(r.rec().confidence(), 2))
          .append("</td><td>");
      if (r.count() > 1) {
        out.append(r.count()).append("× until ").append(Html.time(r.last()));
      } else {
        out.append("once");
      }
      out.append("</td>");
      for (EvaluationHorizon h : EvaluationHorizon.values()) {
        EvaluationRecord e = r.grades().get(h);
        out.append("<td class=\"g\">");
        if (e == null) {
          out.append("<span class=\"muted\">–</span>");
        } else {
          out.append(outcome(e.outcome()))
              .append("<br><span class=\"muted\">")
              .append(usd(e.economicImpactUsd().doubleValue()))
              .append("</span>");
        }
        out.append("</td>");
      }
      out.append("<td class=\"why\">");
      why(r.rec().reasons());
      out.append("</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n");
    more(m.runs.size());
    out.append("</section>\n");
  }

  private void escalations() {
    out.append(
        "<section id=\"warnings\">\n<h2>Exit escalations and what the price did next</h2>\n");
    if (m.escalations.isEmpty()) {
      out.append("<p class=\"muted\">No exit state rose in the range.</p>\n</section>\n");
      return;
    }
    out.append("<table>\n<thead><tr><th>time</th><th>grid</th><th>state</th>")
        .append("<th class=\"num\">price</th><th class=\"num\">24 h later</th>")
        .append("<th class=\"num\">72 h later</th><th>range broken ≤ 72 h</th>")
        .append("<th>conditions</th></tr></thead>\n<tbody>\n");
    int shown = 0;
    for (Escalation e : m.escalations) {
      if (shown++ == MAX_ROWS) {
        break;
      }
      ExitState s = e.assessment().state();
      out.append("<tr><td class=\"t\">")
          .append(Html.time(e.assessment().asOf()))
          .append("</td><td>")
          .append(escape(e.assessment().gridId()))
          .append("</td><td>")
          .append(swatch(EXIT_COLORS.get(s)))
          .append(e.assessment().previous())
          .append(" → <b>")
          .append(s)
          .append("</b></td><td class=\"num\">")
          .append(Html.price(e.price()))
          .append("</td><td class=\"num\">")
          .append(Html.signedPercent(e.change24h()))
          .append("</td><td class=\"num\">")
          .append(Html.signedPercent(e.change72h()))
          .append("</td><td>");
      String b = e.broken().orElse("–");
      out.append(b.startsWith("yes") ? "<span class=\"good\">" : "<span>")
          .append(escape(b))
          .append("</span></td><td class=\"why\">")
          .append(escape(ReportModel.conditions(e.assessment())))
          .append("</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n");
    more(m.escalations.size());
    out.append("</section>\n");
  }

  private void grids() {
    out.append("<section id=\"grids\">\n<h2>Grids</h2>\n");
    if (m.grids.isEmpty()) {
      out.append("<p class=\"muted\">No grid of this pair in the store.</p>\n</section>\n");
      return;
    }
    out.append("<table>\n<thead><tr><th>grid</th><th class=\"num\">lower</th>")
        .append("<th class=\"num\">upper</th><th class=\"num\">levels</th><th>spacing</th>")
        .append("<th>mode</th><th class=\"num\">allocation</th><th>history</th></tr></thead>\n")
        .append("<tbody>\n");
    int shown = 0;
    for (GridConfig g : m.grids) {
      if (shown++ == MAX_ROWS) {
        break;
      }
      out.append("<tr><td>")
          .append(escape(g.id()))
          .append("</td><td class=\"num\">")
          .append(Html.price(g.lowerPrice().doubleValue()))
          .append("</td><td class=\"num\">")
          .append(Html.price(g.upperPrice().doubleValue()))
          .append("</td><td class=\"num\">")
          .append(g.levels())
          .append("</td><td>")
          .append(g.spacing())
          .append("</td><td>")
          .append(g.mode())
          .append("</td><td class=\"num\">")
          .append(Html.price(g.allocation().doubleValue()))
          .append("</td><td class=\"why\">");
      boolean first = true;
      for (GridHistoryEntry h : g.history()) {
        if (!first) {
          out.append("<br>");
        }
        first = false;
        out.append(h.event() == GridHistoryEntry.Event.ENABLED ? "started " : "stopped ")
            .append(Html.time(h.at()))
            .append(" by ")
            .append(escape(h.actor()));
      }
      out.append("</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n");
    more(m.grids.size());
    out.append("</section>\n");
  }

  /** The first reason, shortened; all of them when unfolded. */
  private void why(List<String> reasons) {
    if (reasons.isEmpty()) {
      out.append("–");
      return;
    }
    String first = reasons.get(0);
    String summary = first.length() > SUMMARY ? first.substring(0, SUMMARY) + " …" : first;
    if (reasons.size() == 1 && summary.equals(first)) {
      out.append(escape(first));
      return;
    }
    out.append("<details><summary>").append(escape(summary)).append("</summary><ul>");
    for (String r : reasons) {
      out.append("<li>").append(escape(r)).append("</li>");
    }
    out.append("</ul></details>");
  }

  private void more(int size) {
    if (size > MAX_ROWS) {
      out.append("<p class=\"muted\">")
          .append(size - MAX_ROWS)
          .append(" more rows not shown (first ")
          .append(MAX_ROWS)
          .append(" of ")
          .append(size)
          .append(").</p>\n");
    }
  }

  // ---------------------------------------------------------------- data

  private void data() {
    StringBuilder j = out;
    j.append('{');
    Json.name(j, "symbol");
    Json.string(j, m.symbol.toString());
    j.append(',');
    Json.name(j, "verdicts");
    names(RegimeVerdict.values());
    j.append(',');
    Json.name(j, "verdictColors");
    colors(RegimeVerdict.values(), VERDICT_COLORS);
    j.append(',');
    Json.name(j, "exitStates");
    names(ExitState.values());
    j.append(',');
    Json.name(j, "exitColors");
    colors(ExitState.values(), EXIT_COLORS);
    j.append(',');
    Json.name(j, "votes");
    j.append('[');
    for (Vote v : Vote.values()) {
      if (v.ordinal() > 0) {
        j.append(',');
      }
      Json.string(j, v.name());
    }
    j.append("],");
    Json.name(j, "actions");
    j.append('[');
    for (GridAction a : GridAction.values()) {
      if (a.ordinal() > 0) {
        j.append(',');
      }
      Json.string(j, a.name());
    }
    j.append("],");
    Json.name(j, "outcomes");
    j.append('[');
    for (EvaluationRecord.Outcome o : EvaluationRecord.Outcome.values()) {
      if (o.ordinal() > 0) {
        j.append(',');
      }
      Json.string(j, o.name());
    }
    j.append("],");
    Json.name(j, "metrics");
    j.append('[');
    for (MetricId id : ReportModel.METRICS) {
      if (id.ordinal() > 0) {
        j.append(',');
      }
      j.append('{');
      Json.name(j, "key");
      Json.string(j, id.key());
      j.append(',');
      Json.name(j, "label");
      Json.string(j, LABELS.get(id));
      j.append(',');
      Json.name(j, "log");
      j.append(id == MetricId.OU_HALF_LIFE);
      j.append('}');
    }
    j.append("],");
    Columns p = m.price;
    Json.name(j, "price");
    j.append('{');
    Json.name(j, "t");
    Json.longs(j, p.t, p.size).append(',');
    Json.name(j, "close");
    Json.numbers(j, p.values[ReportModel.CLOSE], p.size).append(',');
    Json.name(j, "high");
    Json.numbers(j, p.values[ReportModel.HIGH], p.size).append(',');
    Json.name(j, "low");
    Json.numbers(j, p.values[ReportModel.LOW], p.size).append(',');
    Json.name(j, "gridLower");
    Json.numbers(j, p.values[ReportModel.GRID_LOWER], p.size).append(',');
    Json.name(j, "gridUpper");
    Json.numbers(j, p.values[ReportModel.GRID_UPPER], p.size).append("},");
    Columns t = m.timeline;
    Json.name(j, "timeline");
    j.append('{');
    Json.name(j, "t");
    Json.longs(j, t.t, t.size).append(',');
    Json.name(j, "verdict");
    Json.numbers(j, t.values[ReportModel.VERDICT], t.size).append(',');
    Json.name(j, "confidence");
    Json.numbers(j, t.values[ReportModel.CONFIDENCE], t.size).append(',');
    Json.name(j, "exit");
    Json.numbers(j, t.values[ReportModel.EXIT], t.size).append(',');
    Json.name(j, "metric");
    j.append('[');
    for (int k = 0; k < ReportModel.METRICS.length; k++) {
      if (k > 0) {
        j.append(',');
      }
      Json.numbers(j, t.values[ReportModel.METRIC0 + k], t.size);
    }
    j.append("]},");
    Json.name(j, "verdictBands");
    bands(m.verdictBands);
    j.append(',');
    Json.name(j, "exitBands");
    bands(m.exitBands);
    j.append(',');
    Json.name(j, "voteBands");
    j.append('[');
    for (int k = 0; k < m.voteBands.size(); k++) {
      if (k > 0) {
        j.append(',');
      }
      bands(m.voteBands.get(k));
    }
    j.append("],");
    Json.name(j, "markers");
    j.append('[');
    boolean first = true;
    for (Marker mk : m.markers) {
      if (!first) {
        j.append(',');
      }
      first = false;
      j.append('[').append(mk.t()).append(',');
      Json.number(j, mk.price()).append(',').append(mk.action().ordinal()).append(',');
      j.append(mk.grade().map(Enum::ordinal).orElse(-1)).append(']');
    }
    j.append("]}");
  }

  private <E extends Enum<E>> void names(E[] values) {
    out.append('[');
    for (E v : values) {
      if (v.ordinal() > 0) {
        out.append(',');
      }
      Json.string(out, v.name());
    }
    out.append(']');
  }

  private <E extends Enum<E>> void colors(E[] values, Map<E, String> colors) {
    out.append('[');
    for (E v : values) {
      if (v.ordinal() > 0) {
        out.append(',');
      }
      Json.string(out, colors.get(v));
    }
    out.append(']');
  }

  private void bands(List<long[]> bands) {
    out.append('[');
    for (int i = 0; i < bands.size(); i++) {
      long[] b = bands.get(i);
      if (i > 0) {
        out.append(',');
      }
      out.append('[').append(b[0]).append(',').append(b[1]).append(',').append(b[2]).append(']');
    }
    out.append(']');
  }

  // ---------------------------------------------------------------- small pieces

  private static String swatch(String color) {
    return "<i class=\"sw\" style=\"background:" + color + "\"></i>";
  }

  private static String dot(String color) {
    return "<i class=\"dot\" style=\"background:" + color + "\"></i>";
  }

  private static String marker(GridAction a) {
    return switch (a) {
      case CREATE_GRID -> "<i class=\"mk\">▲</i>";
      case STOP_GRID -> "<i class=\"mk\">▼</i>";
      case REDUCE -> "<i class=\"mk\">◆</i>";
      default -> "";
    };
  }

  private static String outcome(EvaluationRecord.Outcome o) {
    return switch (o) {
      case CORRECT -> "<span class=\"good\">✓ right</span>";
      case INCORRECT -> "<span class=\"bad\">✗ wrong</span>";
      case NEUTRAL -> "<span class=\"muted\">~ neutral</span>";
    };
  }

  private static String horizon(EvaluationHorizon h) {
    return switch (h) {
      case H24 -> "24 h";
      case H72 -> "72 h";
      case D7 -> "7 d";
    };
  }

  private static String usd(double v) {
    if (!Double.isFinite(v)) {
      return "–";
    }
    return String.format(Locale.ROOT, "%+,.2f USD", v);
  }
}
