package io.github.mmsdk.samples.runner;

import io.github.mmsdk.backtest.KpiReport;
import io.github.mmsdk.backtest.report.KpiRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The KPI table of the HTML report, from a {@link KpiReport}'s figures, with issue 19's goals. */
final class KpiRows {
  private KpiRows() {}

  /** One known figure: how to name and judge it. */
  private record Known(String name, boolean share, String goal, int goalKind, double bound) {}

  private static final int NONE = 0;
  private static final int AT_LEAST = 1;
  private static final int BELOW = 2;
  private static final int ZERO = 3;

  private static final Map<String, Known> KNOWN =
      Map.ofEntries(
          Map.entry(
              "eaw_rate",
              new Known("EAW: breakouts warned ≥ 2 h ahead", true, "≥ 90 %", AT_LEAST, 0.9)),
          Map.entry("eaw_median_h", new Known("EAW: median warning window", false, "", NONE, 0)),
          Map.entry(
              "ttdr_rate", new Known("TTDR: breakouts detected within 48 h", true, "", NONE, 0)),
          Map.entry("ttdr_median_h", new Known("TTDR: median time to detect", false, "", NONE, 0)),
          Map.entry("fer", new Known("FER: false exit rate", true, "< 20 %", BELOW, 0.2)),
          Map.entry(
              "slar", new Known("SLAR: stop-loss avoidance rate", true, "≥ 95 %", AT_LEAST, 0.95)),
          Map.entry("mec", new Known("MEC: missed exits", false, "0", ZERO, 0)),
          Map.entry("prr", new Known("PRR: profit retention ratio", true, "", NONE, 0)),
          Map.entry("ert_median_h", new Known("ERT: median exit response", false, "", NONE, 0)),
          Map.entry("rrr", new Known("RRR: restart retrigger rate", true, "", NONE, 0)));

  /**
   * The rows of a report: the known KPIs first (named, in percent where they are shares, with their
   * goals), then every other figure as it is.
   *
   * @param report the KPIs
   * @param note a note for every row, e.g. the period
   * @return the rows
   */
  static List<KpiRow> of(KpiReport report, String note) {
    Map<String, Double> figures = report.figures();
    List<KpiRow> rows = new ArrayList<>();
    for (String key :
        List.of(
            "eaw_rate",
            "eaw_median_h",
            "ttdr_rate",
            "ttdr_median_h",
            "fer",
            "slar",
            "mec",
            "prr",
            "ert_median_h",
            "rrr")) {
      Double v = figures.get(key);
      if (v == null) {
        continue;
      }
      Known k = KNOWN.get(key);
      KpiRow.Builder b =
          new KpiRow.Builder()
              .name(k.name())
              .value(k.share() ? v * 100 : v)
              .unit(k.share() ? "%" : key.endsWith("_h") ? "h" : "")
              .decimals(key.equals("mec") ? 0 : 1)
              .goal(k.goal())
              .note(note);
      switch (k.goalKind()) {
        case AT_LEAST -> b.met(v >= k.bound());
        case BELOW -> b.met(v < k.bound());
        case ZERO -> b.met(v == 0);
        default -> {}
      }
      rows.add(b.build());
    }
    figures.forEach(
        (key, v) -> {
          if (!KNOWN.containsKey(key) && Double.isFinite(v)) {
            rows.add(
                new KpiRow.Builder()
                    .name(key)
                    .value(v)
                    .decimals(v == Math.rint(v) ? 0 : 2)
                    .note(note)
                    .build());
          }
        });
    return rows;
  }
}
