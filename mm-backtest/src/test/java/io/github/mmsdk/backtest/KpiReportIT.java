package io.github.mmsdk.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.regime.RegimeVerdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A measured run: backtests every 1h series of ../shared/data and reports the regime-side KPIs in
 * sample (to 2025-10-31) and out of sample (2025-11-01 on). Writes target/kpis.md.
 */
class KpiReportIT {

  private static final Instant SPLIT = Instant.parse("2025-11-01T00:00:00Z");

  private static String hours(Optional<Duration> d) {
    return d.map(x -> x.toHours() + " h").orElse("–");
  }

  @Test
  void reportsTheRegimeKpisOfEverySeries() throws IOException {
    Fixtures.assumeData();
    StringBuilder md =
        new StringBuilder(
            "| series | period | breakouts | warned ≥ 2 h ahead | median warning window |"
                + " detected ≤ 48 h | median time to detect |\n|---|---|---|---|---|---|---|\n");
    for (String sym : Fixtures.SYMBOLS) {
      CandleSeries s = Fixtures.hourly(sym);
      Instant from = Instant.ofEpochMilli(s.openTimeMillis(0)).plus(Duration.ofDays(60));
      Instant to = Instant.ofEpochMilli(s.closeTimeMillis(s.size() - 1));
      Backtest bt = Backtest.builder().candles(s).from(from).to(to).wiring(Fixtures.live()).build();
      BacktestResult r = bt.run();
      NavigableMap<Instant, RegimeVerdict> v =
          KpiCalculator.verdicts(bt.store().decisions(s.symbol(), from, to.plusSeconds(1)));
      assertThat(v).hasSize((int) r.cycles());
      for (boolean inSample : new boolean[] {true, false}) {
        Instant a = inSample ? from.plus(Duration.ofDays(1)) : SPLIT;
        Instant b = inSample ? SPLIT.minusSeconds(1) : to;
        RegimeKpis k = KpiCalculator.regimeKpis(s, v, a, b);
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s (%s .. %s) | %d | %d (%.0f %%) | %s | %d (%.0f %%) | %s |%n",
                sym,
                inSample ? "in sample" : "out of sample",
                a.toString().substring(0, 10),
                b.toString().substring(0, 10),
                k.breakouts(),
                k.warnedTwoHoursAhead(),
                k.warningRate() * 100,
                hours(k.medianWarningWindow()),
                k.detected(),
                k.detectionRate() * 100,
                hours(k.medianTimeToDetect())));
      }
    }
    Path out = Path.of("target", "kpis.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md.toString());
    assertThat(out).exists();
  }
}
