package io.github.mmsdk.samples.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.Escalation;
import io.github.mmsdk.store.git.GitDecisionStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands that read a store: replay, kpis, report, verify-store; and backfill. */
class StoreCommandsTest {

  private static final Symbol ETH = Symbol.parse("ETH-USDT");

  @TempDir static Path dir;
  private static Path store;
  private static String firstDemo;

  /** One demo run shared by the read-only commands. */
  @BeforeAll
  static void demo() {
    store = dir.resolve("store");
    Result r = run("demo", "--hours", "12", "--store", store.toString());
    assertThat(r.code).isZero();
    firstDemo = r.out;
  }

  @Test
  void demo_run_again_into_the_same_store_shows_what_was_recorded() {
    Result again = run("demo", "--hours", "12", "--store", store.toString());
    assertThat(again.code).as(again.err).isZero();
    assertThat(again.out).contains("12 cycles (12 recorded by an earlier run)");
    assertThat(again.out.lines().filter(l -> l.startsWith("20")).toList())
        .isNotEmpty()
        .isEqualTo(firstDemo.lines().filter(l -> l.startsWith("20")).toList());
  }

  @Test
  void replay_kpis_and_report_share_the_period_options_and_kpis_ends_its_period_before_to() {
    for (String cmd : List.of("replay", "kpis", "report")) {
      Result help = run(cmd, "--help");
      assertThat(help.code).as(cmd).isZero();
      assertThat(help.out)
          .as(cmd)
          .contains("--store=<store>", "--symbol=<symbol>", "--from=<from>", "--to=<to>")
          .contains("Start, a UTC date or ISO-8601 instant");
      assertThat(help.out)
          .as(cmd)
          .contains(cmd.equals("kpis") ? "End, exclusive" : "Last time, inclusive");
    }
    Result noStore = run("kpis", "--store", dir.resolve("none").toString());
    assertThat(noStore.code).isEqualTo(2);
    assertThat(noStore.err).contains("no store there");
    Result nothing = run("report", "--store", store.toString(), "--symbol", "BTC-USDT");
    assertThat(nothing.code).isEqualTo(2);
    assertThat(nothing.err).contains("no decision of BTC-USDT recorded in");
  }

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
    try {
      int code = Runner.execute(args);
      return new Result(
          code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void demo_ends_by_writing_the_html_report_and_printing_its_path() throws Exception {
    Path page = ReportCommand.defaultFile(store, ETH);
    assertThat(page).isRegularFile();
    assertThat(Files.readString(page)).startsWith("<!DOCTYPE html>").contains("ETH-USDT");
  }

  @Test
  void replay_of_an_unchanged_store_finds_no_difference_and_writes_json() throws Exception {
    Path json = dir.resolve("replay.json");
    Result r = run("replay", "--store", store.toString(), "--json", json.toString());
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.out).contains("12 decisions replayed, 12 unchanged, 0 different");
    String text = Files.readString(json);
    assertThat(text)
        .startsWith("{")
        .contains("\"decisions_replayed\": 12")
        .contains("\"different\": 0")
        .contains("\"differences\": []");
    long asked;
    try (GitDecisionStore s = GitDecisionStore.open(store)) {
      asked =
          s.decisions(ETH, Instant.EPOCH, Runner.END_OF_TIME).stream()
              .filter(
                  d ->
                      d.recommendations().stream()
                          .anyMatch(x -> x.escalation() != Escalation.RECORD_ONLY))
              .count();
    }
    assertThat(text).contains("\"unanswered\": " + asked);
  }

  @Test
  void replay_narrows_to_a_period_given_as_dates_or_instants() {
    List<DecisionRecord> all;
    try (GitDecisionStore s = GitDecisionStore.open(store)) {
      all = s.decisions(ETH, Instant.EPOCH, Runner.END_OF_TIME);
    }
    Instant third = all.get(2).metadata().observedAt();
    Result r =
        run(
            "replay",
            "--store",
            store.toString(),
            "--from",
            third.toString(),
            "--to",
            all.get(5).metadata().observedAt().toString());
    assertThat(r.code).isZero();
    assertThat(r.out).contains("4 decisions replayed");
    Result none = run("replay", "--store", store.toString(), "--to", "2001-01-01");
    assertThat(none.code).isZero();
    assertThat(none.out).contains("no decision of ETH-USDT");
  }

  @Test
  void kpis_prints_the_figures_and_writes_json() throws Exception {
    Path json = dir.resolve("kpis.json");
    Result r = run("kpis", "--store", store.toString(), "--json", json.toString());
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.out).contains("breakouts").contains("daily figures");
    assertThat(Files.readString(json))
        .startsWith("{")
        .contains("\"kpis\"")
        .contains("\"breakouts\"");
  }

