package io.github.mmsdk.samples.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.mmsdk.api.Secret;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.cycle.CycleConfig;
import io.github.mmsdk.api.cycle.CycleListener;
import io.github.mmsdk.api.cycle.CycleResult;
import io.github.mmsdk.api.cycle.CycleStep;
import io.github.mmsdk.api.decision.ControlRecord;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.GridAction;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.decision.RecommendationType;
import io.github.mmsdk.api.exchange.ApiCredentials;
import io.github.mmsdk.api.exchange.ExchangeSettings;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.exchange.kucoin.KuCoinExchange;
import io.github.mmsdk.exchange.kucoin.fake.FakeKuCoin;
import io.github.mmsdk.samples.runner.OperationsCommands.Service;
import io.github.mmsdk.samples.runner.OperationsCommands.Wiring;
import io.github.mmsdk.store.git.GitDecisionStore;
import io.github.mmsdk.testkit.TestClock;
import io.github.mmsdk.testkit.notify.RecordingNotifier;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's long-running runner: the {@code run} service's own wiring ({@link Service}) against
 * the fake KuCoin on loopback, spoken to by the real {@link KuCoinExchange} over HTTP, for a
 * simulated week of hourly cycles over ETH-USDT and BTC-USDT, under a test clock that only moves
 * when both lanes sleep (no real waiting). Half-way the service is closed (drained) and, after
 * three hours of downtime, a new one reopens the Git store, reconciles and resumes. An operator
 * halt is recorded before the restart and lifted after it.
 */
class WeekLongRunIT {

  private static final Symbol ETH = Symbol.parse("ETH-USDT");
  private static final Symbol BTC = Symbol.parse("BTC-USDT");
  private static final List<Symbol> SYMBOLS = List.of(ETH, BTC);
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z"); // a Monday
  private static final int WEEK = 168;
  private static final int BEFORE_RESTART = 84;
  private static final Duration DOWNTIME = Duration.ofHours(3).plusSeconds(30);
  private static final Instant HALT_AT = T0.plus(Duration.ofMinutes(40 * 60 + 30));
  private static final Instant RESUME_AT = T0.plus(Duration.ofMinutes(120 * 60 + 30));
  private static final String KEY = "kc-key-week-run";
  private static final String SECRET = "kc-secret-week-run";
  private static final String PASSPHRASE = "kc-pass-week-run";

