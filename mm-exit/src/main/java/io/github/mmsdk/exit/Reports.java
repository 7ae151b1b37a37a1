package io.github.mmsdk.exit;

import io.github.mmsdk.api.exit.ExitCondition;
import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.api.exit.PositionRisk;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.regime.MetricId;
import io.github.mmsdk.api.regime.RegimeState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the allocating parts of an assessment: conditions, metric maps, causes and messages. */
final class Reports {

  /** The name of the state-machine condition that escalates a passed deadline. */
  static final String DEADLINE_PASSED = "deadline_passed";

  private Reports() {}

  static List<ExitCondition> conditions(Evaluation e) {
    List<ExitCondition> out = new ArrayList<>();
    for (Rule r : Rule.ALL) {
      int i = r.ordinal();
      if (e.held[i]) {
        out.add(
            ExitCondition.of(
                r.key,
                r.level,
                e.value[i],
                e.threshold[i],
                r.describe(e.value[i], e.threshold[i])));
      }
    }
    return out;
  }

  static ExitCondition deadlinePassed(Instant deadline, Instant now) {
    double overdueHours = (now.toEpochMilli() - deadline.toEpochMilli()) / 3_600_000.0;
    return ExitCondition.of(
        DEADLINE_PASSED,
        ExitState.MANDATORY_EXIT,
        overdueHours,
        0.0,
        "LATEST_ACCEPTABLE_EXIT deadline " + deadline + " passed without an exit");
  }

  /** The metric values behind a decision, by metric key, plus price, ATR and position. */
  static Map<String, Double> metrics(Signals s) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (MetricId id : MetricId.values()) {
      Double v = s.regime.metrics().get(id);
      if (v != null && !Signals.unusable(id, v)) {
        m.put(id.key(), v);
      }
    }
    m.put("confidence", s.confidence);
    putIfFinite(m, "price", s.close);
    putIfFinite(m, "atr", s.atr);
    putIfFinite(m, "unrealized_pnl_pct", s.unrealizedPct);
    putIfFinite(m, "stop_loss_distance_pct", s.stopDistancePct);
    return m;
  }

  private static void putIfFinite(Map<String, Double> m, String key, double v) {
    if (Double.isFinite(v)) {
      m.put(key, v);
    }
  }

  /** Every input that was unavailable, with its cause. */
  static Map<String, String> unavailable(Signals s, PositionTracker position) {
    Map<String, String> out = new LinkedHashMap<>();
    RegimeState r = s.regime;
    for (MetricId id : MetricId.values()) {
      String cause = r.unavailable().get(id);
      Double v = r.metrics().get(id);
      if (cause != null) {
        out.put(id.key(), cause);
      } else if (v == null) {
        out.put(id.key(), "not reported by the regime engine");
      } else if (Signals.unusable(id, v)) {
        out.put(id.key(), "value " + v + " is not usable");
      }
    }
    if (s.confirmation == null) {
      out.put("confirmation_4h", "no 4h confirmation view in the regime state");
    }
    String atr = position.atrProblem();
    if (atr != null) {
      out.put("atr", atr);
    }
    String pos = position.positionProblem();
    if (pos != null) {
      out.put("position", pos);
    }
    return out;
  }

  static String message(
      ExitConfig config,
      GridConfig grid,
      Signals s,
      ExitState previous,
      ExitState state,
      Optional<Instant> deadline,
      List<ExitCondition> conditions,
      Optional<PositionRisk> risk,
      Map<String, String> unavailable) {
    StringBuilder b = new StringBuilder(512);
    String id = grid.id() + " (" + grid.symbol() + ")";
    switch (state) {
      case MANDATORY_EXIT:
        b.append("MANDATORY EXIT: ").append(id).append('\n');
        b.append("Stop the grid now: cancel its orders and sell its inventory");
        risk.ifPresent(
            p ->
                b.append(" (")
                    .append(p.inventory().stripTrailingZeros().toPlainString())
                    .append(' ')
                    .append(grid.symbol().base())
                    .append(", unrealized ")
                    .append(money(p.unrealizedPnl().doubleValue()))
                    .append(' ')
                    .append(grid.symbol().quote())
                    .append(')'));
        b.append(".\n");
        break;
      case LATEST_ACCEPTABLE_EXIT:
        b.append("LATEST ACCEPTABLE EXIT: ").append(id).append('\n');
        b.append("Exit within ")
            .append(config.exitWithin().toHours())
            .append(" h to preserve capital, at the latest by ")
            .append(deadline.map(Instant::toString).orElse("?"))
            .append(" (")
            .append(config.deadlineAfter().toHours())
            .append(" h); after that this becomes a MANDATORY EXIT.\n");
        break;
      case WARNING:
        b.append("WARNING: ").append(id).append('\n');
        b.append(count(conditions, ExitState.WARNING))
            .append(" of ")
            .append(WarningTrigger.RULES.size())
            .append(" warning conditions hold: watch the grid and prepare to exit.\n");
        break;
      default:
        b.append("NORMAL: ").append(id).append('\n');
        b.append(
            previous == ExitState.NORMAL
                ? "No exit pressure.\n"
                : "Back to normal from " + previous + ": no exit pressure.\n");
        break;
    }
    b.append("Regime: ")
        .append(s.verdict)
        .append(", confidence ")
        .append(Fmt.fixed(s.confidence, 2))
        .append(", 4h ")
        .append(s.confirmation == null ? "unavailable" : s.confirmation.toString())
        .append(".\n");
    b.append("Grid: ")
        .append(grid.lowerPrice().toPlainString())
        .append(" - ")
        .append(grid.upperPrice().toPlainString())
        .append(", ")
        .append(grid.levels())
        .append(" levels; price ")
        .append(Double.isNaN(s.close) ? "?" : money(s.close))
        .append(".\n");
    risk.ifPresent(
        p -> {
          b.append("Position: ")
              .append(p.inventory().stripTrailingZeros().toPlainString())
              .append(' ')
              .append(grid.symbol().base())
              .append(" at ")
              .append(money(p.averageEntry().doubleValue()))
              .append(", unrealized ")
              .append(money(p.unrealizedPnl().doubleValue()))
              .append(", realized ")
              .append(money(p.realizedProfit().doubleValue()));
          p.lossAtStopLoss()
              .ifPresent(l -> b.append(", loss at stop-loss ").append(money(l.doubleValue())));
          b.append(' ').append(grid.symbol().quote()).append(".\n");
        });
    if (!conditions.isEmpty()) {
      b.append("Reasons:");
      for (ExitCondition c : conditions) {
        b.append("\n- ").append(c.level()).append(' ').append(c.description());
      }
      b.append('\n');
    }
    if (!unavailable.isEmpty()) {
      b.append("Unavailable:");
      unavailable.forEach((k, v) -> b.append("\n- ").append(k).append(": ").append(v));
      b.append('\n');
    }
    return b.toString().strip();
  }

  private static long count(List<ExitCondition> conditions, ExitState level) {
    return conditions.stream().filter(c -> c.level() == level).count();
  }

  private static String money(double v) {
    return Fmt.fixed(v, 2);
  }
}
