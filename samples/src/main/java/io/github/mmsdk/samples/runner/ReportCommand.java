package io.github.mmsdk.samples.runner;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.store.DecisionStore;
import io.github.mmsdk.backtest.KpiCalculator;
import io.github.mmsdk.backtest.KpiReport;
import io.github.mmsdk.backtest.report.HtmlReport;
import io.github.mmsdk.store.git.GitDecisionStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Writes the self-contained HTML report (price, grid bounds and exit-state bands, verdicts,
 * confidence, metrics, recommendations and their grades, KPIs) over a live store.
 *
 * <p>Exit codes: 0 written, 2 bad arguments, no store, or nothing to report.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write the self-contained HTML report (no server, no network) over the decisions recorded"
          + " in a store, from its own raw candles, and print its path.",
      "Exit code: 0 written, 2 bad arguments, no store or nothing recorded."
    })
final class ReportCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin StorePeriod period = new StorePeriod();

  @Option(
      names = "--out",
      description = "The HTML file (default: report-<SYMBOL>.html in the store folder).")
  Path file;

  @Override
  public Integer call() {
    Symbol sym = period.symbol();
    Instant from = period.from;
    Instant to = period.to;
    try (GitDecisionStore s = period.open()) {
      List<DecisionRecord> decisions =
          period.decisions(s, sym, to != null ? to.plusNanos(1) : Runner.END_OF_TIME, " to report");
      Instant first = from != null ? from : decisions.get(0).metadata().observedAt();
      Instant last = to != null ? to : decisions.get(decisions.size() - 1).metadata().observedAt();
      Path out =
          write(s, sym, first, last, file != null ? file : defaultFile(period.store, sym), "");
      spec.commandLine().getOut().println("report written to " + out.toAbsolutePath().normalize());
    }
    return 0;
  }

  /** {@return where a report goes by default: inside the store folder, which Git ignores} */
  static Path defaultFile(Path store, Symbol symbol) {
    return store.resolve("report-" + symbol + ".html");
  }

  /**
   * Writes the report of a store's records over a period, with the KPIs of that period, from the
   * store's own raw 1h candles.
   *
   * @param store the store
   * @param symbol the pair
   * @param from the first time shown
   * @param to the last time shown, inclusive (after {@code from})
   * @param file the HTML file
   * @param title the page title, or empty for the default
   * @return the file
   */
  static Path write(
      DecisionStore store, Symbol symbol, Instant from, Instant to, Path file, String title) {
    Instant end = to.isAfter(from) ? to : from.plus(Duration.ofHours(1));
    CandleSeries candles =
        store.rawCandles(symbol, Timeframe.H1, Instant.EPOCH, end.plus(Duration.ofDays(8)));
    return write(store, candles, from, end, file, title);
  }

  /**
   * Writes the report of a store's records over a period from given 1h candles.
   *
   * @param store the store
   * @param candles the pair's 1h candles
   * @param from the first time shown
   * @param to the last time shown, inclusive (after {@code from})
   * @param file the HTML file
   * @param title the page title, or empty for the default
   * @return the file
   */
  static Path write(
      DecisionStore store,
      CandleSeries candles,
      Instant from,
      Instant to,
      Path file,
      String title) {
    KpiReport kpis = KpiCalculator.withDefaultRules().report(store, candles, from, to.plusNanos(1));
    HtmlReport.Builder b =
        HtmlReport.builder()
            .candles(candles)
            .records(store, from, to)
            .kpis(KpiRows.of(kpis, from + " .. " + to));
    if (!title.isEmpty()) {
      b.title(title);
    }
    return b.build().write(file);
  }

  /** Prints where a report went, for commands that write one at the end. */
  static void printWritten(PrintWriter out, Path file) {
    out.println("report: " + file.toAbsolutePath().normalize());
  }
}
