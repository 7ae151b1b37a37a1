package io.github.mmsdk.samples.runner;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.MarketMakerException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.cycle.CycleResult;
import io.github.mmsdk.api.cycle.MarketMaker;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.Escalation;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.exchange.ExchangeInterface;
import io.github.mmsdk.api.regime.RegimeVerdict;
import io.github.mmsdk.backtest.MarketMakerFactory;
import io.github.mmsdk.exit.DefaultExitEvaluator;
import io.github.mmsdk.grid.DefaultGridManager;
import io.github.mmsdk.grid.SimulatedDecisionGrader;
import io.github.mmsdk.regime.DefaultRegimeEngine;
import io.github.mmsdk.samples.demo.DemoMarket;
import io.github.mmsdk.store.git.GitDecisionStore;
import io.github.mmsdk.testkit.TestClock;
import io.github.mmsdk.testkit.exchange.ReplayExchange;
import io.github.mmsdk.testkit.exchange.SimulatedExchange;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The SDK's command-line runner. Exit codes: 0 success, 1 findings (a cycle was incomplete, a
 * replay found differences, the store verification found tampering; for {@code health}: degraded),
 * 2 bad arguments, bad files or a failure (for {@code health}: down).
 */
@Command(
    name = "mm-runner",
    mixinStandardHelpOptions = true,
    version = "Market Maker SDK runner 0.1.0",
    description = "Regime-aware decision support for spot grid traders.")
public final class Runner implements Callable<Integer> {

  /**
   * The subcommands, in the order {@code --help} lists them. Registered programmatically rather
   * than in {@code @Command(subcommands = ...)} so that a run builds the picocli model of the one
   * command it invokes only (building all of them costs a noticeable part of a short run's start).
   */
  static final List<Class<?>> COMMANDS =
      List.of(
          Runner.Demo.class,
          Runner.Evaluate.class,
          OperationsCommands.Run.class,
          OperationsCommands.HealthCommand.class,
          OperatorCommands.Action.class,
          OperatorCommands.Grid.class,
          OperatorCommands.Halt.class,
          OperatorCommands.Resume.class,
          BacktestCommand.class,
          ReplayCommand.class,
          KpisCommand.class,
          ReportCommand.class,
          BackfillCommand.class,
          VerifyStoreCommand.class);

  /** An instant after every record, for "up to the end" reads. */
  static final Instant END_OF_TIME = Instant.parse("9999-01-01T00:00:00Z");

  /** The demo command's hours of history before its first cycle (crossing a regime switch). */
  static final int DEMO_WARMUP_HOURS = 69 * 24;

  /** The demo command's last cycle with its default 48 hours: where a demo backfill ends. */
  static final Instant DEMO_END =
      CandleSource.DEMO_START.plus(Duration.ofHours(DEMO_WARMUP_HOURS + 47L));

  /**
   * How many hours of the demo market before a cycle the demo and evaluate commands serve: the
   * regime engine reads the latest 1000 1h and 250 4h candles, so 1200 hours change no decision;
   * serving less keeps the first cycle's raw-candle commit (and every later cycle's check of it)
   * small.
   */
  static final int DEMO_VISIBLE_HOURS = 1200;