  static {
    // the JDK HTTP server writes headers and body separately; without TCP_NODELAY each answer
    // waits for the client's delayed ACK (about 40 ms): latency, not work, and 2,358 requests
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  @TempDir Path dir;

  private final TestClock clock = TestClock.at(T0.plusSeconds(5));
  private final Map<Symbol, List<Instant>> ran = new ConcurrentHashMap<>();
  private final AtomicInteger incomplete = new AtomicInteger();
  private final Map<String, AtomicLong> stepMillis = new ConcurrentHashMap<>();
  private final CycleListener recorder =
      new CycleListener() {
        @Override
        public void stepFinished(
            Symbol symbol, CycleStep step, Duration duration, boolean succeeded) {
          stepMillis
              .computeIfAbsent(step.name(), k -> new AtomicLong())
              .addAndGet(duration.toMillis());
        }

        @Override
        public void cycleFinished(CycleResult result) {
          ran.computeIfAbsent(result.symbol(), s -> Collections.synchronizedList(new ArrayList<>()))
              .add(result.asOf());
          if (!result.incompleteReasons().isEmpty()) {
            incomplete.incrementAndGet();
          }
        }
      };

  private Wiring wiring(Path store, FakeKuCoin kucoin, VirtualTime time, RecordingNotifier notes) {
    ExchangeSettings settings =
        new ExchangeSettings.Builder()
            .baseUri(kucoin.baseUri())
            .credentials(
                ApiCredentials.of(Secret.of(KEY), Secret.of(SECRET), Secret.of(PASSPHRASE)))
            .callTimeout(Duration.ofSeconds(10))
            .putOption("retry_min_delay_ms", "5")
            .putOption("retry_max_delay_ms", "40")
            .build();
    // one page of candles per timeframe and cycle: 336 1h candles cover every metric's warm-up
    // (the longest, the OU half-life, needs 100), 252 4h candles the engine's 250-candle
    // confirmation window; the default lookbacks (270 d, 540 d) would make each cycle's HTTP and
    // raw-candle merge work about ten times larger without changing what this test checks
    CycleConfig config =
        new CycleConfig.Builder()
            .putLookback(Timeframe.H1, Duration.ofDays(14))
            .putLookback(Timeframe.H4, Duration.ofDays(42))
            .build();
    return new Wiring(
        store,
        SYMBOLS,
        config,
        clock,
        time,
        () -> new KuCoinExchange(settings, clock),
        s -> notes,
        recorder);
  }

  private static List<Instant> hours(int from, int to) {
    return IntStream.range(from, to).mapToObj(h -> T0.plus(HOUR.multipliedBy(h))).toList();
  }

  @Test
  void aWeekOverTwoSymbolsWithARestartRunsEveryCycleOnceInOrderAndLosesNothing() throws Exception {
    Assumptions.assumeTrue(
        FakeKuCoin.dataPresent(), "../shared/data absent: skipping the week-long run");
    long started = System.nanoTime();
    long cpuAtStart = cpuNanos() / 1_000_000_000L;
    Path store = dir.resolve("market-maker-data");
    AtomicReference<Service> running = new AtomicReference<>();
    RecordingNotifier firstNotes = new RecordingNotifier(clock);
    RecordingNotifier secondNotes = new RecordingNotifier(clock);
    StringWriter firstOut = new StringWriter();
    StringWriter secondOut = new StringWriter();
    Map<Symbol, Instant> resumedFrom;
    int requests;
    try (FakeKuCoin kucoin = new FakeKuCoin(clock)) {
      kucoin.addKey(KEY, SECRET, PASSPHRASE, "General,Spot", "127.0.0.1");
      kucoin.quota(1_000_000, Duration.ofSeconds(30)); // no rate limit: not what this test is about

      // first process: 3.5 days; an operator halts between two cycles
      VirtualTime first =
          new VirtualTime(clock, SYMBOLS.size(), T0.plus(HOUR.multipliedBy(BEFORE_RESTART)))
              .at(
                  HALT_AT,
                  () -> {
                    Service s = awaitSet(running);
                    s.alerts.control(s.marketMaker.halt("alice", "exchange maintenance window"));
                  });
      Service service = Service.start(wiring(store, kucoin, first, firstNotes), writer(firstOut));
      running.set(service);
      assertThat(first.awaitParked(120)).as("first run reached the restart").isTrue();
      service.close(); // drains, closes the exchange, the store and the notifier
      Map<Symbol, List<Instant>> beforeRestart = copy(ran);
      for (Symbol s : SYMBOLS) {
        assertThat(beforeRestart.get(s)).as("before restart, %s", s).isEqualTo(hours(0, 84));
      }

      // down for three hours, then a new process: new store handle, facade, reconcile, resume
      clock.set(T0.plus(HOUR.multipliedBy(BEFORE_RESTART)).plus(DOWNTIME));
      running.set(null);
      VirtualTime second =
          new VirtualTime(clock, SYMBOLS.size(), T0.plus(HOUR.multipliedBy(WEEK)))
              .at(
                  RESUME_AT,
                  () -> {
                    Service s = awaitSet(running);
                    s.alerts.control(s.marketMaker.resume("bob", "maintenance over"));
                  });
      service = Service.start(wiring(store, kucoin, second, secondNotes), writer(secondOut));
      running.set(service);
      resumedFrom = service.scheduler.firstSlots();
      assertThat(service.findings).as("reconciliation findings").isEmpty();
      assertThat(second.awaitParked(120)).as("second run reached the end of the week").isTrue();
      service.close();
      requests = kucoin.requests().size();
    }
    long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
    long cpuSeconds = cpuNanos() / 1_000_000_000L - cpuAtStart;

    // every cycle ran exactly once, in order, per symbol
    for (Symbol s : SYMBOLS) {
      assertThat(ran.get(s)).as("cycles of %s, in order, once each", s).isEqualTo(hours(0, WEEK));
      assertThat(resumedFrom).containsEntry(s, T0.plus(HOUR.multipliedBy(BEFORE_RESTART)));
    }
    assertThat(incomplete).as("incomplete cycles").hasValue(0);
    assertThat(firstOut.toString()).contains("reconciled: the store and the exchange agree");
    assertThat(secondOut.toString())
        .contains("reconciled: the store and the exchange agree")
        .contains("trading HALTED since " + HALT_AT + " by alice")
        .contains("from slots {" + ETH + "=" + T0.plus(HOUR.multipliedBy(BEFORE_RESTART)));

    // nothing lost across the restart: 168 decisions per symbol, consecutive hours, no duplicates
    Map<Symbol, List<DecisionRecord>> decisions = new TreeMap<>();
    List<ControlRecord> controls;
    try (GitDecisionStore s = GitDecisionStore.open(store)) {
      for (Symbol sym : SYMBOLS) {
        decisions.put(sym, s.decisions(sym, T0.minus(HOUR), T0.plus(Duration.ofDays(8))));
      }
      controls = s.controls(T0, T0.plus(Duration.ofDays(8)));
    }
    for (Symbol sym : SYMBOLS) {
      List<DecisionRecord> ds = decisions.get(sym);
      assertThat(ds).extracting(d -> d.metadata().observedAt()).isEqualTo(hours(0, WEEK));
      assertThat(ds.stream().map(DecisionRecord::id).distinct()).hasSize(WEEK);
      assertThat(ds).allSatisfy(d -> assertThat(d.incompleteReasons()).isEmpty());
      // the exchange never served the future: the newest candle closed exactly at the decision
      assertThat(ds)
          .allSatisfy(d -> assertThat(d.regime().asOf()).isEqualTo(d.metadata().observedAt()));
      // no grid setup while halted, and the halt vetoed nothing outside its window
      for (DecisionRecord d : ds) {
        Instant t = d.metadata().observedAt();
        boolean halted = t.isAfter(HALT_AT) && t.isBefore(RESUME_AT);
        for (Recommendation r : d.recommendations()) {
          boolean haltVeto = r.vetoes().stream().anyMatch(v -> v.startsWith("global_halt"));
          if (r.type() == RecommendationType.GRID_SETUP) {
            assertThat(haltVeto).as("%s at %s vetoed by the halt", sym, t).isEqualTo(halted);
            if (halted) {
              assertThat(r.action()).isNotEqualTo(GridAction.CREATE_GRID);
            }
          }
        }
      }
    }
    assertThat(controls)
        .extracting(ControlRecord::kind, ControlRecord::actor, ControlRecord::at)
        .containsExactly(
            tuple(ControlRecord.Kind.HALT, "alice", HALT_AT),
            tuple(ControlRecord.Kind.RESUME, "bob", RESUME_AT));

    // the halt was announced once per process, its resume once
    assertThat(alerts(firstNotes, "OPERATOR_HALT")).hasSize(1);
    assertThat(alerts(secondNotes, "OPERATOR_HALT")).hasSize(1);
    assertThat(secondNotes.delivered())
        .filteredOn(n -> n.title().equals("Trading resumed"))
        .singleElement()
        .satisfies(n -> assertThat(n.message()).contains("bob").contains("alice"));

    int decided = decisions.values().stream().mapToInt(List::size).sum();
    List<Notification> all = new ArrayList<>(firstNotes.delivered());
    all.addAll(secondNotes.delivered());
    System.out.printf(
        "week-long run: %d cycles (%s), %d decisions stored (%s), restart after %d cycles per"
            + " symbol with %s of downtime, resumed from %s; %d notifications (%s); %d halted"
            + " hours per symbol; %d HTTP requests to the fake KuCoin; %d s wall, %d s CPU"
            + " (load average %.1f on %d CPUs)%n",
        ran.values().stream().mapToInt(List::size).sum(),
        counts(ran),
        decided,
        decisions.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue().size())
            .collect(Collectors.joining(", ")),
        BEFORE_RESTART,
        DOWNTIME,
        resumedFrom,
        all.size(),
        all.stream()
            .collect(
                Collectors.groupingBy(
                    n -> n.kind() + fieldOf(n), TreeMap::new, Collectors.counting())),
        hours(0, WEEK).stream().filter(t -> t.isAfter(HALT_AT) && t.isBefore(RESUME_AT)).count(),
        requests,
        seconds,
        cpuSeconds,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
    assertThat(decided).isEqualTo(2 * WEEK);
    System.out.println(
        "week-long run: step time in ms, summed over both lanes: " + new TreeMap<>(stepMillis));
  }

  private static long cpuNanos() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean
        ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime()
        : 0;
  }

  private static List<Notification> alerts(RecordingNotifier notes, String alert) {
    return notes.delivered().stream()
        .filter(n -> n.kind() == Notification.Kind.OPERATIONAL_ALERT)
        .filter(n -> alert.equals(n.fields().get("alert")))
        .toList();
  }

  private static String fieldOf(Notification n) {
    String alert = n.fields().get("alert");
    return alert == null ? "" : "/" + alert;
  }

  private static String counts(Map<Symbol, List<Instant>> m) {
    return new TreeMap<>(m)
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue().size())
            .collect(Collectors.joining(", "));
  }

  private static Map<Symbol, List<Instant>> copy(Map<Symbol, List<Instant>> m) {
    Map<Symbol, List<Instant>> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return out;
  }

  private static PrintWriter writer(StringWriter w) {
    return new PrintWriter(w, true);
  }

  private static Service awaitSet(AtomicReference<Service> ref) {
    Service s;
    while ((s = ref.get()) == null) {
      Thread.onSpinWait();
    }
    return s;
  }
}
