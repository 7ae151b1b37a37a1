package io.github.mmsdk.backtest;

import static io.github.mmsdk.backtest.KpiScenario.hour;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridMode;
import io.github.mmsdk.api.grid.Spacing;
import io.github.mmsdk.grid.GridSimulator;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/** Invariants of the KPIs on random price paths, grids and exit states (fixed seed). */
class KpiPropertiesTest {

  private static final long SEED = 20261123L;
  private static final int HOURS = 400;

  /** A random walk around 100 with random wicks. */
  private static CandleSeries walk(Random r, int n) {
    CandleSeries.Builder b = CandleSeries.builder(KpiScenario.ETH, Timeframe.H1, n);
    double c = 100;
    for (int i = 0; i < n; i++) {
      double o = c;
      c = Math.max(1, o * (1 + (r.nextDouble() - 0.5) * 0.04));
      double h = Math.max(o, c) * (1 + r.nextDouble() * 0.01);
      double l = Math.min(o, c) * (1 - r.nextDouble() * 0.03);
      b.add(hour(i).toEpochMilli(), o, h, l, c, 1);
    }
    return b.build();
  }

  /** Random runs of random grids with random exit states over a random walk. */
  private static KpiScenario world(Random r) {
    KpiScenario s = new KpiScenario();
    int t = r.nextInt(20);
    int n = 0;
    while (t < HOURS - 10) {
      double lower = 85 + r.nextDouble() * 15;
      double upper = lower * (1.02 + r.nextDouble() * 0.15);
      Optional<Double> sl =
          r.nextBoolean() ? Optional.of(lower * (1 - r.nextDouble() * 0.05)) : Optional.empty();
      String id = "g" + ++n;
      int stop = r.nextInt(5) == 0 ? -1 : Math.min(HOURS - 1, t + 1 + r.nextInt(120));
      s.run(KpiScenario.grid(id, lower, upper, sl), t, stop);
      int end = stop < 0 ? HOURS - 1 : stop;
      for (int h = t + 1; h <= end; h++) {
        if (r.nextInt(6) == 0) {
          int len = 1 + r.nextInt(10);
          s.state(id, h, Math.min(end, h + len), ExitState.values()[r.nextInt(4)]);
          h += len;
        }
      }
      if (stop < 0) {
        break;
      }
      if (r.nextInt(4) == 0) {
        s.executed(id, Math.max(t + 1, stop - 1), stop);
      }
      t = stop + r.nextInt(30);
    }
    return s.decide(HOURS);
  }

