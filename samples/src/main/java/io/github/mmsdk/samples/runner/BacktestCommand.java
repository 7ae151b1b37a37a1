package io.github.mmsdk.samples.runner;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.MarketMakerException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.cycle.CycleListener;
import io.github.mmsdk.api.cycle.CycleResult;
import io.github.mmsdk.api.cycle.MarketMaker;
import io.github.mmsdk.api.store.DecisionStore;
import io.github.mmsdk.backtest.Backtest;
import io.github.mmsdk.backtest.BacktestResult;
import io.github.mmsdk.backtest.WindowedDecisionStore;
import io.github.mmsdk.exit.DefaultExitEvaluator;
import io.github.mmsdk.grid.DefaultGridManager;
import io.github.mmsdk.grid.SimulatedDecisionGrader;
import io.github.mmsdk.regime.IncrementalRegimeEngine;
import io.github.mmsdk.testkit.store.InMemoryDecisionStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Backtests a source hour by hour through the same facade and modules as live use, into an
 * in-memory store, prints a summary (optionally also as JSON) and writes the HTML report.
 *
 * <p>Exit codes: 0 done, 1 some cycles were incomplete, 2 bad arguments or files.
 */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    description = {
      "Replay a source hour by hour through the facade (regime, exits, recommendations,"
          + " 24h/72h/7d grading) into an in-memory store, print a summary (a progress bar on a"
          + " terminal) and write the HTML report.",
      "Exit code: 0 done, 1 some cycles were incomplete, 2 bad arguments or files."
    })
final class BacktestCommand implements Callable<Integer> {

