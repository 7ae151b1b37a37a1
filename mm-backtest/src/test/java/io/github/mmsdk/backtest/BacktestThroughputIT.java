package io.github.mmsdk.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.cycle.CycleListener;
import io.github.mmsdk.api.cycle.CycleStep;
import io.github.mmsdk.api.cycle.MarketMaker;
import io.github.mmsdk.api.regime.RegimeEngine;
import io.github.mmsdk.exit.DefaultExitEvaluator;
import io.github.mmsdk.grid.DefaultGridManager;
import io.github.mmsdk.grid.SimulatedDecisionGrader;
import io.github.mmsdk.regime.DefaultRegimeEngine;
import io.github.mmsdk.regime.IncrementalRegimeEngine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/**
 * A measured run (not a timed assertion): the whole ETH-USDT 1h history backtested through the
 * facade with an in-memory store, once with each regime engine, after a warm-up. Writes
 * target/performance-backtest.md.
 */
class BacktestThroughputIT {

  /**
   * Measured runs of the incremental engine, after the warm-up, then one under JFR: three when the
   * numbers are for docs/ ({@code -Dmm.docs.write=true}), one in a plain {@code verify}; the
   * replaying DefaultRegimeEngine (about three times slower) gets one run and no profile.
   */
  private static final int RUNS = Boolean.getBoolean("mm.docs.write") ? 3 : 1;

  /** Frames every sample holds: left out of the profile. */
  private static final Set<String> FRAME =
      Set.of(
          "Backtest.run",
          "MarketMaker.runCycle",
          "CycleRun.run",
          "CycleRun.step",
          "BacktestThroughputIT.run",
          "BacktestThroughputIT.profile",
          "BacktestThroughputIT.measuresCyclesPerSecondOverTheWholeEthHistory");

  /** Sums the facade's own step timings. */
  static final class StepTimes implements CycleListener {
    final Map<CycleStep, Long> nanos = new EnumMap<>(CycleStep.class);

    @Override
    public void stepFinished(Symbol symbol, CycleStep step, Duration duration, boolean ok) {
      nanos.merge(step, duration.toNanos(), Long::sum);
    }
  }

  private static MarketMakerFactory wiring(Supplier<RegimeEngine> regime, StepTimes times) {
    return (exchange, store, clock) ->
        MarketMaker.builder()
            .exchange(exchange)
            .store(store)
            .clock(clock)
            .regimeEngine(regime.get())
            .exitEvaluator(new DefaultExitEvaluator())
            .gridManager(new DefaultGridManager())
            .decisionGrader(new SimulatedDecisionGrader())
            .listener(times)
            .closeAdapters(false)
            .build();
  }

  private static BacktestResult run(
      CandleSeries s, Instant from, Instant to, Supplier<RegimeEngine> regime, StepTimes times) {
    return Backtest.builder()
        .candles(s)
        .from(from)
        .to(to)
        .wiring(wiring(regime, times))
        .build()
        .run();
  }

