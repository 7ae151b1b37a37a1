package io.github.mmsdk.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.CandleSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The decision at time t is identical whether the candles after t exist, are absent, or are
 * replaced by random ones — for every 1h series in ../shared/data, at 30 decision times spread
 * across each. Each decision time gets a 48-hour backtest ending at it (so the state carried from
 * cycle to cycle, gates and 24h grading are covered too) over the 60 days before it.
 */
class NoLookAheadTest {

  private static final int POINTS = 30;
  private static final Duration HISTORY = Duration.ofDays(60);
  private static final Duration RUN = Duration.ofHours(47);

  @Test
  void everyDecisionIgnoresTheCandlesAfterIt() throws IOException {
    Fixtures.assumeData();
    List<Path> files;
    try (Stream<Path> s = Files.list(Fixtures.dataDir())) {
      files = s.filter(p -> p.getFileName().toString().contains("_1h_")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    int checked = 0;
    for (Path file : files) {
      CandleSeries all = io.github.mmsdk.testkit.exchange.CsvCandles.read(file);
      long first = all.openTimeMillis(0) + HISTORY.plus(RUN).plusDays(1).toMillis();
      long last = all.closeTimeMillis(all.size() - 1) - Duration.ofDays(8).toMillis();
      for (int k = 0; k < POINTS; k++) {
        long raw = first + (last - first) * k / (POINTS - 1);
        Instant t = Instant.ofEpochMilli(raw - raw % 3_600_000L);
        CandleSeries window = all.between(t.minus(HISTORY.plus(RUN)), t.plus(Duration.ofDays(8)));
        String full = decisions(window, t);
        String absent = decisions(window.upTo(t), t);
        String random = decisions(Fixtures.withRandomFuture(window, t, 24 * 8, raw), t);
        assertThat(absent).as("%s at %s, future absent", file.getFileName(), t).isEqualTo(full);
        assertThat(random).as("%s at %s, future random", file.getFileName(), t).isEqualTo(full);
        assertThat(full.lines()).hasSize((int) RUN.toHours() + 1);
        checked++;
      }
    }
    assertThat(checked).isEqualTo(files.size() * POINTS);
  }

  private static String decisions(CandleSeries candles, Instant t) {
    Instant from = t.minus(RUN);
    Backtest bt =
        Backtest.builder().candles(candles).from(from).to(t).wiring(Fixtures.live()).build();
    BacktestResult r = bt.run();
    assertThat(r.cycles()).isEqualTo(RUN.toHours() + 1);
    return Fixtures.render(bt.store(), candles, from, t);
  }
}
