package io.github.mmsdk.store.git;

import static io.github.mmsdk.store.git.Records.ETH_USDT;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.store.CycleRecords;
import io.github.mmsdk.api.store.MetricsSnapshot;
import io.github.mmsdk.store.git.internal.AppendOnly;
import io.github.mmsdk.store.git.internal.RecordMapper;
import io.github.mmsdk.store.git.internal.StoreLayout;
import io.github.mmsdk.store.git.internal.WireSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measured numbers of the Git store (printed and written to {@code docs/performance-store.md}); no
 * timing is asserted, only that the work was done.
 */
class StorePerformanceIT {
  private static final Instant YEAR_START = Instant.parse("2025-01-01T00:00:00Z");
  private static final int HOURS = 8760;

  @TempDir Path dir;

  private static long nanos(Runnable r) {
    long t = System.nanoTime();
    r.run();
    return System.nanoTime() - t;
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static double median(long[] xs) {
    long[] s = xs.clone();
    Arrays.sort(s);
    return ms(s[s.length / 2]);
  }

  private static double pct(long[] xs, double p) {
    long[] s = xs.clone();
    Arrays.sort(s);
    return ms(s[Math.min(s.length - 1, (int) Math.ceil(p * s.length) - 1)]);
  }

  private static long du(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      return s.filter(Files::isRegularFile)
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException e) {
                  return 0;
                }
              })
          .sum();
    }
  }

  /** A cycle as the runner writes it: snapshot, decision, exit entry and the newest candles. */
  private static CycleRecords cycle(Instant t, CandleSeries h1, CandleSeries m1) {
    return new CycleRecords.Builder()
        .from(Records.cycleAt(ETH_USDT, t))
        .addRawCandle(h1)
        .addRawCandle(m1)
        .build();
  }

  @Test
  void measure() throws Exception {
    StringBuilder md = new StringBuilder();
    Instant start = YEAR_START;

    // 1. append one cycle and commit (a week of hourly cycles, raw 1h + 1m candles included)
    Path weekDir = dir.resolve("week");
    int warm = 40;
    int week = 168;
    long[] append = new long[week];
    CandleSeries allH1 = GitFixtures.series(ETH_USDT, Timeframe.H1, start, warm + week + 1, 2500);
    CandleSeries allM1 =
        GitFixtures.series(ETH_USDT, Timeframe.M1, start, (warm + week + 1) * 60, 2500);
    try (GitDecisionStore store = GitDecisionStore.open(weekDir)) {
      for (int i = 0; i < warm + week; i++) {
        Instant t = start.plus(Duration.ofHours(i + 1));
        CandleSeries h1 = allH1.slice(Math.max(0, i - 47), i + 1);
        CandleSeries m1 = allM1.slice(i * 60, (i + 1) * 60);
        CycleRecords c = cycle(t, h1, m1);
        long n = nanos(() -> store.commitCycle(c));
        if (i >= warm) {
          append[i - warm] = n;
        }
      }
      long before = du(weekDir);
      store.maintain();
      long packed = du(weekDir);
      double perWeekMb = packed / 1e6 * (168.0 / (warm + week));
      md.append("| append one cycle (snapshot + decision + exit state + 1 h and 60 1 m candles) ")
          .append("and commit, median of ")
          .append(week)
          .append(" | ")
          .append(
              String.format(Locale.ROOT, "%.1f ms (p90 %.1f ms)", median(append), pct(append, 0.9)))
          .append(" | <= 20 ms |\n");
      md.append("| disk for ")
          .append(warm + week)
          .append(" hourly cycles: loose / after `maintain()` (gc) | ")
          .append(String.format(Locale.ROOT, "%.1f MB / %.2f MB", before / 1e6, packed / 1e6))
          .append(" | |\n");
      md.append(
              "| disk for a year of hourly cycles, one symbol, raw 1 h + 1 m (gc, extrapolated x52.14 ")
          .append("from the week) | ")
          .append(String.format(Locale.ROOT, "%.0f MB", perWeekMb * 52.14))
          .append(" | <= 100 MB |\n");
    }

    // 2. a year of hourly records (written in monthly commits from one template per record kind)
    Path yearDir = dir.resolve("year");
    MetricsSnapshot s0 = Records.snapshotAt(ETH_USDT, start);
    DecisionRecord d0 = Records.decisionAt(ETH_USDT, start);
    String sTemplate =
        new String(
            AppendOnly.create(WireSchema.METRICS, RecordMapper.snapshot(s0)),
            StandardCharsets.UTF_8);
    String dTemplate =
        new String(
            AppendOnly.create(
                WireSchema.DECISION, RecordMapper.decisionBody(d0), "appended", List.of()),
            StandardCharsets.UTF_8);
    DateTimeFormatter idTime =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    String t0 = start.toString().replace("Z", "");
    String id0 = idTime.format(start);
    Map<String, byte[]> batch = new LinkedHashMap<>();
    GitDecisionStore.open(yearDir).close();
    long genStart = System.nanoTime();
    for (int h = 0; h < HOURS; h++) {
      Instant t = start.plus(Duration.ofHours(h));
      String ts = t.toString().replace("Z", "");
      batch.put(
          StoreLayout.metrics(ETH_USDT, t),
          sTemplate.replace(t0, ts).getBytes(StandardCharsets.UTF_8));
      if (h % 4 == 0) { // a decision every fourth cycle
        String id = "dec-" + ETH_USDT + "-" + idTime.format(t);
        batch.put(
            StoreLayout.decision(id, t),
            dTemplate
                .replace(t0, ts)
                .replace(id0, idTime.format(t))
                .getBytes(StandardCharsets.UTF_8));
      }
      if (batch.size() >= 1500 || h == HOURS - 1) {
        Map<String, byte[]> files = new LinkedHashMap<>(batch);
        GitFixtures.rawCommit(yearDir, files);
        batch.clear();
      }
    }
    double genS = (System.nanoTime() - genStart) / 1e9;
    Instant end = start.plus(Duration.ofHours(HOURS));
    long[] week168 = new long[5];
    long[] year = new long[1];
    long[] yearDecisions = new long[1];
    try (GitDecisionStore store = GitDecisionStore.open(yearDir)) {
      List<MetricsSnapshot> got = new ArrayList<>();
      year[0] = nanos(() -> got.addAll(store.snapshots(ETH_USDT, start, end)));
      assertThat(got).hasSize(HOURS);
      List<DecisionRecord> ds = new ArrayList<>();
      yearDecisions[0] = nanos(() -> ds.addAll(store.decisions(ETH_USDT, start, end)));
      assertThat(ds).hasSize(HOURS / 4);
    }
    for (int r = 0; r < 5; r++) {
      try (GitDecisionStore store = GitDecisionStore.open(yearDir)) {
        List<MetricsSnapshot> got = new ArrayList<>();
        week168[r] = nanos(() -> got.addAll(store.lastHours(ETH_USDT, 168, end)));
        assertThat(got).hasSize(168);
      }
    }
    long[] appendOnYear = new long[50];
    try (GitDecisionStore store = GitDecisionStore.open(yearDir)) {
      for (int i = 0; i < appendOnYear.length; i++) {
        Instant t = end.plus(Duration.ofHours(i));
        CycleRecords c = cycle(t, allH1.slice(i, i + 48), allM1.slice(i * 60, (i + 1) * 60));
        appendOnYear[i] = nanos(() -> store.commitCycle(c));
      }
    }
    long[] yearWarm = new long[1];
    try (GitDecisionStore store = GitDecisionStore.open(yearDir)) {
      List<MetricsSnapshot> got = new ArrayList<>();
      yearWarm[0] = nanos(() -> got.addAll(store.snapshots(ETH_USDT, start, end)));
      assertThat(got).hasSize(HOURS);
    }
    md.append("| append one cycle and commit on top of a year of records (8 760 snapshots), ")
        .append("median of 50 | ")
        .append(
            String.format(
                Locale.ROOT, "%.1f ms (p90 %.1f ms)", median(appendOnYear), pct(appendOnYear, 0.9)))
        .append(" | <= 20 ms |\n");
    md.append(
            "| load the last 7 days of hourly metrics (168 files), fresh store (empty cache), JIT warmed by the year load, median of 5 | ")
        .append(String.format(Locale.ROOT, "%.1f ms", median(week168)))
        .append(" | <= 50 ms |\n");
    md.append(
            "| load a year of hourly metrics snapshots (8 760 files), fresh store, first read of the run (cold JIT) | ")
        .append(String.format(Locale.ROOT, "%.0f ms", median(year)))
        .append(" | <= 1 s |\n");
    md.append("| load a year of hourly metrics snapshots, fresh store (empty cache), JIT warm | ")
        .append(String.format(Locale.ROOT, "%.0f ms", ms(yearWarm[0])))
        .append(" | <= 1 s |\n");
    md.append(
            "| load a year of decisions (2 190 files, one per 4 cycles), same store, after the snapshots | ")
        .append(String.format(Locale.ROOT, "%.0f ms", median(yearDecisions)))
        .append(" | |\n");
    md.append("| (setup) write the year's 10 950 files as loose objects in 8 commits | ")
        .append(String.format(Locale.ROOT, "%.1f s", genS))
        .append(" | |\n");

    String table = "| measurement | result | goal |\n|---|---|---|\n" + md;
    String doc =
        "# mm-store-git: measured numbers\n\n"
            + "Written by `StorePerformanceIT` (mm-store-git, `./mvnw -pl mm-store-git verify`). "
            + "Wall-clock measurements inside a JUnit test on a shared 2-core machine (other "
            + "builds running), JVM warmed by the preceding cycles; noisy, never asserted.\n\n"
            + "- JVM: "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.version")
            + ", processors: "
            + Runtime.getRuntime().availableProcessors()
            + "\n- record sizes: metrics snapshot "
            + sTemplate.length()
            + " B, decision "
            + dTemplate.length()
            + " B (the contract fixtures)\n\n"
            + table;
    System.out.println(doc);
    // a measured run rewrites the docs only when asked: -Dmm.docs.write=true
    Path docs = Path.of("..", "docs");
    Path target =
        Boolean.getBoolean("mm.docs.write") && Files.isDirectory(docs)
            ? docs.resolve("performance-store.md")
            : Path.of("target", "performance-store.md");
    DocSection.write(target, "store-performance", doc);
    assertThat(median(append)).isPositive();
  }
}
