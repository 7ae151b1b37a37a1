package io.github.mmsdk.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.cycle.MarketMaker;
import io.github.mmsdk.api.regime.RegimeVerdict;
import io.github.mmsdk.exit.DefaultExitEvaluator;
import io.github.mmsdk.grid.DefaultGridManager;
import io.github.mmsdk.regime.IncrementalRegimeEngine;
import io.github.mmsdk.testkit.exchange.CsvCandles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A measured run: backtests every 1h series of ../shared/data with a simulated operator who follows
 * the recommendations (so grids start, exits fire and grids stop), then computes every KPI in
 * sample (to 2025-10-31) and out of sample (2025-11-01 on), checks their invariants and the daily
 * figures, and re-runs one series to check that the KPIs are deterministic. With {@code
 * -Dmm.docs.write=true} it writes the table to {@code target/kpis-table.md} for docs/kpis.md.
 */
class KpiReportIT {

  private static final Instant SPLIT = Instant.parse("2025-11-01T00:00:00Z");
  private static final KpiCalculator KPI = KpiCalculator.withDefaultRules();

  /** One period's backtest of one series, and its KPIs. */
  private record Period(BacktestResult result, KpiReport kpis) {}

  /** One series' in-sample and out-of-sample periods. */
  private record Outcome(Period inSample, Period outOfSample) {}

  /**
   * The live wiring without the decision grader: the KPIs read no grade, and grading is the
   * costliest part of a cycle.
   */
  private static MarketMakerFactory wiring() {
    return (exchange, store, clock) ->
        MarketMaker.builder()
            .exchange(exchange)
            .store(store)
            .clock(clock)
            .regimeEngine(new IncrementalRegimeEngine())
            .exitEvaluator(new DefaultExitEvaluator())
            .gridManager(new DefaultGridManager())
            .closeAdapters(false)
            .build();
  }

  private static List<Path> hourlySeries() throws IOException {
    try (Stream<Path> files = Files.list(Fixtures.dataDir())) {
      return files
          .filter(p -> p.getFileName().toString().matches("[A-Z0-9]+-[A-Z0-9]+_1h_.*\\.csv"))
          .sorted()
          .toList();
    }
  }

  /**
   * Backtests a series from {@code from} to {@code to} (plus the rules' look-ahead, so that events
   * near the end get their labels) with fresh capital, and computes the KPIs of {@code [from, to)}.
   * Checks the daily figures of the run on the way.
   */
  private static Period run(CandleSeries s, Instant from, Instant to) {
    Instant end = Instant.ofEpochMilli(s.closeTimeMillis(s.size() - 1));
    Instant last = to.plus(KPI.rules().lookAhead());
    Backtest bt =
        Backtest.builder()
            .candles(s)
            .from(from)
            .to(last.isBefore(end) ? last : end)
            .wiring(wiring())
            .followRecommendations(true)
            .build();
    BacktestResult r = bt.run();
    NavigableMap<Instant, RegimeVerdict> v =
        KpiCalculator.verdicts(bt.store().decisions(s.symbol(), bt.from(), bt.to().plusSeconds(1)));
    assertThat(v).hasSize((int) r.cycles());
    KpiReport k = KPI.report(bt.store(), s, bt.from(), to);
    // the regime side agrees with the verdict-timeline API
    assertThat(k.regime()).isEqualTo(KpiCalculator.regimeKpis(s, v, bt.from(), to.minusMillis(1)));
    // daily figures: complete days once, a re-run writes none, and they add up
    LocalDate first = bt.from().atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1);
    List<LocalDate> days = KPI.writeDailyKpis(bt.store(), List.of(s), first, bt.to());
    assertThat(days).isNotEmpty().startsWith(first);
    assertThat(KPI.writeDailyKpis(bt.store(), List.of(s), first, bt.to())).isEmpty();
    KpiReport whole =
        KPI.report(
            bt.store(),
            s,
            first.atStartOfDay(ZoneOffset.UTC).toInstant(),
            days.get(days.size() - 1).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    String prefix = s.symbol() + ".";
    for (String count : List.of("breakouts", "grid_runs", "exit_signals", "stop_loss_events")) {
      double sum = 0;
      for (LocalDate d : days) {
        sum += bt.store().kpis(d).get(prefix + count);
      }
      assertThat(sum).as(count).isEqualTo(whole.figures().get(count));
    }
    return new Period(r, k);
  }