  /**
   * Runs the backtest again under a JFR recording and ranks the sampled methods: share of the
   * samples inside a cycle whose stack holds each frame (inclusive), top 15.
   */
  private static String profile(
      String name, CandleSeries s, Instant from, Instant to, Supplier<RegimeEngine> regime)
      throws IOException {
    Path file = Path.of("target", "backtest-" + name + ".jfr");
    try (Recording rec = new Recording()) {
      rec.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(2));
      rec.start();
      run(s, from, to, regime, new StepTimes());
      rec.stop();
      rec.dump(file);
    }
    Map<String, Integer> inclusive = new HashMap<>();
    Map<String, Integer> self = new HashMap<>();
    int samples = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
        continue;
      }
      List<RecordedFrame> frames = e.getStackTrace().getFrames();
      Set<String> names = new LinkedHashSet<>();
      boolean inCycle = false;
      for (RecordedFrame f : frames) {
        String type = f.getMethod().getType().getName();
        String n = type.replaceAll(".*\\.", "") + "." + f.getMethod().getName();
        inCycle |= n.startsWith("CycleRun.");
        if (names.isEmpty() || (type.startsWith("io.github.mmsdk") && !FRAME.contains(n))) {
          names.add(n); // the top frame (self time) whatever it is, then the SDK's own frames
        }
      }
      if (!inCycle) {
        continue;
      }
      samples++;
      names.forEach(n -> inclusive.merge(n, 1, Integer::sum));
      self.merge(names.iterator().next(), 1, Integer::sum);
    }
    StringBuilder out = new StringBuilder();
    out.append("\n## Profile, ").append(name).append(" (").append(samples).append(" samples)\n\n");
    out.append("| method | inclusive % | self % |\n|---|---|---|\n");
    int total = Math.max(1, samples);
    inclusive.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(30)
        .forEach(
            en ->
                out.append("| ")
                    .append(en.getKey())
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", en.getValue() * 100.0 / total))
                    .append(" | ")
                    .append(
                        String.format(
                            Locale.ROOT, "%.1f", self.getOrDefault(en.getKey(), 0) * 100.0 / total))
                    .append(" |\n"));
    out.append("\nTop self time:\n\n");
    self.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(15)
        .forEach(
            en ->
                out.append("- ")
                    .append(en.getKey())
                    .append(String.format(Locale.ROOT, " %.1f%%", en.getValue() * 100.0 / total))
                    .append("\n"));
    return out.toString();
  }

  @Test
  void measuresCyclesPerSecondOverTheWholeEthHistory() throws IOException {
    Fixtures.assumeData();
    CandleSeries eth = Fixtures.hourly("ETH-USDT");
    Instant from = Instant.ofEpochMilli(eth.openTimeMillis(0)).plus(Duration.ofDays(60));
    Instant to = Instant.ofEpochMilli(eth.closeTimeMillis(eth.size() - 1));
    Instant warmTo = from.plus(Duration.ofDays(180));
    StringBuilder md = new StringBuilder();
    md.append("# Backtest throughput (measured run, BacktestThroughputIT)\n\n")
        .append("ETH-USDT 1h, ")
        .append(from)
        .append(" .. ")
        .append(to)
        .append(", in-memory store, facade with DefaultExitEvaluator, DefaultGridManager,")
        .append(
            " SimulatedDecisionGrader (24h/72h/7d); both engines warmed up with a 180-day run first; the cycle logger at WARN.\n")
        .append("Machine: 2 shared cores, java ")
        .append(System.getProperty("java.version"))
        .append(".\n\n| regime engine | run | cycles | wall s | cycles/s | cycles per CPU s |")
        .append(" load | fetch | regime | exit | recommend | store | execute | notify | grade |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    Map<String, Supplier<RegimeEngine>> engines =
        Map.of(
            "IncrementalRegimeEngine", IncrementalRegimeEngine::new,
            "DefaultRegimeEngine", DefaultRegimeEngine::new);
    StringBuilder profiles = new StringBuilder();
    String[] names = {"IncrementalRegimeEngine", "DefaultRegimeEngine"};
    for (String name : names) {
      run(eth, from, warmTo, engines.get(name), new StepTimes());
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (String name : names) {
      // several measured runs: on a shared machine the best is the least disturbed one
      int runs = name.equals("DefaultRegimeEngine") ? 1 : RUNS;
      for (int run = 1; run <= runs; run++) {
        StepTimes times = new StepTimes();
        long cpu0 = threads.getCurrentThreadCpuTime();
        BacktestResult r = run(eth, from, to, engines.get(name), times);
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        assertThat(r.cycles()).isGreaterThan(20_000);
        md.append("| ")
            .append(name)
            .append(" | ")
            .append(run)
            .append(" | ")
            .append(r.cycles())
            .append(" | ")
            .append(String.format(Locale.ROOT, "%.2f", r.wallTime().toNanos() / 1e9))
            .append(" | ")
            .append(String.format(Locale.ROOT, "%.0f", r.cyclesPerSecond()))
            .append(" | ")
            .append(String.format(Locale.ROOT, "%.0f", r.cycles() / (cpu / 1e9)))
            .append(" |");
        for (CycleStep step : CycleStep.values()) {
          md.append(
                  String.format(
                      Locale.ROOT,
                      " %.1f µs",
                      times.nanos.getOrDefault(step, 0L) / 1e3 / r.cycles()))
              .append(" |");
        }
        md.append("\n");
      }
      if (!name.equals("DefaultRegimeEngine")) {
        // the replaying engine's profile is its 1000-candle replay per call: not repeated here
        profiles.append(profile(name, eth, from, to, engines.get(name)));
      }
    }
    md.append(
        "\nStep columns: the facade's own mean time per cycle and step. Cycles per CPU s: cycles"
            + " over the thread's CPU time (less sensitive to other processes than the wall"
            + " time).\n");
    md.append(profiles);
    Path out = Path.of("target", "performance-backtest.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md.toString());
    assertThat(out).exists();
  }
}
