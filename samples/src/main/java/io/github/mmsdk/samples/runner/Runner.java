package io.github.mmsdk.samples.runner;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.cycle.CycleResult;
import io.github.mmsdk.api.cycle.MarketMaker;
import io.github.mmsdk.api.decision.Escalation;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.exchange.ExchangeInterface;
import io.github.mmsdk.api.regime.RegimeVerdict;
import io.github.mmsdk.exit.DefaultExitEvaluator;
import io.github.mmsdk.grid.DefaultGridManager;
import io.github.mmsdk.grid.SimulatedDecisionGrader;
import io.github.mmsdk.regime.DefaultRegimeEngine;
import io.github.mmsdk.samples.demo.DemoMarket;
import io.github.mmsdk.store.git.GitDecisionStore;
import io.github.mmsdk.testkit.TestClock;
import io.github.mmsdk.testkit.exchange.CsvCandles;
import io.github.mmsdk.testkit.exchange.ReplayExchange;
import io.github.mmsdk.testkit.exchange.SimulatedExchange;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The SDK's command-line runner. Exit codes: 0 success, 1 a cycle was incomplete (for {@code
 * health}: degraded), 2 bad arguments or files (for {@code health}: down).
 */
@Command(
    name = "mm-runner",
    mixinStandardHelpOptions = true,
    version = "Market Maker SDK runner 0.1.0",
    description = "Regime-aware decision support for spot grid traders.",
    subcommands = {
      Runner.Demo.class,
      Runner.Evaluate.class,
      OperationsCommands.Run.class,
      OperationsCommands.HealthCommand.class,
      OperatorCommands.Action.class,
      OperatorCommands.Grid.class,
      BacktestCommand.class
    })
