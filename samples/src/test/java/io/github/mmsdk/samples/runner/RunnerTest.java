package io.github.mmsdk.samples.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerTest {

  private static String run(int[] code, String... args) {
    PrintStream out = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      code[0] = Runner.execute(args);
    } finally {
      System.setOut(out);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  /** Runs {@code backtest --source demo --json FILE} with more options. */
  private static String backtestDemo(int[] code, Path json, String... options) {
    String[] args = new String[options.length + 5];
    args[0] = "backtest";
    args[1] = "--source";
    args[2] = "demo";
    args[3] = "--json";
    args[4] = json.toString();
    System.arraycopy(options, 0, args, 5, options.length);
    return run(code, args);
  }

  @Test
  void demo_runs_hourly_cycles_into_a_local_git_store(@TempDir Path store) {
    int[] code = new int[1];
    String out = run(code, "demo", "--hours", "6", "--store", store.toString());
    assertThat(code[0]).isZero();
    assertThat(out).contains("6 cycles").contains(store.toString());
    assertThat(store).isNotEmptyDirectory();
  }

  @Test
  void evaluate_runs_one_cycle_from_the_demo_source(@TempDir Path store) {
    int[] code = new int[1];
    String out = run(code, "evaluate", "--source", "demo", "--store", store.toString());
    assertThat(code[0]).isZero();
    assertThat(out).contains("ETH-USDT").contains("confidence");
  }

  @Test
  void health_reports_text_or_json_with_its_exit_code(@TempDir Path store) {
    int[] code = new int[1];
    String text = run(code, "health", "--exchange", "demo", "--store", store.toString());
    assertThat(code[0]).isBetween(0, 2);
    assertThat(text).containsIgnoringCase("market-maker");
    String json = run(code, "health", "--json", "--exchange", "demo", "--store", store.toString());
    assertThat(json.strip()).startsWith("{").endsWith("}").contains("\"status\"");
  }

  @Test
  void operator_actions_and_grid_changes_are_appended_to_the_store(@TempDir Path store)
      throws Exception {
    int[] code = new int[1];
    run(code, "evaluate", "--source", "demo", "--store", store.toString());
    String decision;
    try (var s = io.github.mmsdk.store.git.GitDecisionStore.open(store)) {
      decision =
          s.decisions(
                  io.github.mmsdk.api.Symbol.parse("ETH-USDT"),
                  java.time.Instant.EPOCH,
                  java.time.Instant.parse("2100-01-01T00:00:00Z"))
              .get(0)
              .id();
      s.addGrid(
          new io.github.mmsdk.api.grid.GridConfig.Builder()
              .id("eth-grid-1")
              .symbol(io.github.mmsdk.api.Symbol.parse("ETH-USDT"))
              .lowerPrice(new java.math.BigDecimal("1800"))
              .upperPrice(new java.math.BigDecimal("2200"))
              .levels(20)
              .amountPerGrid(new java.math.BigDecimal("50"))
              .profitPerGridPct(1.0)
              .allocation(new java.math.BigDecimal("1000"))
              .build());
    }
    String out =
        run(
            code,
            "action",
            "--decision",
            decision,
            "--kind",
            "executed",
            "--actor",
            "alice",
            "--price",
            "2001.5",
            "--size",
            "0.25",
            "--store",
            store.toString());
    assertThat(code[0]).isZero();
    assertThat(out).contains("recorded EXECUTED");
    run(
        code,
        "action",
        "--decision",
        decision,
        "--kind",
        "declined",
        "--actor",
        "bob",
        "--price",
        "1",
        "--store",
        store.toString());
    assertThat(code[0]).isEqualTo(2);
    run(
        code,
        "grid",
        "--id",
        "eth-grid-1",
        "--start",
        "--actor",
        "alice",
        "--reason",
        "range",
        "--store",
        store.toString());
    assertThat(code[0]).isZero();
    try (var s = io.github.mmsdk.store.git.GitDecisionStore.open(store)) {
      assertThat(s.decision(decision).orElseThrow().actions())
          .singleElement()
          .satisfies(a -> assertThat(a.executedSize()).isPresent());
      assertThat(s.grids()).singleElement().satisfies(g -> assertThat(g.isRunning()).isTrue());
    }
  }

  @Test
  void backtest_replays_the_demo_market_and_writes_json(@TempDir Path dir) throws Exception {
    int[] code = new int[1];
    Path json = dir.resolve("result.json");
    String out =
        backtestDemo(
            code,
            json,
            "--from",
            "2024-03-01T00:00:00Z",
            "--to",
            "2024-03-08T00:00:00Z",
            "--report",
            dir.resolve("report.html").toString());
    assertThat(code[0]).isBetween(0, 1);
    assertThat(out).contains("cycles").contains("report: ").contains("report.html");
    assertThat(java.nio.file.Files.readString(json)).startsWith("{").contains("cycles");
    assertThat(dir.resolve("report.html")).isNotEmptyFile();
  }

  @Test
  void backtest_replays_demo_minutes_with_grids_filling_and_a_bounded_window(@TempDir Path dir)
      throws Exception {
    int[] code = new int[1];
    Path json = dir.resolve("minutes.json");
    String out =
        backtestDemo(
            code,
            json,
            "--interval",
            "1m",
            "--demo-days",
            "90",
            "--follow",
            "--execute-grids",
            "--window",
            "8",
            "--no-report");
    assertThat(code[0]).as(out).isBetween(0, 1);
    String result = java.nio.file.Files.readString(json);
    // 30 days of hourly decisions after the 60-day warm-up, on the 1m path
    assertThat(result).contains("\"cycles\": 721").contains("\"grid_fills\": ");
    assertThat(result).doesNotContain("\"grid_fills\": 0,");
  }

  @Test
  void backtest_options_that_cannot_work_together_exit_with_2() {
    int[] code = new int[1];
    run(code, "backtest", "--window", "8");
    assertThat(code[0]).as("a window without --no-report").isEqualTo(2);
    run(code, "backtest", "--window", "3", "--no-report");
    assertThat(code[0]).as("a window shorter than the grading horizons").isEqualTo(2);
    run(code, "backtest", "--execute-grids");
    assertThat(code[0]).as("--execute-grids without --follow").isEqualTo(2);
    run(code, "backtest", "--interval", "4h");
    assertThat(code[0]).as("coarser than the decisions").isEqualTo(2);
    run(code, "backtest", "--demo-days", "30");
    assertThat(code[0]).as("no room for the warm-up").isEqualTo(2);
  }

  @Test
  void run_refuses_an_unsupported_cadence() {
    int[] code = new int[1];
    run(code, "run", "--every", "4h", "--exchange", "demo");
    assertThat(code[0]).isEqualTo(2);
  }

  @Test
  void bad_arguments_exit_with_2_and_help_with_0() {
    int[] code = new int[1];
    run(code, "evaluate", "--source", "ftp:nowhere");
    assertThat(code[0]).isEqualTo(2);
    run(code, "demo", "--hours", "0");
    assertThat(code[0]).isEqualTo(2);
    String help = run(code, "--help");
    assertThat(code[0]).isZero();
    assertThat(help).contains("demo").contains("evaluate").contains("run").contains("health");
    for (String cmd :
        java.util.List.of(
            "backtest", "replay", "kpis", "report", "backfill", "verify-store", "evaluate")) {
      assertThat(help).contains(cmd);
      String sub = run(code, cmd, "--help");
      assertThat(code[0]).as(cmd).isZero();
      assertThat(sub).as(cmd).contains("Usage: mm-runner " + cmd).contains("--help");
    }
  }
}
