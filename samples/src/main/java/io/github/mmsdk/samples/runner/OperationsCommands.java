package io.github.mmsdk.samples.runner;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.cycle.CycleConfig;
import io.github.mmsdk.api.cycle.CycleListener;
import io.github.mmsdk.api.cycle.CycleResult;
import io.github.mmsdk.api.cycle.MarketMaker;
import io.github.mmsdk.api.decision.ControlRecord;
import io.github.mmsdk.api.exchange.ExchangeInterface;
import io.github.mmsdk.api.exchange.ExchangeProviders;
import io.github.mmsdk.api.exchange.ExchangeSettings;
import io.github.mmsdk.api.notify.Notifier;
import io.github.mmsdk.exchange.kucoin.KuCoinExchange;
import io.github.mmsdk.notify.CompositeNotifier;
import io.github.mmsdk.ops.CycleListeners;
import io.github.mmsdk.ops.CycleScheduler;
import io.github.mmsdk.ops.HealthReport;
import io.github.mmsdk.ops.OperationalAlerts;
import io.github.mmsdk.ops.Sleeper;
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
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The long-running service commands: {@code run} (reconciles on start, then cycles on schedule) and
 * {@code health} (adapters and the operator halt).
 */
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
      Notifier notifier,
      Clock clock,
      CycleConfig config,
      CycleListener listener) {
    return Runner.defaultEngines()
        .exchange(exchange)
        .store(store)
        .notifier(notifier)
        .clock(clock)
        .config(config)
        .listener(listener)
        .build();
  }

  /**
   * What the {@code run} service is made of, so a test can run the same wiring under a test clock,
   * a simulated sleeper, a fake exchange and a recording notifier.
   *
   * @param store the store folder
   * @param symbols the pairs
   * @param config the cycle configuration (its cadence is the schedule's)
   * @param clock the clock of every part
   * @param sleeper how lanes wait for their slot
   * @param exchange creates the exchange (once per start)
   * @param notifier creates the notifier over the opened store (its dead-letter sink)
   * @param listener hears every cycle, besides the operational alerts
   */
  record Wiring(
      Path store,
      List<Symbol> symbols,
      CycleConfig config,
      Clock clock,
      Sleeper sleeper,
      Supplier<ExchangeInterface> exchange,
      Function<GitDecisionStore, Notifier> notifier,
      CycleListener listener) {}

  /**
   * The running service: opens the store, wires the facade with operational alerts, reconciles
   * (printing and announcing its findings), announces a halt in force, and starts the scheduler,
   * which resumes each symbol after its newest stored decision. {@link #close()} drains.
   */
  static final class Service implements AutoCloseable {
    final MarketMaker marketMaker;
    final OperationalAlerts alerts;
    final List<ControlRecord> findings;
    final CycleScheduler scheduler;

    private Service(
        MarketMaker marketMaker,
        OperationalAlerts alerts,
        List<ControlRecord> findings,
        CycleScheduler scheduler) {
      this.marketMaker = marketMaker;
      this.alerts = alerts;
      this.findings = findings;
      this.scheduler = scheduler;
    }

    static Service start(Wiring w, PrintWriter out) {
      GitDecisionStore gitStore = GitDecisionStore.builder(w.store()).clock(w.clock()).open();
      MarketMaker mm = null;
      try {
        Notifier notifier = w.notifier().apply(gitStore);
        OperationalAlerts alerts = new OperationalAlerts(notifier, w.clock());
        AtomicReference<MarketMaker> facade = new AtomicReference<>();
        CycleListener haltWatch =
            new CycleListener() {
              @Override
              public void cycleFinished(CycleResult result) {
                MarketMaker m = facade.get();
                if (m != null) {
                  alerts.checkHalt(m.haltState());
                }
              }
            };
        mm =
            marketMaker(
                w.exchange().get(),
                gitStore,
                notifier,
                w.clock(),
                w.config(),
                CycleListeners.composite(alerts, haltWatch, w.listener()));
        facade.set(mm);
        List<ControlRecord> findings = mm.reconcile();
        if (findings.isEmpty()) {
          out.println("reconciled: the store and the exchange agree");
        } else {
          out.printf("reconciled: %d finding(s), recorded in the store%n", findings.size());
          findings.forEach(f -> out.println("  finding: " + f.reason()));
        }
        alerts.reconciled(findings);
        Optional<ControlRecord> halt = mm.haltState();
        halt.ifPresent(h -> out.println(describeHalt(h)));
        alerts.checkHalt(halt);
        CycleScheduler scheduler =
            CycleScheduler.builder(mm)
                .symbols(w.symbols())
                .cadence(w.config().cadence())
                .resumeFrom(gitStore)
                .clock(w.clock())
                .sleeper(w.sleeper())
                .build();
        scheduler.start();
        out.printf(
            "running %s every %d min into %s from slots %s; SIGTERM drains%n",
            w.symbols(), w.config().cadence().toMinutes(), w.store(), scheduler.firstSlots());
        out.flush();
        return new Service(mm, alerts, findings, scheduler);
      } catch (RuntimeException e) {
        if (mm != null) {
          mm.close(); // closes the store and the notifier too
        } else {
          gitStore.close();
        }
        throw e;
      }
    }

    /** Drains: no new cycle starts, running ones finish, then the facade and adapters close. */
    @Override
    public void close() {
      scheduler.close();
    }
  }

  static String describeHalt(ControlRecord halt) {
    return "trading HALTED since "
        + halt.at()
        + " by "
        + halt.actor()
        + (halt.reason().isBlank() ? "" : ": " + halt.reason())
        + " (no grid setups until `mm-runner resume`; exits still flow)";
  }

  /** Runs cycles on schedule until SIGTERM, then drains. */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description =
          "Run decision cycles on candle closes for several symbols until stopped (SIGTERM drains:"
              + " the running commit finishes, notifications flush, sockets close). On start it"
              + " reconciles the store with the exchange and prints the findings, and resumes each"
              + " symbol after its newest stored decision.")
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
      Wiring wiring =
          new Wiring(
              store,
              parsed,
              new CycleConfig.Builder().cadence(cadence.duration()).build(),
              clock,
              Sleeper.system(clock),
              () -> exchange(exchange, env, clock),
              s -> CompositeNotifier.fromEnvironment(env, clock, s),
              CycleListener.noop());
      Service service = Service.start(wiring, spec.commandLine().getOut());
      Runtime.getRuntime().addShutdownHook(new Thread(service::close, "mm-runner-drain"));
      service.scheduler.awaitTermination();
      return 0;
    }
  }

  /** Reports aggregated health with an exit code for cron jobs and container probes. */
  @Command(
      name = "health",
      mixinStandardHelpOptions = true,
      description =
          "Report the health of the wired adapters and an operator halt in force. Exit code: 0 up,"
              + " 1 degraded, 2 down (a halt is shown, not graded).")
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
              CycleListener.noop())) {
        HealthReport report = HealthReport.of(mm.health(), clock.instant(), mm.haltState());
        spec.commandLine().getOut().println(json ? report.toJson() : report.toText());
        return report.exitCode();
      }
    }
  }
}