public final class Runner implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  /**
   * Runs the runner.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /**
   * Runs the runner without exiting the JVM.
   *
   * @param args the command line
   * @return the exit code
   */
  public static int execute(String... args) {
    // one-shot commands print their own summary; the service keeps per-cycle INFO logs
    boolean service = args.length > 0 && args[0].equals("run");
    if (!service && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    return new CommandLine(new Runner())
        .setExecutionExceptionHandler(
            (ex, cmd, parsed) -> {
              cmd.getErr().println("error: " + ex.getMessage());
              return 2;
            })
        .execute(args);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** Wires the SDK's default components around an exchange and a store. */
  static MarketMaker marketMaker(
      ExchangeInterface exchange, GitDecisionStore store, TestClock clock) {
    return MarketMaker.builder()
        .exchange(exchange)
        .regimeEngine(new DefaultRegimeEngine())
        .exitEvaluator(new DefaultExitEvaluator())
        .gridManager(new DefaultGridManager())
        .decisionGrader(new SimulatedDecisionGrader())
        .store(store)
        .clock(clock)
        .build();
  }

  /** The README's main job: hourly cycles over the deterministic demo market into a local store. */
  @Command(
      name = "demo",
      mixinStandardHelpOptions = true,
      description =
          "Run hourly decision cycles over the deterministic demo market into a local Git store.")
  static final class Demo implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", description = "Store folder (default: ${DEFAULT-VALUE}).")
    Path store = Path.of("market-maker-data");

    @Option(names = "--hours", description = "Hourly cycles to run (default: ${DEFAULT-VALUE}).")
    int hours = 48;

    @Option(names = "--symbol", description = "Symbol (default: ${DEFAULT-VALUE}).")
    String symbol = "ETH-USDT";

    @Option(names = "--seed", description = "Demo market seed (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      if (hours < 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--hours must be >= 1");
      }
      Symbol sym = Symbol.parse(symbol);
      Instant start = Instant.parse("2024-01-01T00:00:00Z");
      // 69 days of history first, so the default 48 hours cross the switch from a range to a trend
      int warmup = 69 * 24;
      CandleSeries hourly = DemoMarket.generate(sym, Timeframe.H1, start, warmup + hours, seed);
      TestClock clock = TestClock.at(start.plus(Duration.ofHours(warmup)));
      ReplayExchange market = ReplayExchange.builder(clock).id("demo").add(hourly).build();
      SimulatedExchange exchange =
          SimulatedExchange.over(market).deposit("USDT", new BigDecimal("10000")).build();
      int incomplete = 0;
      int recommendations = 0;
      RegimeVerdict last = null;
      try (MarketMaker mm = marketMaker(exchange, GitDecisionStore.open(store), clock)) {
        for (int h = 0; h < hours; h++) {
          CycleResult r = mm.runCycle(sym, clock.instant());
          if (!r.incompleteReasons().isEmpty()) {
            incomplete++;
          }
          RegimeVerdict v = r.regime().map(s -> s.verdict()).orElse(null);
          boolean worthSaying =
              r.recommendations().stream()
                  .anyMatch(rec -> rec.escalation() != Escalation.RECORD_ONLY);
          if (v != last || worthSaying) {
            out.printf(
                "%s  %-10s confidence %s  %s%n",
                r.asOf(),
                v == null ? "n/a" : v,
                r.regime().map(s -> String.format("%.2f", s.confidence())).orElse("  - "),
                describe(r));
          }
          recommendations += r.recommendations().size();
          last = v;
          clock.advance(Duration.ofHours(1));
        }
      }
      out.printf(
          "%d cycles, %d recommendations, %d incomplete; decisions recorded in %s%n",
          hours, recommendations, incomplete, store.toAbsolutePath().normalize());
      return incomplete == 0 ? 0 : 1;
    }
  }

  /** One decision cycle now (or at a given time) from a chosen source. */
  @Command(
      name = "evaluate",
      mixinStandardHelpOptions = true,
      description = "Run one decision cycle from a source into a local Git store.")
  static final class Evaluate implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--source",
        description =
            "demo, or csv:PATH (a file in the ../shared/data format) (default: ${DEFAULT-VALUE}).")
    String source = "demo";

    @Option(names = "--store", description = "Store folder (default: ${DEFAULT-VALUE}).")
    Path store = Path.of("market-maker-data");

    @Option(
        names = "--at",
        description = "Decision time, ISO-8601 (default: the last candle's close).")
    Instant at;

    @Override
    public Integer call() {
      CandleSeries candles;
      if (source.equals("demo")) {
        candles =
            DemoMarket.generate(
                Symbol.parse("ETH-USDT"),
                Timeframe.H1,
                Instant.parse("2024-01-01T00:00:00Z"),
                2000,
                42);
      } else if (source.startsWith("csv:")) {
        candles = CsvCandles.read(Path.of(source.substring(4)));
      } else {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--source must be demo or csv:PATH, was " + source);
      }
      if (candles.isEmpty()) {
        throw new CommandLine.ParameterException(spec.commandLine(), "the source has no candles");
      }
      Instant when =
          at != null ? at : Instant.ofEpochMilli(candles.closeTimeMillis(candles.size() - 1));
      TestClock clock = TestClock.at(when);
      ReplayExchange market = ReplayExchange.builder(clock).add(candles).build();
      SimulatedExchange exchange =
          SimulatedExchange.over(market).deposit("USDT", new BigDecimal("10000")).build();
      try (MarketMaker mm = marketMaker(exchange, GitDecisionStore.open(store), clock)) {
        CycleResult r = mm.runCycle(candles.symbol(), when);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
            "%s %s: %s confidence %s, %s%n",
            candles.symbol(),
            r.asOf(),
            r.regime().map(s -> s.verdict().name()).orElse("n/a"),
            r.regime().map(s -> String.format("%.2f", s.confidence())).orElse("-"),
            describe(r));
        r.regime().ifPresent(s -> s.reasons().forEach(reason -> out.println("  - " + reason)));
        r.incompleteReasons().forEach(reason -> out.println("  incomplete: " + reason));
        return r.incompleteReasons().isEmpty() ? 0 : 1;
      }
    }
  }

  static String describe(CycleResult r) {
    StringBuilder sb = new StringBuilder();
    for (Recommendation rec : r.recommendations()) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(rec.action()).append(" (").append(rec.escalation()).append(')');
    }
    return sb.length() == 0 ? "no recommendation" : sb.toString();
  }
}
