package io.github.mmsdk.samples.runner;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.MarketMakerException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.cycle.MarketMaker;
import io.github.mmsdk.backtest.Backtest;
import io.github.mmsdk.backtest.BacktestResult;
import io.github.mmsdk.exit.DefaultExitEvaluator;
import io.github.mmsdk.grid.DefaultGridManager;
import io.github.mmsdk.grid.SimulatedDecisionGrader;
import io.github.mmsdk.regime.IncrementalRegimeEngine;
import io.github.mmsdk.samples.demo.DemoMarket;
import io.github.mmsdk.testkit.exchange.CsvCandles;
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
 * in-memory store, and prints a summary (optionally also as JSON).
 *
 * <p>Exit codes: 0 done, 1 some cycles were incomplete, 2 bad arguments (picocli).
 */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    description =
        "Replay a source hour by hour through the facade (regime, exits, recommendations,"
            + " 24h/72h/7d grading) into an in-memory store and print a summary.")
final class BacktestCommand implements Callable<Integer> {

  private static final Instant DEMO_START = Instant.parse("2024-01-01T00:00:00Z");
  private static final int DEMO_HOURS = 24 * 365;
  private static final Duration WARM_UP = Duration.ofDays(60);

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--source",
      description =
          "demo, or csv:PATH (1h candles in the ../shared/data format) (default: ${DEFAULT-VALUE}).")
  String source = "demo";

  @Option(
      names = "--from",
      description = "First decision time, ISO-8601 (default: 60 days after the first candle).")
  Instant from;

  @Option(
      names = "--to",
      description = "Last decision time, ISO-8601 (default: the last candle's close).")
  Instant to;

  @Option(names = "--json", description = "Also write the result as JSON to this file.")
  Path json;

  @Option(
      names = "--follow",
      description = "A simulated operator follows every recommendation (starts and stops grids).")
  boolean follow;

  @Option(names = "--seed", description = "Demo market seed (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Override
  public Integer call() throws IOException {
    CandleSeries candles = load();
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
    BacktestResult r;
    try {
      r =
          Backtest.builder()
              .candles(candles)
              .from(first)
              .to(last)
              .followRecommendations(follow)
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
                          .closeAdapters(false)
                          .build())
              .build()
              .run();
    } catch (MarketMakerException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(r.summary());
    if (json != null) {
      Files.writeString(json, json(r), StandardCharsets.UTF_8);
      out.println("JSON written to " + json.toAbsolutePath().normalize());
    }
    return r.incompleteCycles() == 0 ? 0 : 1;
  }

  private CandleSeries load() {
    if (source.equals("demo")) {
      return DemoMarket.generate(
          Symbol.parse("ETH-USDT"), Timeframe.H1, DEMO_START, DEMO_HOURS, seed);
    }
    if (source.startsWith("csv:")) {
      CandleSeries s = CsvCandles.read(Path.of(source.substring(4)));
      if (s.timeframe() != Timeframe.H1) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "the backtest needs 1h candles, the file has " + s.timeframe().label());
      }
      return s;
    }
    throw new CommandLine.ParameterException(
        spec.commandLine(), "--source must be demo or csv:PATH, was " + source);
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