  private static Period inSample(CandleSeries s) {
    return run(s, Instant.ofEpochMilli(s.openTimeMillis(0)).plus(Duration.ofDays(60)), SPLIT);
  }

  private static Period outOfSample(CandleSeries s) {
    return run(s, SPLIT, Instant.ofEpochMilli(s.closeTimeMillis(s.size() - 1)).plusSeconds(1));
  }

  private static void assertInvariants(KpiReport k) {
    ExitKpis e = k.exit();
    for (OptionalDouble rate :
        List.of(
            e.falseExitRate(),
            e.stopLossAvoidanceRate(),
            e.warningRate(),
            e.restartRetriggerRate())) {
      rate.ifPresent(x -> assertThat(x).isBetween(0.0, 1.0));
    }
    e.profitRetention().ifPresent(x -> assertThat(x).isLessThanOrEqualTo(1.0));
    assertThat(k.regime().warningRate()).isBetween(0.0, 1.0);
    assertThat(k.regime().detectionRate()).isBetween(0.0, 1.0);
    assertThat(k.figures().values()).allSatisfy(x -> assertThat(x).isFinite());
    assertThat(
            List.of(
                e.gridRuns(),
                e.exitSignals(),
                e.stopLossEvents(),
                e.missedExits(),
                e.stopLossesMissed(),
                e.gridBreakoutsMissed(),
                e.gridBreakouts(),
                e.restarts(),
                k.regime().breakouts()))
        .allSatisfy(x -> assertThat(x).isNotNegative());
  }

  @Test
  void reportsEveryKpiOfEverySeriesInAndOutOfSample() throws Exception {
    Fixtures.assumeData();
    List<Path> series = hourlySeries();
    assertThat(series).isNotEmpty();
    List<CandleSeries> candles = new ArrayList<>();
    for (Path p : series) {
      candles.add(CsvCandles.read(p));
    }
    // every period of every series, and the out-of-sample period of the first once more
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Outcome> outcomes = new ArrayList<>();
    Period again;
    try {
      List<Future<Period>> futures = new ArrayList<>();
      for (CandleSeries c : candles) {
        futures.add(pool.submit(() -> inSample(c)));
        futures.add(pool.submit(() -> outOfSample(c)));
      }
      Future<Period> rerun = pool.submit(() -> outOfSample(candles.get(0)));
      for (int i = 0; i < futures.size(); i += 2) {
        outcomes.add(new Outcome(futures.get(i).get(), futures.get(i + 1).get()));
      }
      again = rerun.get();
    } finally {
      pool.shutdownNow();
    }
    for (Outcome o : outcomes) {
      assertInvariants(o.inSample().kpis());
      assertInvariants(o.outOfSample().kpis());
    }
    // deterministic: the same series and period give the same records and KPIs
    assertThat(again.kpis()).isEqualTo(outcomes.get(0).outOfSample().kpis());
    assertThat(again.result().gridsStarted())
        .isEqualTo(outcomes.get(0).outOfSample().result().gridsStarted());
    if (Boolean.getBoolean("mm.docs.write")) {
      Path out = Path.of("target", "kpis-table.md");
      Files.createDirectories(out.getParent());
      Files.writeString(out, table(outcomes));
      assertThat(out).exists();
    }
  }