  @Test
  void report_writes_a_self_contained_page_over_the_store() throws Exception {
    Path page = dir.resolve("out").resolve("page.html");
    Result r = run("report", "--store", store.toString(), "--out", page.toString());
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.out).contains("report written to").contains("page.html");
    assertThat(Files.readString(page)).doesNotContain("http://").doesNotContain("https://cdn");
  }

  @Test
  void verify_store_exits_0_when_intact_and_1_with_findings() throws Exception {
    Path copy = dir.resolve("tampered");
    Result made = run("demo", "--hours", "2", "--store", copy.toString());
    assertThat(made.code).isZero();
    Result clean = run("verify-store", "--store", copy.toString());
    assertThat(clean.code).isZero();
    assertThat(clean.out).contains("intact");
    deleteOneDecision(copy);
    Result tampered = run("verify-store", "--store", copy.toString());
    assertThat(tampered.code).isEqualTo(1);
    assertThat(tampered.out).contains("DELETED").contains("finding");
  }

  @Test
  void read_commands_refuse_a_folder_without_a_store_with_exit_2() {
    Path nowhere = dir.resolve("nowhere");
    for (String cmd : List.of("replay", "kpis", "report", "verify-store")) {
      Result r = run(cmd, "--store", nowhere.toString());
      assertThat(r.code).as(cmd).isEqualTo(2);
      assertThat(r.err).as(cmd).contains("no store there");
    }
    assertThat(nowhere).doesNotExist();
  }

  @Test
  void bad_periods_and_symbols_exit_with_2() {
    assertThat(run("replay", "--store", store.toString(), "--from", "2024-13-01").code)
        .isEqualTo(2);
    assertThat(
            run("replay", "--store", store.toString(), "--from", "2024-03-02", "--to", "2024-03-01")
                .code)
        .isEqualTo(2);
    Result sym = run("kpis", "--store", store.toString(), "--symbol", "ETHUSDT");
    assertThat(sym.code).isEqualTo(2);
    assertThat(sym.err).contains("ETHUSDT");
    assertThat(run("report", "--store", store.toString(), "--symbol", "BTC-USDT").code)
        .isEqualTo(2);
  }

  @Test
  void backfill_fetches_the_lookbacks_into_the_raw_data() {
    Path fresh = dir.resolve("backfilled");
    Result r =
        run(
            "backfill",
            "--store",
            fresh.toString(),
            "--symbols",
            "ETH-USDT,BTC-USDT",
            "--source",
            "demo",
            "--at",
            "2024-02-01");
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.out).contains("ETH-USDT 1h").contains("BTC-USDT 4h").contains("backfilled");
    try (GitDecisionStore s = GitDecisionStore.open(fresh)) {
      var hourly =
          s.rawCandles(ETH, io.github.mmsdk.api.Timeframe.H1, Instant.EPOCH, Runner.END_OF_TIME);
      // the demo market starts on 2024-01-01: 31 days of the 270-day lookback exist
      assertThat(hourly.size()).isEqualTo(31 * 24);
      assertThat(
              s.rawCandles(
                      Symbol.parse("BTC-USDT"),
                      io.github.mmsdk.api.Timeframe.H4,
                      Instant.EPOCH,
                      Runner.END_OF_TIME)
                  .size())
          .isEqualTo(31 * 6);
    }
    Result again =
        run("backfill", "--store", fresh.toString(), "--source", "ftp:x", "--at", "2024-02-01");
    assertThat(again.code).isEqualTo(2);
    assertThat(again.err).contains("--source must be one of demo, csv:PATH, kucoin");
  }

  @Test
  void backfill_from_a_csv_file_stores_its_hours_and_the_4h_candles_built_from_them()
      throws Exception {
    List<String> lines = new java.util.ArrayList<>(List.of(CandleSource.HEADER));
    long t0 = Instant.parse("2024-05-01T00:00:00Z").toEpochMilli();
    for (int h = 0; h < 48; h++) {
      double o = 100 + h % 5;
      lines.add((t0 + h * 3_600_000L) + "," + o + "," + (o + 1) + "," + (o - 1) + "," + o + ",2");
    }
    Path csv = dir.resolve("SOL-USDT_1h_test.csv");
    Files.write(csv, lines, StandardCharsets.UTF_8);
    Path fresh = dir.resolve("from-csv");
    Result r = run("backfill", "--store", fresh.toString(), "--source", "csv:" + csv);
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.out).contains("SOL-USDT 1h  48 candles").contains("SOL-USDT 4h  12 candles");
    Symbol sol = Symbol.parse("SOL-USDT");
    try (GitDecisionStore s = GitDecisionStore.open(fresh)) {
      assertThat(
              s.rawCandles(sol, io.github.mmsdk.api.Timeframe.H1, Instant.EPOCH, Runner.END_OF_TIME)
                  .size())
          .isEqualTo(48);
    }
    Result wrong =
        run(
            "backfill",
            "--store",
            fresh.toString(),
            "--source",
            "csv:" + csv,
            "--symbols",
            "ETH-USDT");
    assertThat(wrong.code).isEqualTo(2);
    assertThat(wrong.err).contains("holds SOL-USDT only");
  }

  /** Commits the deletion of one decision record, as an intruder with Git would. */
  private static void deleteOneDecision(Path folder) throws Exception {
    try (Repository repo = new FileRepositoryBuilder().setGitDir(folder.toFile()).build();
        ObjectReader rd = repo.newObjectReader();
        ObjectInserter ins = repo.newObjectInserter();
        RevWalk w = new RevWalk(repo)) {
      ObjectId head = repo.resolve("HEAD");
      var tree = w.parseCommit(head).getTree();
      DirCache dc = DirCache.newInCore();
      DirCacheBuilder b = dc.builder();
      b.addTree(new byte[0], 0, rd, tree);
      b.finish();
      String victim = null;
      for (int i = 0; i < dc.getEntryCount(); i++) {
        if (dc.getEntry(i).getPathString().startsWith("decisions/")) {
          victim = dc.getEntry(i).getPathString();
          break;
        }
      }
      assertThat(victim).isNotNull();
      DirCacheEditor ed = dc.editor();
      ed.add(new DirCacheEditor.DeletePath(victim));
      ed.finish();
      CommitBuilder cb = new CommitBuilder();
      PersonIdent who = new PersonIdent("intruder", "x@y");
      cb.setAuthor(who);
      cb.setCommitter(who);
      cb.setMessage("delete " + victim);
      cb.setTreeId(dc.writeTree(ins));
      cb.setParentId(head);
      ObjectId c = ins.insert(cb);
      ins.flush();
      RefUpdate u = repo.updateRef(repo.getFullBranch());
      u.setExpectedOldObjectId(head);
      u.setNewObjectId(c);
      assertThat(u.update()).isIn(RefUpdate.Result.FAST_FORWARD, RefUpdate.Result.NEW);
    }
  }
}
