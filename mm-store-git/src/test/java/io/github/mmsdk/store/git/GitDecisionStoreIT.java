package io.github.mmsdk.store.git;

import static io.github.mmsdk.store.git.Records.ETH_USDT;
import static io.github.mmsdk.store.git.Records.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.decision.EvaluationHorizon;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.health.HealthStatus;
import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.notify.NotificationPriority;
import io.github.mmsdk.api.store.CorruptRecordException;
import io.github.mmsdk.api.store.CycleRecords;
import io.github.mmsdk.api.store.RecordImmutableException;
import io.github.mmsdk.api.store.RecordNotFoundException;
import io.github.mmsdk.api.store.StoreConflictException;
import io.github.mmsdk.api.store.StoreException;
import io.github.mmsdk.store.git.internal.StoreLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitDecisionStoreIT {
  @TempDir Path dir;

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void creates_a_bare_repository_on_first_use_and_reopens_it() {
    Path folder = dir.resolve("data");
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      store.commitCycle(Records.cycleAt(ETH_USDT, START));
    }
    assertThat(folder.resolve("HEAD")).exists();
    assertThat(folder.resolve("objects")).isDirectory();
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      assertThat(store.decision(Records.idOf(ETH_USDT, START))).isPresent();
      assertThat(store.folder()).isEqualTo(folder);
    }
  }

  @Test
  void one_cycle_is_one_commit_with_every_file_and_each_candle_once() throws Exception {
    Path folder = dir.resolve("data");
    CandleSeries h1 = GitFixtures.hourly(ETH_USDT, START.minus(Duration.ofHours(47)), 48, 2500);
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      CycleRecords c =
          new CycleRecords.Builder()
              .from(Records.cycleAt(ETH_USDT, START))
              .addRawCandle(h1)
              .build();
      String commit = store.commitCycle(c);
      assertThat(GitFixtures.commitCount(folder)).isEqualTo(1);
      assertThat(ObjectId.fromString(commit)).isNotNull();
      assertThat(GitFixtures.read(folder, StoreLayout.metrics(ETH_USDT, START))).isPresent();
      assertThat(
              GitFixtures.read(folder, StoreLayout.decision(Records.idOf(ETH_USDT, START), START)))
          .isPresent();
      assertThat(
              GitFixtures.read(folder, StoreLayout.exitStates(ETH_USDT, LocalDate.of(2026, 2, 2))))
          .isPresent();
      String day1 =
          new String(
              GitFixtures.read(
                      folder, StoreLayout.raw(ETH_USDT, Timeframe.H1, LocalDate.of(2026, 2, 1)))
                  .orElseThrow(),
              StandardCharsets.UTF_8);
      assertThat(day1).startsWith("{\"schema_version\":1,");

      // the next cycle brings 48 candles again, 47 of them known: only the new one is added
      CandleSeries next = GitFixtures.hourly(ETH_USDT, START.minus(Duration.ofHours(46)), 48, 2500);
      store.commitCycle(
          new CycleRecords.Builder()
              .symbol(ETH_USDT)
              .asOf(START.plus(Duration.ofHours(1)))
              .addRawCandle(next)
              .build());
      assertThat(GitFixtures.commitCount(folder)).isEqualTo(2);
      CandleSeries stored =
          store.rawCandles(
              ETH_USDT,
              Timeframe.H1,
              START.minus(Duration.ofDays(3)),
              START.plus(Duration.ofDays(1)));
      assertThat(stored.size()).isEqualTo(49);
      assertThat(stored.slice(0, 48)).isEqualTo(h1);
      assertThat(stored.close(48)).isEqualTo(next.close(47));

      // nothing new: no raw file changes, only the (empty) cycle is refused as a no-op
      String before =
          store.commitCycle(
              new CycleRecords.Builder().symbol(ETH_USDT).asOf(START).addRawCandle(h1).build());
      assertThat(GitFixtures.commitCount(folder)).isEqualTo(2);
      assertThat(before).isNotBlank();
    }
  }

  @Test
  void appends_leave_every_earlier_byte_unchanged() {
    Path folder = dir.resolve("data");
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      store.commitCycle(Records.cycleAt(ETH_USDT, START));
      String id = Records.idOf(ETH_USDT, START);
      String path = StoreLayout.decision(id, START);
      byte[] v1 = GitFixtures.read(folder, path).orElseThrow();
      store.appendAction(Records.actionOn(id, START.plusSeconds(600)));
      byte[] v2 = GitFixtures.read(folder, path).orElseThrow();
      store.appendEvaluation(
          Records.evaluationOf(id, EvaluationHorizon.H24, START.plus(Duration.ofHours(24))));
      byte[] v3 = GitFixtures.read(folder, path).orElseThrow();
      assertThat(v2.length).isGreaterThan(v1.length);
      assertThat(Arrays.copyOf(v2, v1.length)).isEqualTo(v1);
      assertThat(Arrays.copyOf(v3, v2.length)).isEqualTo(v2);
      assertThat(new String(v3, StandardCharsets.UTF_8))
          .contains("schema_version: 2")
          .contains("economic_impact_usd: 12.34")
          .contains("- action:")
          .contains("- evaluation:");

      // exit states of a day grow the same way
      String exits = StoreLayout.exitStates(ETH_USDT, LocalDate.of(2026, 2, 2));
      byte[] e1 = GitFixtures.read(folder, exits).orElseThrow();
      store.commitCycle(
          new CycleRecords.Builder()
              .symbol(ETH_USDT)
              .asOf(START.plus(Duration.ofHours(1)))
              .addExitHistory(Records.exitsOf("eth-grid-1", START.plus(Duration.ofHours(1))))
              .build());
      byte[] e2 = GitFixtures.read(folder, exits).orElseThrow();
      assertThat(Arrays.copyOf(e2, e1.length)).isEqualTo(e1);
      assertThat(store.exitHistoryLog(ETH_USDT, "eth-grid-1")).hasSize(2);

      // grid history too
      store.addGrid(Records.gridNamed("eth-grid-1"));
      byte[] g1 = GitFixtures.read(folder, StoreLayout.grid("eth-grid-1")).orElseThrow();
      store.appendGridHistory(
          "eth-grid-1",
          GridHistoryEntry.of(
              START.plus(Duration.ofDays(1)), GridHistoryEntry.Event.DISABLED, "op", "trend"));
      byte[] g2 = GitFixtures.read(folder, StoreLayout.grid("eth-grid-1")).orElseThrow();
      assertThat(Arrays.copyOf(g2, g1.length)).isEqualTo(g1);
      assertThat(store.grids().get(0).history()).hasSize(2);
      assertThat(store.verify().intact()).isTrue();
    }
  }

  @Test
  void refuses_appends_that_would_need_a_rewrite() {
    Path folder = dir.resolve("data");
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      store.commitCycle(Records.cycleAt(ETH_USDT, START));
    }
    // an operator hand-writes a grid whose history is not the last key
    GitFixtures.rawCommit(
        folder,
        Map.of(
            "config/grids/hand.yaml",
            utf8(
                "schema_version: 1\nid: hand\nsymbol: ETH-USDT\nlower_price: 1\nupper_price: 2\n"
                    + "levels: 3\namount_per_grid: 1\nprofit_per_grid_pct: 0.5\nhistory: []\n"
                    + "allocation: 3\n")));
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      assertThat(store.grids()).extracting(g -> g.id()).containsExactly("hand");
      assertThatThrownBy(
              () ->
                  store.appendGridHistory(
                      "hand", GridHistoryEntry.of(START, GridHistoryEntry.Event.ENABLED, "a", "b")))
          .isInstanceOf(StoreConflictException.class);
      assertThatThrownBy(
              () ->
                  store.appendGridHistory(
                      "missing",
                      GridHistoryEntry.of(START, GridHistoryEntry.Event.ENABLED, "a", "b")))
          .isInstanceOf(RecordNotFoundException.class);
    }
  }

  @Test
  void decisions_record_the_commit_of_the_configuration() {
    Path folder = dir.resolve("data");
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      assertThat(store.configVersion()).isEmpty();
      store.commitCycle(Records.cycleAt(ETH_USDT, START));
      assertThat(store.configVersion()).isEmpty();
      String cfg =
          store.writeConfig(
              Map.of("config/rules.yaml", utf8("exit_rules:\n  warning:\n    adx: 25\n")));
      store.commitCycle(Records.cycleAt(ETH_USDT, START.plus(Duration.ofHours(1))));
      assertThat(store.configVersion()).contains(cfg);
      var d = Records.decisionAt(ETH_USDT, START.plus(Duration.ofHours(2)));
      store.commitCycle(
          new CycleRecords.Builder()
              .symbol(ETH_USDT)
              .asOf(START.plus(Duration.ofHours(2)))
              .decision(
                  new io.github.mmsdk.api.decision.DecisionRecord.Builder()
                      .from(d)
                      .configVersion(java.util.Optional.empty())
                      .build())
              .build());
      assertThat(store.decision(d.id()).orElseThrow().configVersion()).contains(cfg);
      assertThat(store.configLoader().load().version()).contains(cfg);
      assertThat(store.configLoader().load().rules().integer("exit_rules.warning.adx"))
          .isEqualTo(25);
      assertThatThrownBy(() -> store.writeConfig(Map.of("metrics/x.yaml", utf8("a: 1"))))
          .isInstanceOf(io.github.mmsdk.api.InvalidConfigurationException.class);
    }
    // reopening walks the history to find it again
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      assertThat(store.configVersion()).isPresent();
    }
  }

  @Test
  void decisions_with_any_id_are_found_through_the_index() {
    var base = Records.decisionAt(ETH_USDT, START);
    var odd =
        new io.github.mmsdk.api.decision.DecisionRecord.Builder()
            .from(base)
            .metadata(
                new io.github.mmsdk.api.decision.RecordMetadata.Builder()
                    .from(base.metadata())
                    .recordId("custom/odd id")
                    .build())
            .build();
    CycleRecords c = new CycleRecords.Builder().symbol(ETH_USDT).asOf(START).decision(odd).build();
    try (GitDecisionStore store = GitDecisionStore.open(dir.resolve("data"))) {
      store.commitCycle(c);
      assertThat(store.decision("custom/odd id")).contains(odd);
      assertThat(store.decision("custom_odd_id")).isEmpty();
      store.appendAction(Records.actionOn("custom/odd id", START.plusSeconds(5)));
      assertThat(store.decision("custom/odd id").orElseThrow().actions()).hasSize(1);
      assertThatThrownBy(() -> store.commitCycle(c)).isInstanceOf(RecordImmutableException.class);
      assertThatThrownBy(
              () -> store.appendAction(Records.actionOn("dec-X-Y-20260101-000000", START)))
          .isInstanceOf(RecordNotFoundException.class);
    }
  }

  @Test
  void dead_letters_wait_until_resolved() {
    Notification n =
        new Notification.Builder()
            .id("ntf-1")
            .kind(Notification.Kind.EXIT_STATE)
            .priority(NotificationPriority.HIGH)
            .title("WARNING")
            .message("ETH grid entered WARNING")
            .symbol(ETH_USDT)
            .gridId("eth-grid-1")
            .createdAt(START)
            .putField("state", "WARNING")
            .build();
    DeliveryReport failed =
        new DeliveryReport.Builder()
            .notificationId("ntf-1")
            .channel("pushover")
            .status(DeliveryReport.Status.DEAD_LETTERED)
            .attempts(3)
            .at(START.plusSeconds(30))
            .error("HTTP 503")
            .build();
    try (GitDecisionStore store = GitDecisionStore.open(dir.resolve("data"))) {
      store.deadLetter(n, failed);
      store.deadLetter(n, failed);
      assertThat(store.pending()).hasSize(1);
      assertThat(store.pending().get(0).notification()).isEqualTo(n);
      assertThat(store.pending().get(0).attempts()).hasSize(2);
      assertThat(GitFixtures.read(dir.resolve("data"), "dead_letters/2026-02-02/ntf-1.yaml"))
          .isPresent();
      DeliveryReport ok =
          new DeliveryReport.Builder()
              .from(failed)
              .status(DeliveryReport.Status.DELIVERED)
              .attempts(1)
              .build();
      store.resolve("ntf-1", ok);
      assertThat(store.pending()).isEmpty();
      assertThatThrownBy(() -> store.resolve("ntf-1", ok))
          .isInstanceOf(RecordImmutableException.class);
      assertThatThrownBy(() -> store.resolve("ntf-2", ok))
          .isInstanceOf(RecordNotFoundException.class);
    }
  }

  @Test
  void kpis_are_written_once() {
    try (GitDecisionStore store = GitDecisionStore.open(dir.resolve("data"))) {
      LocalDate day = LocalDate.of(2026, 2, 2);
      assertThat(store.kpis(day)).isEmpty();
      store.writeKpis(day, Map.of("slar", 0.92, "prr", 0.5));
      assertThat(store.kpis(day)).containsEntry("slar", 0.92).containsEntry("prr", 0.5);
      assertThatThrownBy(() -> store.writeKpis(day, Map.of("slar", 1.0)))
          .isInstanceOf(RecordImmutableException.class);
    }
  }

  @Test
  void queries_cover_history_hours_and_health() {
    try (GitDecisionStore store = GitDecisionStore.open(dir.resolve("data"))) {
      for (int i = 0; i < 30; i++) {
        store.commitCycle(Records.cycleAt(ETH_USDT, START.plus(Duration.ofHours(i))));
      }
      Instant now = START.plus(Duration.ofHours(30));
      assertThat(store.lastHours(ETH_USDT, 24, now)).hasSize(24);
      assertThat(store.snapshots(ETH_USDT, START, now)).hasSize(30);
      assertThat(store.awaitingEvaluation(now)).hasSize(7);
      Health h = store.health();
      assertThat(h.status()).isEqualTo(HealthStatus.UP);
      assertThat(h.details()).containsKeys("head", "path", "commits_this_run");
      assertThat(h.lastSuccess()).isPresent();
      assertThat(store.unpushedCommits()).isZero();
      assertThat(store.push()).isTrue();
      store.maintain();
      assertThat(store.snapshots(ETH_USDT, START, now)).hasSize(30);
    }
  }

  @Test
  void a_lock_left_by_a_killed_writer_is_removed() throws Exception {
    Path folder = dir.resolve("data");
    try (GitDecisionStore store =
        GitDecisionStore.builder(folder)
            .staleLockAfter(Duration.ZERO)
            .maxCommitAttempts(3)
            .open()) {
      store.commitCycle(Records.cycleAt(ETH_USDT, START));
      Path lock = folder.resolve("refs/heads/main.lock");
      Files.writeString(lock, "0000000000000000000000000000000000000000\n");
      Files.setLastModifiedTime(
          lock, java.nio.file.attribute.FileTime.from(START.minus(Duration.ofDays(1))));
      store.commitCycle(Records.cycleAt(ETH_USDT, START.plus(Duration.ofHours(1))));
      assertThat(lock).doesNotExist();
      assertThat(GitFixtures.commitCount(folder)).isEqualTo(2);
    }
  }

  @Test
  void a_closed_store_is_down_and_refuses_work() {
    GitDecisionStore store = GitDecisionStore.open(dir.resolve("data"));
    store.close();
    assertThat(store.health().status()).isEqualTo(HealthStatus.DOWN);
    assertThatThrownBy(() -> store.commitCycle(Records.cycleAt(ETH_USDT, START)))
        .isInstanceOf(StoreException.class);
  }

  @Test
  void a_corrupt_record_names_its_path_and_line() {
    Path folder = dir.resolve("data");
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      store.commitCycle(Records.cycleAt(ETH_USDT, START));
    }
    String bad = StoreLayout.metrics(ETH_USDT, START.plus(Duration.ofHours(1)));
    GitFixtures.rawCommit(folder, Map.of(bad, utf8("schema_version: 1\nmetadata:\n  venue: x\n")));
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      assertThatThrownBy(() -> store.snapshots(ETH_USDT, START, START.plus(Duration.ofDays(1))))
          .isInstanceOf(CorruptRecordException.class)
          .hasMessageContaining(bad)
          .satisfies(e -> assertThat(((CorruptRecordException) e).line()).isEqualTo(2));
    }
    String newer = StoreLayout.metrics(ETH_USDT, START.plus(Duration.ofHours(2)));
    GitFixtures.rawCommit(folder, Map.of(newer, utf8("schema_version: 9\n")));
    GitFixtures.rawCommit(folder, Map.of(bad, utf8("schema_version: 1\nmetadata: [\n")));
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      assertThatThrownBy(() -> store.snapshots(ETH_USDT, START, START.plus(Duration.ofDays(1))))
          .isInstanceOf(CorruptRecordException.class);
    }
  }

  @Test
  void verify_reports_rewritten_deleted_records_and_rewritten_history() throws Exception {
    Path folder = dir.resolve("data");
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      store.commitCycle(Records.cycleAt(ETH_USDT, START));
      store.appendAction(Records.actionOn(Records.idOf(ETH_USDT, START), START.plusSeconds(60)));
      store.commitCycle(Records.cycleAt(ETH_USDT, START.plus(Duration.ofHours(1))));
      VerificationReport clean = store.verify();
      assertThat(clean.intact()).isTrue();
      assertThat(clean.commitsChecked()).isEqualTo(3);
      assertThat(clean.head()).isPresent();
    }
    String decision = StoreLayout.decision(Records.idOf(ETH_USDT, START), START);
    byte[] bytes = GitFixtures.read(folder, decision).orElseThrow();
    String edited = new String(bytes, StandardCharsets.UTF_8).replace("STOP_GRID", "HOLD");
    ObjectId rewrite = GitFixtures.rawCommit(folder, Map.of(decision, utf8(edited)));
    String metrics = StoreLayout.metrics(ETH_USDT, START);
    ObjectId delete = GitFixtures.deleteCommit(folder, metrics);
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      VerificationReport r = store.verify();
      assertThat(r.intact()).isFalse();
      assertThat(r.findings())
          .extracting(TamperFinding::kind, TamperFinding::commit, TamperFinding::path)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  TamperFinding.Kind.REWRITTEN, rewrite.name(), decision),
              org.assertj.core.groups.Tuple.tuple(
                  TamperFinding.Kind.DELETED, delete.name(), metrics));
    }
    GitFixtures.resetToParent(folder);
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      VerificationReport r = store.verify();
      assertThat(r.findings())
          .extracting(TamperFinding::kind)
          .contains(TamperFinding.Kind.NON_FAST_FORWARD, TamperFinding.Kind.REWRITTEN);
    }
  }

  @Test
  void retention_dry_run_lists_old_files_and_changes_nothing() throws Exception {
    Path folder = dir.resolve("data");
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      CandleSeries m1 =
          GitFixtures.series(
              ETH_USDT, Timeframe.M1, START.minus(Duration.ofDays(3)), 3 * 1440, 2500);
      store.commitCycle(
          new CycleRecords.Builder()
              .from(Records.cycleAt(ETH_USDT, START))
              .addRawCandle(m1)
              .build());
      int commits = GitFixtures.commitCount(folder);
      RetentionReport r =
          store.retentionDryRun(
              new RetentionPolicy.Builder().putKeep("raw_data", Duration.ofDays(1)).build(),
              START.plus(Duration.ofDays(1)));
      assertThat(r.candidates())
          .extracting(RetentionReport.Candidate::path)
          .containsExactly(
              "raw_data/ETH-USDT/1m/2026-01-30.json",
              "raw_data/ETH-USDT/1m/2026-01-31.json",
              "raw_data/ETH-USDT/1m/2026-02-01.json");
      assertThat(r.bytes()).isPositive();
      assertThat(r.kept()).isPositive();
      assertThat(GitFixtures.commitCount(folder)).isEqualTo(commits);
      assertThat(
              store
                  .rawCandles(ETH_USDT, Timeframe.M1, START.minus(Duration.ofDays(3)), START)
                  .size())
          .isEqualTo(3 * 1440);
    }
    assertThat(Files.exists(folder)).isTrue();
  }

  @Test
  void existing_work_tree_repositories_are_used_as_they_are() throws Exception {
    Path work = dir.resolve("work");
    org.eclipse.jgit.api.Git.init()
        .setDirectory(work.toFile())
        .setInitialBranch("main")
        .call()
        .close();
    try (GitDecisionStore store = GitDecisionStore.open(work)) {
      store.commitCycle(Records.cycleAt(ETH_USDT, START));
      assertThat(store.decisions(ETH_USDT, START, START.plusSeconds(1))).hasSize(1);
    }
    assertThat(work.resolve(".git/objects")).isDirectory();
    assertThat(List.of(work.toFile().list())).containsExactly(".git");
  }
}
