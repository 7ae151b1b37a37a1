package io.github.mmsdk.samples.runner;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.backtest.KpiCalculator;
import io.github.mmsdk.backtest.KpiReport;
import io.github.mmsdk.store.git.GitDecisionStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Computes the KPIs of docs/kpis.md over a store's records and period from the store's own raw
 * candles, and writes the daily figures of every complete day the store lacks ({@code
 * kpis/<YYYY-MM-DD>.yaml}).
 *
 * <p>Exit codes: 0 computed, 2 bad arguments, no store or nothing recorded.
 */
@Command(
    name = "kpis",
    resourceBundle = "io.github.mmsdk.samples.runner.KpisCommand",
    mixinStandardHelpOptions = true,
    description = {
      "Compute the KPIs (docs/kpis.md) over the decisions recorded in a store, from its own raw"
          + " candles; write the daily figures of every complete day not yet stored"
          + " (kpis/<YYYY-MM-DD>.yaml) unless --no-daily.",
      "Exit code: 0 computed, 2 bad arguments, no store or nothing recorded."
    })
final class KpisCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin StorePeriod period = new StorePeriod();

  @Option(names = "--json", description = "Also write the KPIs as JSON to this file.")
  Path json;

  @Option(names = "--no-daily", description = "Do not write the daily kpis/<date>.yaml files.")
  boolean noDaily;

  @Override
  public Integer call() throws IOException {
    Symbol sym = period.symbol();
    Instant from = period.from;
    Instant to = period.to;
    if (from != null && to != null && !to.isAfter(from)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--to must be after --from");
    }
    PrintWriter out = spec.commandLine().getOut();
    KpiReport report;
    List<LocalDate> written = List.of();
    try (GitDecisionStore s = period.open()) {
      List<DecisionRecord> decisions =
          period.decisions(s, sym, to != null ? to : Runner.END_OF_TIME, " then");
      Instant first = from != null ? from : decisions.get(0).metadata().observedAt();
      Instant end =
          to != null
              ? to
              : decisions
                  .get(decisions.size() - 1)
                  .metadata()
                  .observedAt()
                  .plus(Duration.ofHours(1));
      CandleSeries candles = s.rawCandles(sym, Timeframe.H1, Instant.EPOCH, Runner.END_OF_TIME);
      KpiCalculator calculator = KpiCalculator.withDefaultRules();
      report = calculator.report(s, candles, first, end);
      if (!noDaily && !candles.isEmpty()) {
        Instant known = Instant.ofEpochMilli(candles.closeTimeMillis(candles.size() - 1));
        written =
            calculator.writeDailyKpis(
                s, List.of(candles), first.atOffset(ZoneOffset.UTC).toLocalDate(), known);
      }
    }
    out.printf("%s %s..%s%n", sym, report.periodStart(), report.periodEnd());
    report.figures().forEach((k, v) -> out.printf(Locale.ROOT, "  %-24s %s%n", k, format(v)));
    if (noDaily) {
      out.println("daily figures not written (--no-daily)");
    } else if (written.isEmpty()) {
      out.println("daily figures: nothing new to write (no complete day missing from the store)");
    } else {
      out.printf(
          "daily figures written: kpis/%s.yaml .. kpis/%s.yaml (%d days)%n",
          written.get(0), written.get(written.size() - 1), written.size());
    }
    if (json != null) {
      Files.writeString(json, json(report, written), StandardCharsets.UTF_8);
      out.println("JSON written to " + json.toAbsolutePath().normalize());
    }
    return 0;
  }

  private static String format(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.4f", v);
  }

  static String json(KpiReport r, List<LocalDate> written) {
    Map<String, Double> f = r.figures();
    return "{\n  \"symbol\": "
        + JsonText.quote(r.symbol())
        + ",\n  \"from\": "
        + JsonText.quote(r.periodStart())
        + ",\n  \"to\": "
        + JsonText.quote(r.periodEnd())
        + ",\n  \"kpis\": "
        + f.entrySet().stream()
            .map(e -> "    " + JsonText.quote(e.getKey()) + ": " + JsonText.number(e.getValue()))
            .collect(Collectors.joining(",\n", "{\n", "\n  }"))
        + ",\n  \"daily_written\": "
        + written.stream().map(JsonText::quote).collect(Collectors.joining(", ", "[", "]"))
        + "\n}\n";
  }
}
