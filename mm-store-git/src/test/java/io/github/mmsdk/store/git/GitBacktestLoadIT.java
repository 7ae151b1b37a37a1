package io.github.mmsdk.store.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.EvaluationHorizon;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's Git-store backtest goal, measured: hourly cycles into a {@link GitDecisionStore} with
 * one batch (one commit) per simulated day, each cycle doing what the facade asks of its store
 * ({@link BacktestLoad}). {@code -Dmm.store.backtest.days=1095} runs the three years of the goal
 * (about 26 000 cycles); the build's default is 30 days. Numbers are printed, written to {@code
 * target/performance-store.md}, and to {@code docs/performance-store.md} with {@code
 * -Dmm.docs.write=true}; only the work done is asserted, never a time.
 */
class GitBacktestLoadIT {
  private static final int DAYS = Integer.getInteger("mm.store.backtest.days", 30);
  private static final int SINGLE_DAYS = 7;

  @TempDir Path dir;

  private static long du(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  private static long packs(Path p) throws IOException {
    try (Stream<Path> s = Files.list(p.resolve("objects").resolve("pack"))) {
      return s.filter(f -> f.toString().endsWith(".pack")).count();
    }
  }

  /** The largest pack: what gc wrote (JGit keeps the packs it replaced for an hour). */
  private static long largestPack(Path p) throws IOException {
    try (Stream<Path> s = Files.list(p.resolve("objects").resolve("pack"))) {
      return s.filter(f -> f.toString().endsWith(".pack"))
          .mapToLong(f -> f.toFile().length())
          .max()
          .orElse(0);
    }
  }

  private static int expectedEvaluations(int hours) {
    int n = 0;
    for (EvaluationHorizon h : EvaluationHorizon.values()) {
      n += Math.max(0, hours - (int) h.after().toHours());
    }
    return n;
  }

  /** Every due horizon was graded once, the commits are one per day, the records read back. */
  private static void check(Path folder, BacktestLoad run, int hours, boolean batched)
      throws Exception {
    assertThat(run.cycles).isEqualTo(hours);
    assertThat(run.evaluations).isEqualTo(expectedEvaluations(hours));
    if (batched) {
      assertThat(GitFixtures.commitCount(folder)).isEqualTo(1 + (hours + 23) / 24);
    }
    Instant last = BacktestLoad.START.plus(Duration.ofHours(hours - 1));
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      List<DecisionRecord> lastDay =
          store.decisions(BacktestLoad.SYMBOL, last.minus(Duration.ofHours(23)), last.plusNanos(1));
      assertThat(lastDay).hasSize(Math.min(24, hours));
      assertThat(lastDay.get(lastDay.size() - 1).evaluations()).isEmpty();
      DecisionRecord first =
          store.decision(Records.idOf(BacktestLoad.SYMBOL, BacktestLoad.START)).orElseThrow();
      assertThat(first.gradedHorizons().size())
          .isEqualTo(hours > 168 ? 3 : (hours > 72 ? 2 : (hours > 24 ? 1 : 0)));
      assertThat(store.dueForEvaluation(last.minus(Duration.ofHours(1)), last)).isEmpty();
    }
  }

  private static String row(String what, BacktestLoad r, int cycles) {
    double wall = r.wallNanos / 1e9;
    StringBuilder sb = new StringBuilder();
    sb.append("| ")
        .append(what)
        .append(
            String.format(
                Locale.ROOT,
                " | %,d | %.1f s | %.1f s | %.2f ms |",
                cycles,
                wall,
                r.cpuNanos / 1e9,
                r.wallNanos / 1e6 / cycles));
    for (BacktestLoad.Step s : BacktestLoad.Step.values()) {
      sb.append(String.format(Locale.ROOT, " %.2f |", r.nanos.get(s) / 1e6 / cycles));
    }
    return sb.append('\n').toString();
  }