  /** How many hours of the demo market a demo exchange serves (two years). */
  static final int DEMO_HOURS_AVAILABLE = 2 * 365 * 24;

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
    return execute(commandLine(args.length > 0 ? args[0] : ""), args);
  }

  /** Runs a command line built by {@link #commandLine} (with its own output streams, say). */
  static int execute(CommandLine commandLine, String... args) {
    // one-shot commands print their own summary; the service keeps per-cycle INFO logs
    boolean service = args.length > 0 && args[0].equals("run");
    if (!service && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    return commandLine
        .setExecutionExceptionHandler(
            (ex, cmd, parsed) -> {
              cmd.getErr().println("error: " + ex.getMessage());
              return 2;
            })
        .execute(args);
  }

  /**
   * The command line with the subcommand {@code first} names, or with all of them when it names
   * none (help, a typo, an option).
   */
  static CommandLine commandLine(String first) {
    CommandLine cl = new CommandLine(new Runner());
    Class<?> only = null;
    for (Class<?> c : COMMANDS) {
      if (c.getAnnotation(Command.class).name().equals(first)) {
        only = c;
      }
    }
    for (Class<?> c : only != null ? List.<Class<?>>of(only) : COMMANDS) {
      cl.addSubcommand(c);
    }
    return cl;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** {@return a facade builder with the SDK's default engines, exits, grid rules and grader} */
  static MarketMaker.Builder defaultEngines() {
    return MarketMaker.builder()
        .regimeEngine(new DefaultRegimeEngine())
        .exitEvaluator(new DefaultExitEvaluator())
        .gridManager(new DefaultGridManager())
        .decisionGrader(new SimulatedDecisionGrader());
  }

  /** Wires the SDK's default components around an exchange and a store. */
  static MarketMaker marketMaker(ExchangeInterface exchange, GitDecisionStore store, Clock clock) {
    return defaultEngines().exchange(exchange).store(store).clock(clock).build();
  }

  /**
   * The same wiring as {@link #marketMaker} for replays and backtests, which own the store and
   * exchange themselves.
   */
  static MarketMakerFactory wiring() {
    return (exchange, store, clock) ->
        defaultEngines().exchange(exchange).store(store).clock(clock).closeAdapters(false).build();
  }

  /**
   * Parses a {@code --symbol} value.
   *
   * @throws CommandLine.ParameterException when it is not a pair such as ETH-USDT
   */
  static Symbol symbol(CommandLine.Model.CommandSpec spec, String text) {
    try {
      return Symbol.parse(text);
    } catch (MarketMakerException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "'" + text + "' is not a pair such as ETH-USDT: " + e.getMessage());
    }
  }

  /**
   * Opens a store that must already exist (for commands that read one).
   *
   * @throws CommandLine.ParameterException when the folder holds no store
   */
  static GitDecisionStore existingStore(CommandLine.Model.CommandSpec spec, Path folder) {
    boolean bare = Files.isRegularFile(folder.resolve("HEAD"));
    boolean workTree = Files.isDirectory(folder.resolve(".git"));
    if (!bare && !workTree) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--store "
              + folder
              + ": no store there (run 'demo', 'evaluate' or 'backfill' to create one)");
    }
    return GitDecisionStore.open(folder);
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

    @Option(
        names = "--report",
        description = "The HTML report (default: report-<SYMBOL>.html in the store folder).")
    Path report;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      if (hours < 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--hours must be >= 1");
      }
      Symbol sym = symbol(spec, symbol);
      Instant start = CandleSource.DEMO_START;
      // 69 days of history first, so the default 48 hours cross the switch from a range to a trend
      int warmup = DEMO_WARMUP_HOURS;
      // the market serves what the engines read (see DEMO_VISIBLE_HOURS) before the first cycle
      CandleSeries hourly =
          DemoMarket.generate(sym, Timeframe.H1, start, warmup + hours, seed)
              .slice(warmup - DEMO_VISIBLE_HOURS, warmup + hours);
      TestClock clock = TestClock.at(start.plus(Duration.ofHours(warmup)));
      ReplayExchange market = ReplayExchange.builder(clock).id("demo").add(hourly).build();
      SimulatedExchange exchange =
          SimulatedExchange.over(market).deposit("USDT", new BigDecimal("10000")).build();
      int incomplete = 0;
      int recommendations = 0;
      RegimeVerdict last = null;
      Instant first = clock.instant();
      Path page;
      GitDecisionStore gitStore = GitDecisionStore.open(store);
      Instant lastCycle = first.plus(Duration.ofHours(hours - 1L));
      // a second run into the same store shows what the first recorded instead of failing
      Map<Instant, DecisionRecord> recorded = new HashMap<>();
      gitStore
          .decisions(sym, first, lastCycle.plusNanos(1))
          .forEach(d -> recorded.put(d.metadata().observedAt(), d));
      int already = 0;
      try (MarketMaker mm = marketMaker(exchange, gitStore, clock)) {
        for (int h = 0; h < hours; h++) {
          Instant t = clock.instant();
          DecisionRecord kept = recorded.get(t);
          RegimeVerdict v;
          Optional<Double> confidence;
          List<Recommendation> recs;
          if (kept != null) {
            already++;
            v = kept.regime().verdict();
            confidence = Optional.of(kept.regime().confidence());
            recs = kept.recommendations();
          } else {
            CycleResult r = mm.runCycle(sym, t);
            if (!r.incompleteReasons().isEmpty()) {
              incomplete++;
            }
            v = r.regime().map(s -> s.verdict()).orElse(null);
            confidence = r.regime().map(s -> s.confidence());
            recs = r.recommendations();
          }
          boolean worthSaying =
              recs.stream().anyMatch(rec -> rec.escalation() != Escalation.RECORD_ONLY);
          if (v != last || worthSaying) {
            out.printf(
                "%s  %-10s confidence %s  %s%n",
                t,
                v == null ? "n/a" : v,
                confidence.map(c -> String.format("%.2f", c)).orElse("  - "),
                describe(recs));
          }
          recommendations += recs.size();
          last = v;
          clock.advance(Duration.ofHours(1));
        }
        page =
            ReportCommand.write(
                gitStore,
                hourly,
                first,
                hours > 1 ? lastCycle : first.plus(Duration.ofHours(1)),
                report != null ? report : ReportCommand.defaultFile(store, sym),
                sym + " demo market report");
      }
      out.printf(
          "%d cycles%s, %d recommendations, %d incomplete; decisions recorded in %s%n",
          hours,
          already == 0 ? "" : " (" + already + " recorded by an earlier run)",
          recommendations,
          incomplete,
          store.toAbsolutePath().normalize());
      ReportCommand.printWritten(out, page);
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
            "demo, csv:PATH (a file in the ../shared/data format, 1h or finer) or kucoin (public"
                + " data, now) (default: ${DEFAULT-VALUE}).")
    String source = "demo";

    @Option(names = "--symbol", description = "Symbol for demo and kucoin (default: ETH-USDT).")
    String symbol = "ETH-USDT";

    @Option(names = "--store", description = "Store folder (default: ${DEFAULT-VALUE}).")
    Path store = Path.of("market-maker-data");

    @Option(
        names = "--at",
        converter = InstantConverter.class,
        description =
            "Decision time, a UTC date or ISO-8601 instant (default: the last candle's close;"
                + " now for kucoin).")
    Instant at;

    @Override
    public Integer call() {
      CandleSource src =
          CandleSource.parse(
              spec,
              source,
              CandleSource.Kind.DEMO,
              CandleSource.Kind.CSV,
              CandleSource.Kind.KUCOIN);
      Symbol sym = symbol(spec, symbol);
      ExchangeInterface exchange;
      Clock clock;
      Instant when;
      if (src.kind() == CandleSource.Kind.KUCOIN) {
        clock = Clock.systemUTC();
        when = at != null ? at : Timeframe.H1.floor(clock.instant());
        exchange = src.exchange(clock, List.of(sym), 0, 0, System.getenv());
      } else {
        CandleSeries candles = src.hourly(sym, 2000, 42);
        if (src.kind() == CandleSource.Kind.DEMO) {
          candles = candles.slice(candles.size() - DEMO_VISIBLE_HOURS, candles.size());
        }
        if (candles.isEmpty()) {
          throw new CommandLine.ParameterException(spec.commandLine(), "the source has no candles");
        }
        sym = candles.symbol();
        when = at != null ? at : Instant.ofEpochMilli(candles.closeTimeMillis(candles.size() - 1));
        TestClock replayClock = TestClock.at(when);
        clock = replayClock;
        ReplayExchange market =
            ReplayExchange.builder(replayClock)
                .id(source.equals("demo") ? "demo" : "csv")
                .add(candles)
                .build();
        exchange = SimulatedExchange.over(market).deposit("USDT", new BigDecimal("10000")).build();
      }
      try (MarketMaker mm = marketMaker(exchange, GitDecisionStore.open(store), clock)) {
        CycleResult r = mm.runCycle(sym, when);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
            "%s %s: %s confidence %s, %s%n",
            sym,
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
    return describe(r.recommendations());
  }

  static String describe(List<Recommendation> recommendations) {
    StringBuilder sb = new StringBuilder();
    for (Recommendation rec : recommendations) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(rec.action()).append(" (").append(rec.escalation()).append(')');
    }
    return sb.length() == 0 ? "no recommendation" : sb.toString();
  }
}
