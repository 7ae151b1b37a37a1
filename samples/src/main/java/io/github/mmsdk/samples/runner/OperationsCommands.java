package io.github.mmsdk.samples.runner;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.cycle.CycleConfig;
import io.github.mmsdk.api.cycle.MarketMaker;
import io.github.mmsdk.api.exchange.ExchangeInterface;
import io.github.mmsdk.api.exchange.ExchangeProviders;
import io.github.mmsdk.api.exchange.ExchangeSettings;
import io.github.mmsdk.exchange.kucoin.KuCoinExchange;
import io.github.mmsdk.exit.DefaultExitEvaluator;
import io.github.mmsdk.grid.DefaultGridManager;
import io.github.mmsdk.grid.SimulatedDecisionGrader;
import io.github.mmsdk.notify.CompositeNotifier;
import io.github.mmsdk.ops.CycleScheduler;
import io.github.mmsdk.ops.HealthReport;
import io.github.mmsdk.ops.OperationalAlerts;
import io.github.mmsdk.regime.DefaultRegimeEngine;
import io.github.mmsdk.samples.demo.DemoMarket;
import io.github.mmsdk.store.git.GitDecisionStore;
import io.github.mmsdk.testkit.exchange.ReplayExchange;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The long-running service commands: {@code run} and {@code health}. */
final class OperationsCommands {
  private OperationsCommands() {}

  /** Which exchange a live command talks to. */
  enum Source {
    kucoin,
    demo
  }

  /** The exchange: KuCoin through its provider (credentials from the environment), or the demo. */
  static ExchangeInterface exchange(Source source, Map<String, String> env, Clock clock) {
    if (source == Source.demo) {
      Instant end = Timeframe.H1.floor(clock.instant());
      CandleSeries demo =
          DemoMarket.generate(
              Symbol.parse("ETH-USDT"), Timeframe.H1, end.minus(Duration.ofDays(60)), 60 * 24, 42);
      return ReplayExchange.builder(clock).id("demo").add(demo).build();
    }
    ExchangeSettings.Builder settings = new ExchangeSettings.Builder();
    KuCoinExchange.credentialsFromEnvironment(env).ifPresent(settings::credentials);
    return ExchangeProviders.byId("kucoin").create(settings.build(), clock);
  }

  static MarketMaker marketMaker(
      ExchangeInterface exchange,
      GitDecisionStore store,
      CompositeNotifier notifier,
      Clock clock,
      CycleConfig config,
      OperationalAlerts alerts) {
    MarketMaker.Builder b =
        MarketMaker.builder()
            .exchange(exchange)
            .regimeEngine(new DefaultRegimeEngine())
            .exitEvaluator(new DefaultExitEvaluator())
            .gridManager(new DefaultGridManager())
            .decisionGrader(new SimulatedDecisionGrader())
            .store(store)
            .notifier(notifier)
            .clock(clock)
            .config(config);
    if (alerts != null) {
      b.listener(alerts);
    }
    return b.build();
  }

  /** Runs cycles on schedule until SIGTERM, then drains. */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description =
          "Run decision cycles on candle closes for several symbols until stopped (SIGTERM drains:"
              + " the running commit finishes, notifications flush, sockets close).")
  static final class Run implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--every", description = "Cadence: 1h or 15m (default: ${DEFAULT-VALUE}).")
    String every = "1h";

    @Option(names = "--symbols", split = ",", description = "Symbols (default: ${DEFAULT-VALUE}).")
    List<String> symbols = new ArrayList<>(List.of("ETH-USDT"));

    @Option(names = "--store", description = "Store folder (default: ${DEFAULT-VALUE}).")
    Path store = Path.of("market-maker-data");

    @Option(names = "--exchange", description = "kucoin or demo (default: ${DEFAULT-VALUE}).")
    Source exchange = Source.kucoin;

    @Override
    public Integer call() throws InterruptedException {
      Timeframe cadence = Timeframe.parse(every);
      if (cadence != Timeframe.H1 && cadence != Timeframe.M15) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--every must be 1h or 15m, was " + every);
      }
      List<Symbol> parsed = symbols.stream().map(Symbol::parse).toList();
      Clock clock = Clock.systemUTC();
      Map<String, String> env = System.getenv();
      GitDecisionStore gitStore = GitDecisionStore.open(store);
      CompositeNotifier notifier = CompositeNotifier.fromEnvironment(env, clock, gitStore);
      OperationalAlerts alerts = new OperationalAlerts(notifier, clock);
      CycleConfig config = new CycleConfig.Builder().cadence(cadence.duration()).build();
      MarketMaker mm =
          marketMaker(exchange(exchange, env, clock), gitStore, notifier, clock, config, alerts);
      CycleScheduler scheduler =
          CycleScheduler.builder(mm)
              .symbols(parsed)
              .cadence(cadence.duration())
              .resumeFrom(gitStore)
              .clock(clock)
              .build();
      Runtime.getRuntime().addShutdownHook(new Thread(scheduler::close, "mm-runner-drain"));
      PrintWriter out = spec.commandLine().getOut();
      out.printf("running %s every %s into %s; SIGTERM drains%n", parsed, every, store);
      out.flush();
      scheduler.start();
      scheduler.awaitTermination();
      return 0;
    }
  }

  /** Reports aggregated health with an exit code for cron jobs and container probes. */
  @Command(
      name = "health",
      mixinStandardHelpOptions = true,
      description = "Report the health of the wired adapters. Exit code: 0 up, 1 degraded, 2 down.")
  static final class HealthCommand implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--store", description = "Store folder (default: ${DEFAULT-VALUE}).")
    Path store = Path.of("market-maker-data");

    @Option(names = "--exchange", description = "kucoin or demo (default: ${DEFAULT-VALUE}).")
    Source exchange = Source.kucoin;

    @Override
    public Integer call() {
      Clock clock = Clock.systemUTC();
      Map<String, String> env = System.getenv();
      GitDecisionStore gitStore = GitDecisionStore.open(store);
      CompositeNotifier notifier = CompositeNotifier.fromEnvironment(env, clock, gitStore);
      try (MarketMaker mm =
          marketMaker(
              exchange(exchange, env, clock),
              gitStore,
              notifier,
              clock,
              CycleConfig.defaults(),
              null)) {
        HealthReport report = HealthReport.of(mm.health(), clock.instant());
        spec.commandLine().getOut().println(json ? report.toJson() : report.toText());
        return report.exitCode();
      }
    }
  }
}