  private static String table(List<Outcome> outcomes) {
    StringBuilder md = new StringBuilder();
    md.append(
        "| series | period | range breakouts | warned ≥ 2 h ahead (EAW) | median window |"
            + " detected ≤ 48 h | median time to detect (TTDR) |\n"
            + "|---|---|---|---|---|---|---|\n");
    for (Outcome o : outcomes) {
      for (KpiReport k : List.of(o.inSample().kpis(), o.outOfSample().kpis())) {
        RegimeKpis r = k.regime();
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %d | %d (%s) | %s | %d (%s) | %s |%n",
                k.symbol(),
                period(k),
                r.breakouts(),
                r.warnedTwoHoursAhead(),
                r.breakouts() == 0 ? "–" : pct(r.warningRate()),
                hours(r.medianWarningWindow()),
                r.detected(),
                r.breakouts() == 0 ? "–" : pct(r.detectionRate()),
                hours(r.medianTimeToDetect())));
      }
    }
    md.append(
        "\n| series | period | grid runs | exit signals | false exits (FER) |"
            + " stop-loss events | avoided (SLAR) | missed exits (MEC): runs (stop-losses /"
            + " breakouts unsignalled) | grid breakouts |"
            + " warned ≥ 2 h ahead | ERT median / max | PRR | restarts | retriggered (RRR) |\n"
            + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Outcome o : outcomes) {
      for (KpiReport k : List.of(o.inSample().kpis(), o.outOfSample().kpis())) {
        ExitKpis e = k.exit();
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %d | %d | %d (%s) | %d | %d (%s) | %d (%d / %d) | %d | %d (%s) | %s / %s |"
                    + " %s |"
                    + " %d | %d (%s) |%n",
                k.symbol(),
                period(k),
                e.gridRuns(),
                e.exitSignals(),
                e.falseExits(),
                pct(e.falseExitRate()),
                e.stopLossEvents(),
                e.stopLossesAvoided(),
                pct(e.stopLossAvoidanceRate()),
                e.missedExits(),
                e.stopLossesMissed(),
                e.gridBreakoutsMissed(),
                e.gridBreakouts(),
                e.gridBreakoutsWarned(),
                pct(e.warningRate()),
                hours(e.medianResponseTime()),
                hours(e.maxResponseTime()),
                e.profitRetention().isPresent()
                    ? String.format(Locale.ROOT, "%.2f", e.profitRetention().getAsDouble())
                    : "–",
                e.restarts(),
                e.retriggeredRestarts(),
                pct(e.restartRetriggerRate())));
      }
    }
    md.append(
        "\nGoals out of sample (issue 19):\n\n| series | FER < 20 % | warned ≥ 2 h ahead for ≥ 90 %"
            + " of breakouts: range breakouts (regime) | … grid breakouts (exit states) |"
            + " MEC = 0 | SLAR ≥ 95 % |\n|---|---|---|---|---|---|\n");
    for (Outcome o : outcomes) {
      KpiReport k = o.outOfSample().kpis();
      ExitKpis e = k.exit();
      OptionalDouble regimeRate =
          k.regime().breakouts() == 0
              ? OptionalDouble.empty()
              : OptionalDouble.of(k.regime().warningRate());
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s |%n",
              k.symbol(),
              goal(e.falseExitRate(), x -> x < 0.20),
              goal(regimeRate, x -> x >= 0.90),
              goal(e.warningRate(), x -> x >= 0.90),
              e.missedExits() == 0 ? "met (0)" : "missed (" + e.missedExits() + ")",
              goal(e.stopLossAvoidanceRate(), x -> x >= 0.95)));
    }
    md.append("\nBacktests (each period with fresh capital): ");
    for (Outcome o : outcomes) {
      for (Period p : List.of(o.inSample(), o.outOfSample())) {
        BacktestResult r = p.result();
        md.append(
            String.format(
                Locale.ROOT,
                "%s %s..%s %d cycles, %d grids started, %d stopped; ",
                r.symbol(),
                r.firstDecision().toString().substring(0, 10),
                r.lastDecision().toString().substring(0, 10),
                r.cycles(),
                r.gridsStarted(),
                r.gridsStopped()));
      }
    }
    md.append('\n');
    return md.toString();
  }

  private static String period(KpiReport k) {
    boolean in = k.periodEnd().equals(SPLIT);
    String a = k.periodStart().toString().substring(0, 10);
    String b = k.periodEnd().minusSeconds(2).toString().substring(0, 10);
    return (in ? "in sample" : "out of sample") + " (" + a + " .. " + b + ")";
  }

  private static String goal(OptionalDouble v, java.util.function.DoublePredicate met) {
    if (v.isEmpty()) {
      return "no event";
    }
    return (met.test(v.getAsDouble()) ? "met (" : "missed (") + pct(v.getAsDouble()) + ")";
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.0f %%", v * 100);
  }

  private static String pct(OptionalDouble v) {
    return v.isPresent() ? pct(v.getAsDouble()) : "–";
  }

  private static String hours(Optional<Duration> d) {
    return d.map(x -> x.toHours() + " h").orElse("–");
  }
}