  @Test
  void hourly_cycles_into_the_git_store_with_one_commit_per_simulated_day() throws Exception {
    int hours = DAYS * 24;
    // warm the JIT on two weeks (not measured)
    new BacktestLoad(24 * 14).run(dir.resolve("warm"), 24 * 14, BacktestLoad.Raw.NEWEST, true);

    Path newestDir = dir.resolve("newest");
    BacktestLoad newest =
        new BacktestLoad(hours).run(newestDir, hours, BacktestLoad.Raw.NEWEST, true);
    check(newestDir, newest, hours, true);
    long newestBytes = du(newestDir);
    long newestPacks = packs(newestDir);
    long verifyStart = System.nanoTime();
    try (GitDecisionStore store = GitDecisionStore.open(newestDir)) {
      assertThat(store.verify().intact()).isTrue();
    }
    double verifyS = (System.nanoTime() - verifyStart) / 1e9;
    long gcStart = System.nanoTime();
    try (GitDecisionStore store = GitDecisionStore.open(newestDir)) {
      store.maintain();
    }
    double gcS = (System.nanoTime() - gcStart) / 1e9;
    long packedBytes = largestPack(newestDir);

    Path lookDir = dir.resolve("lookbacks");
    BacktestLoad lookbacks =
        new BacktestLoad(hours).run(lookDir, hours, BacktestLoad.Raw.LOOKBACKS, true);
    check(lookDir, lookbacks, hours, true);

    int singleHours = Math.min(hours, SINGLE_DAYS * 24);
    Path singleDir = dir.resolve("single");
    BacktestLoad single =
        new BacktestLoad(singleHours).run(singleDir, singleHours, BacktestLoad.Raw.NEWEST, false);
    check(singleDir, single, singleHours, false);

    double perCycleSingle = single.wallNanos / 1e9 / singleHours;
    String load = "unknown";
    Path loadavg = Path.of("/proc/loadavg");
    if (Files.isReadable(loadavg)) {
      load = Files.readString(loadavg, StandardCharsets.UTF_8).trim();
    }
    StringBuilder md = new StringBuilder();
    md.append("## Backtest into the Git store: hourly cycles, one commit per simulated day\n\n")
        .append("Goal (issue 19): three years of 1h candles into the Git store, committing one ")
        .append("batch per simulated day, <= 60 s. Written by `GitBacktestLoadIT` (mm-store-git, ")
        .append("`-Dmm.store.backtest.days=1095 -Dmm.docs.write=true`). Each cycle does the ")
        .append("store traffic of `MarketMaker.runCycle` for one pair without the engines: the ")
        .append("load step's reads (grids, the running grid's exit history, the last two days ")
        .append("of decisions, the configuration version), one `commitCycle` (snapshot, ")
        .append("decision, exit state and raw candles, the contract fixtures), ")
        .append("`dueForEvaluation` since the previous hour and one `appendEvaluation` per due ")
        .append("horizon (24h, 72h, 7d). Batched runs open `GitDecisionStore.batch()` at each ")
        .append("simulated midnight and close it (one commit, one pack) at the day's end. JIT ")
        .append("warmed on two simulated weeks first. CPU is the process's (all threads).\n\n")
        .append("- JVM: ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(System.getProperty("java.version"))
        .append(", processors: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(", load average at the end (1, 5, 15 min): ")
        .append(load)
        .append("\n- simulated days: ")
        .append(DAYS)
        .append("; per-step columns are milliseconds per cycle (wall)\n\n")
        .append("| run | cycles | wall | CPU | per cycle | load | commitCycle | due | ")
        .append("evaluations | batch commit |\n|---|---|---|---|---|---|---|---|---|---|\n")
        .append(row("one batch per day, raw = newest 48 h candles", newest, hours))
        .append(
            row(
                "one batch per day, raw = the facade's lookbacks (270 d of 1h, 540 d of 4h)",
                lookbacks,
                hours))
        .append(row("one commit per write (no batch), raw = newest 48 h", single, singleHours))
        .append('\n')
        .append(
            String.format(
                Locale.ROOT,
                "- extrapolated to 26 280 cycles (three years): batched %.0f s (newest) and %.0f s"
                    + " (lookbacks); one commit per write %.0f s\n",
                newest.wallNanos / 1e9 / hours * 26_280,
                lookbacks.wallNanos / 1e9 / hours * 26_280,
                perCycleSingle * 26_280))
        .append(
            String.format(
                Locale.ROOT,
                "- growth: batched (newest) %.2f ms per cycle over the first 30 simulated days,"
                    + " %.2f ms over the last 30; lookbacks %.2f and %.2f ms\n",
                newest.msPerCycle(0, Math.min(30, DAYS)),
                newest.msPerCycle(Math.max(0, DAYS - 30), DAYS),
                lookbacks.msPerCycle(0, Math.min(30, DAYS)),
                lookbacks.msPerCycle(Math.max(0, DAYS - 30), DAYS)))
        .append(
            String.format(
                Locale.ROOT,
                "- repository after the batched run (newest): %.1f MB in %d packs; `maintain()`"
                    + " (gc) %.1f s, writing one %.1f MB pack; `verify()` over its %d commits"
                    + " %.1f s\n",
                newestBytes / 1e6,
                newestPacks,
                gcS,
                packedBytes / 1e6,
                newest.batches + 1,
                verifyS));
    String text = md.toString();
    System.out.println(text);
    Path docs = Path.of("..", "docs");
    Path target =
        Boolean.getBoolean("mm.docs.write") && Files.isDirectory(docs)
            ? docs.resolve("performance-store.md")
            : Path.of("target", "performance-store.md");
    DocSection.write(target, "store-backtest", text);
    assertThat(newest.batches).isEqualTo(DAYS);
  }
}