  private static final int DEMO_HOURS = 24 * 365;
  private static final Duration WARM_UP = Duration.ofDays(60);

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--source",
      description =
          "demo, or csv:PATH (candles in the ../shared/data format, 1h or finer, aggregated to"
              + " 1h) (default: ${DEFAULT-VALUE}).")
  String source = "demo";

  @Option(
      names = "--from",
      converter = InstantConverter.class,
      description =
          "First decision time, a UTC date or ISO-8601 instant (default: 60 days after the first"
              + " candle).")
  Instant from;

  @Option(
      names = "--to",
      converter = InstantConverter.class,
      description = "Last decision time, inclusive (default: the last candle's close).")
  Instant to;

  @Option(names = "--json", description = "Also write the result as JSON to this file.")
  Path json;

  @Option(
      names = "--follow",
      description = "A simulated operator follows every recommendation (starts and stops grids).")
  boolean follow;

  @Option(names = "--seed", description = "Demo market seed (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(
      names = "--report",
      description = "The HTML report written at the end (default: backtest-report-<SYMBOL>.html).")
  Path report;

  @Option(names = "--no-report", description = "Do not write the HTML report.")
  boolean noReport;

  @Option(
      names = "--interval",
      description =
          "The candles the backtest replays: 1h, or 15m, 5m, 1m (decisions stay hourly, on"
              + " aggregated candles; simulated grids fill on the finer path). A CSV file must hold"
              + " candles of this interval (default: ${DEFAULT-VALUE}).")
  String interval = "1h";

  @Option(
      names = "--demo-days",
      description = "How many days the demo market generates (default: ${DEFAULT-VALUE}).")
  int demoDays = DEMO_HOURS / 24;

  @Option(
      names = "--window",
      description =
          "Keep only this many days of records in memory (at least 8); older cycles are dropped"
              + " once graded, so years of 1m candles fit a small heap. Needs --no-report.")
  Integer windowDays;

  @Option(
      names = "--execute-grids",
      description =
          "With --follow: also run the grids on the simulated exchange, so they fill on the"
              + " candles (the result counts the fills).")
  boolean executeGrids;

  @Override
  public Integer call() throws IOException {
    CandleSource src =
        CandleSource.parse(spec, source, CandleSource.Kind.DEMO, CandleSource.Kind.CSV);
    checkOptions();
    CandleSeries candles =
        src.candles(spec, Symbol.parse("ETH-USDT"), timeframe(), demoDays * 24, seed);
    if (candles.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "the source has no candles");
    }
    Instant first =
        from != null ? from : Instant.ofEpochMilli(candles.openTimeMillis(0)).plus(WARM_UP);
    Instant last =
        to != null ? to : Instant.ofEpochMilli(candles.closeTimeMillis(candles.size() - 1));
    if (last.isBefore(first)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--to is before --from");
    }
    PrintWriter out = spec.commandLine().getOut();
    Progress progress =
        new Progress(out, Duration.between(first, last).toHours() + 1, System.console() != null);
    Backtest bt;
    try {
      bt =
          Backtest.builder()
              .candles(candles)
              .from(first)
              .to(last)
              .store(store())
              .followRecommendations(follow)
              .executeGridsOnExchange(executeGrids)
              .wiring(
                  (exchange, store, clock) ->
                      MarketMaker.builder()
                          .exchange(exchange)
                          .store(store)
                          .clock(clock)
                          .regimeEngine(new IncrementalRegimeEngine())
                          .exitEvaluator(new DefaultExitEvaluator())
                          .gridManager(new DefaultGridManager())
                          .decisionGrader(new SimulatedDecisionGrader())
                          .listener(progress)
                          .closeAdapters(false)
                          .build())
              .build();
    } catch (MarketMakerException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    BacktestResult r = bt.run();
    progress.done();
    out.println(r.summary());
    if (json != null) {
      Files.writeString(json, json(r), StandardCharsets.UTF_8);
      out.println("JSON written to " + json.toAbsolutePath().normalize());
    }
    if (!noReport) {
      Path page =
          ReportCommand.write(
              bt.store(),
              candles.timeframe() == Timeframe.H1 ? candles : CandleSource.toHourly(candles),
              bt.from(),
              bt.to().isAfter(bt.from()) ? bt.to() : bt.from().plus(Duration.ofHours(1)),
              report != null ? report : Path.of("backtest-report-" + candles.symbol() + ".html"),
              candles.symbol() + " backtest report");
      ReportCommand.printWritten(out, page);
    }
    return r.incompleteCycles() == 0 ? 0 : 1;
  }

  private Timeframe timeframe() {
    try {
      Timeframe tf = Timeframe.parse(interval);
      if (tf.compareTo(Timeframe.H1) > 0) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--interval must be 1h or finer; was '" + interval + "'");
      }
      return tf;
    } catch (MarketMakerException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--interval: " + e.getMessage());
    }
  }

  private void checkOptions() {
    if (demoDays < 61) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--demo-days must be at least 61 (60 days of warm-up); was " + demoDays);
    }
    if (windowDays != null && !noReport) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--window keeps only the last days of records in memory: add --no-report");
    }
    if (executeGrids && !follow) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--execute-grids needs --follow");
    }
  }

  /** The default in-memory store, or a window of it (validated by the store's builder). */
  private DecisionStore store() {
    if (windowDays == null) {
      return new InMemoryDecisionStore();
    }
    return WindowedDecisionStore.builder().window(Duration.ofDays(windowDays)).build();
  }

  /** A progress bar on a terminal; silent otherwise (scripts read the summary). */
  static final class Progress implements CycleListener {
    private final PrintWriter out;
    private final long total;
    private final boolean terminal;
    private long done;
    private long shown = -1;

    Progress(PrintWriter out, long total, boolean terminal) {
      this.out = out;
      this.total = Math.max(1, total);
      this.terminal = terminal;
    }

    @Override
    public void cycleFinished(CycleResult result) {
      done++;
      long pct = done * 100 / total;
      if (terminal && pct != shown) {
        shown = pct;
        int bars = (int) (pct / 5);
        out.printf(
            Locale.ROOT,
            "\r[%s%s] %3d%%  %d/%d cycles",
            "#".repeat(bars),
            " ".repeat(20 - bars),
            pct,
            done,
            total);
        out.flush();
      }
    }

    /** Ends the bar's line. */
    void done() {
      if (terminal && shown >= 0) {
        out.println();
      }
    }
  }

  static String json(BacktestResult r) {
    return "{\n"
        + "  \"symbol\": \""
        + r.symbol()
        + "\",\n  \"from\": \""
        + r.firstDecision()
        + "\",\n  \"to\": \""
        + r.lastDecision()
        + "\",\n  \"cycles\": "
        + r.cycles()
        + ",\n  \"incomplete_cycles\": "
        + r.incompleteCycles()
        + ",\n  \"verdicts\": "
        + counts(r.verdicts())
        + ",\n  \"recommendations\": "
        + counts(r.recommendations())
        + ",\n  \"exit_transitions\": "
        + counts(r.exitTransitions())
        + ",\n  \"grids_started\": "
        + r.gridsStarted()
        + ",\n  \"grids_stopped\": "
        + r.gridsStopped()
        + ",\n  \"evaluations_graded\": "
        + r.evaluationsGraded()
        + ",\n  \"grid_fills\": "
        + r.gridFills()
        + ",\n  \"wall_seconds\": "
        + String.format(Locale.ROOT, "%.3f", r.wallTime().toNanos() / 1e9)
        + ",\n  \"cycles_per_second\": "
        + String.format(Locale.ROOT, "%.0f", r.cyclesPerSecond())
        + "\n}\n";
  }

  private static String counts(Map<? extends Enum<?>, Long> m) {
    return m.entrySet().stream()
        .map(e -> "\"" + e.getKey().name().toLowerCase(Locale.ROOT) + "\": " + e.getValue())
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