  @Test
  void ratesStayInTheUnitIntervalAndPartsWithinTheirWholes() {
    qt().withFixedSeed(SEED)
        .withExamples(60)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Random r = new Random(seed);
              CandleSeries c = walk(r, HOURS);
              KpiScenario s = world(r);
              KpiReport k =
                  KpiCalculator.withDefaultRules().report(s.store, c, hour(0), hour(HOURS));
              ExitKpis e = k.exit();
              for (var rate :
                  new java.util.OptionalDouble[] {
                    e.falseExitRate(),
                    e.stopLossAvoidanceRate(),
                    e.warningRate(),
                    e.restartRetriggerRate()
                  }) {
                rate.ifPresent(v -> assertThat(v).isBetween(0.0, 1.0));
              }
              e.profitRetention().ifPresent(v -> assertThat(v).isLessThanOrEqualTo(1.0 + 1e-9));
              assertThat(e.missedExits()).isBetween(0, e.gridRuns());
              assertThat(e.exitsAnswered() + e.exitsUnanswered())
                  .isGreaterThanOrEqualTo(e.exitSignals());
              e.medianResponseTime().ifPresent(d -> assertThat(d.isNegative()).isFalse());
              assertThat(k.regime().warningRate()).isBetween(0.0, 1.0);
              assertThat(k.figures().values()).allSatisfy(v -> assertThat(v).isFinite());
              // deterministic
              assertThat(KpiCalculator.withDefaultRules().report(s.store, c, hour(0), hour(HOURS)))
                  .isEqualTo(k);
            });
  }

  @Test
  void dailyCountsAddUpToThePeriodCounts() {
    qt().withFixedSeed(SEED)
        .withExamples(20)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Random r = new Random(seed);
              CandleSeries c = walk(r, HOURS);
              KpiScenario s = world(r);
              LocalDate first = LocalDate.of(2025, 1, 1);
              LocalDate last = LocalDate.of(2025, 1, 13);
              KpiCalculator kpi = KpiCalculator.withDefaultRules();
              SortedMap<LocalDate, KpiReport> days = kpi.daily(s.store, c, first, last);
              KpiReport whole =
                  kpi.report(
                      s.store,
                      c,
                      first.atStartOfDay(ZoneOffset.UTC).toInstant(),
                      last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
              for (String count :
                  new String[] {
                    "breakouts",
                    "grid_runs",
                    "exit_signals",
                    "false_exits",
                    "stop_loss_events",
                    "stop_losses_avoided",
                    "mec",
                    "stop_losses_missed",
                    "grid_breakouts",
                    "grid_breakouts_missed",
                    "grid_breakouts_warned",
                    "exits_answered",
                    "exits_unanswered",
                    "stopped_runs",
                    "restarts",
                    "restarts_retriggered"
                  }) {
                double sum = days.values().stream().mapToDouble(d -> d.figures().get(count)).sum();
                assertThat(sum).as(count).isEqualTo(whole.figures().get(count));
              }
              double peak = days.values().stream().mapToDouble(d -> d.exit().peakPnlPct()).sum();
              assertThat(peak).isCloseTo(whole.exit().peakPnlPct(), within(1e-6));
            });
  }

  @Test
  void theGridModelMatchesTheGridSimulator() {
    qt().withFixedSeed(SEED)
        .withExamples(200)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Random r = new Random(seed);
              CandleSeries c = walk(r, 150);
              double price = c.open(0);
              double lower = price * (0.85 + r.nextDouble() * 0.14);
              double upper = price * (1.01 + r.nextDouble() * 0.14);
              GridConfig.Builder b =
                  new GridConfig.Builder()
                      .id("g")
                      .symbol(KpiScenario.ETH)
                      .lowerPrice(BigDecimal.valueOf(lower))
                      .upperPrice(BigDecimal.valueOf(upper))
                      .levels(2 + r.nextInt(30))
                      .spacing(r.nextBoolean() ? Spacing.ARITHMETIC : Spacing.GEOMETRIC)
                      .mode(r.nextBoolean() ? GridMode.LONG : GridMode.NEUTRAL)
                      .amountPerGrid(BigDecimal.valueOf(50))
                      .profitPerGridPct(1)
                      .allocation(BigDecimal.valueOf(5000));
              if (r.nextBoolean()) {
                b.stopLossPrice(BigDecimal.valueOf(lower * (1 - r.nextDouble() * 0.05)));
              }
              if (r.nextInt(4) == 0) {
                b.takeProfitPrice(BigDecimal.valueOf(upper * (1 + r.nextDouble() * 0.05)));
              }
              GridConfig g = b.build();
              double fee = r.nextDouble() * 0.002;
              double[] model = KpiGridModel.pnlPct(g, fee, price, c);
              GridSimulator sim = GridSimulator.start(g, fee, price);
              assertThat(model[0]).isCloseTo(pct(sim.snapshot(price).equity(), g), within(1e-6));
              for (int i = 0; i < c.size(); i++) {
                sim.onCandle(c.open(i), c.high(i), c.low(i), c.close(i));
                double expected = pct(sim.snapshot(c.close(i)).equity(), g);
                assertThat(model[i + 1]).as("candle %d", i).isCloseTo(expected, within(1e-6));
              }
            });
  }

  private static double pct(double equity, GridConfig g) {
    double alloc = g.allocation().doubleValue();
    return (equity - alloc) / alloc * 100;
  }

  @Test
  void theDefaultRulesLookAheadAsFarAsTheLongestWindow() {
    KpiRules d = KpiRules.defaults();
    assertThat(d.lookAhead()).isEqualTo(d.falseExitWindow().plus(d.breakoutHold()));
    assertThat(Map.of("lead", d.warningLead().toHours())).containsEntry("lead", 2L);
  }
}
