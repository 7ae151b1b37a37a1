package io.github.mmsdk.store.git;

import static io.github.mmsdk.store.git.Records.ETH_USDT;
import static io.github.mmsdk.store.git.Records.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.decision.ControlRecord;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.EvaluationHorizon;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.notify.NotificationPriority;
import io.github.mmsdk.api.store.CycleRecords;
import io.github.mmsdk.api.store.RecordImmutableException;
import io.github.mmsdk.api.store.StoreException;
import io.github.mmsdk.store.git.internal.GitRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link GitDecisionStore#batch()}: many writes, one commit, the guarantees of single writes. */
class GitDecisionStoreBatchIT {
  private static final Symbol BTC_USDT = Symbol.of("BTC", "USDT");
  private static final CandleSeries H1 =
      GitFixtures.series(ETH_USDT, Timeframe.H1, START.minus(Duration.ofDays(2)), 24 * 12, 2500);

  @TempDir Path dir;

  private static CycleRecords cycle(Symbol s, Instant t) {
    int end = H1.indexOf(t.toEpochMilli());
    CycleRecords.Builder b = new CycleRecords.Builder().from(Records.cycleAt(s, t));
    if (s.equals(ETH_USDT)) {
      b.addRawCandle(H1.slice(Math.max(0, end - 47), end + 1)); // crosses days, mostly stored
    }
    return b.build();
  }

  private static Notification notification(String id, Instant at) {
    return new Notification.Builder()
        .id(id)
        .kind(Notification.Kind.EXIT_STATE)
        .priority(NotificationPriority.HIGH)
        .title("WARNING")
        .message("ETH grid entered WARNING")
        .symbol(ETH_USDT)
        .createdAt(at)
        .build();
  }

  private static DeliveryReport failed(String id, Instant at) {
    return new DeliveryReport.Builder()
        .notificationId(id)
        .channel("pushover")
        .status(DeliveryReport.Status.DEAD_LETTERED)
        .attempts(3)
        .at(at)
        .error("HTTP 503")
        .build();
  }

  /**
   * A simulated day of a runner's writes, computed from the store's own reads: two pairs' cycles
   * with raw candles, the evaluations that became due, control records, a grid and its history, a
   * dead letter and the day's KPIs.
   */
  private static void day(GitDecisionStore store, int day) {
    Instant dayStart = START.plus(Duration.ofDays(day));
    if (day == 0) {
      store.addGrid(Records.gridNamed("eth-grid-1"));
    }
    for (int h = 0; h < 24; h++) {
      Instant t = dayStart.plus(Duration.ofHours(h));
      store.commitCycle(cycle(ETH_USDT, t));
      store.commitCycle(cycle(BTC_USDT, t));
      Instant previous = t.minus(Duration.ofHours(1));
      for (DecisionRecord d : store.dueForEvaluation(previous, t)) {
        for (EvaluationHorizon hz : EvaluationHorizon.values()) {
          Instant due = d.metadata().observedAt().plus(hz.after());
          if (due.isAfter(previous) && !due.isAfter(t) && !d.gradedHorizons().contains(hz)) {
            store.appendEvaluation(Records.evaluationOf(d.id(), hz, t));
          }
        }
      }
      if (h == 6) {
        store.appendAction(Records.actionOn(Records.idOf(ETH_USDT, t), t.plusSeconds(60)));
        store.appendControl(
            new ControlRecord.Builder()
                .id("halt-" + day)
                .kind(ControlRecord.Kind.HALT)
                .at(t)
                .actor("alice")
                .build());
        store.appendGridHistory(
            "eth-grid-1",
            GridHistoryEntry.of(
                t,
                day % 2 == 0 ? GridHistoryEntry.Event.DISABLED : GridHistoryEntry.Event.ENABLED,
                "alice",
                "day " + day));
      }
      if (h == 9) {
        store.appendControl(
            new ControlRecord.Builder()
                .id("resume-" + day)
                .kind(ControlRecord.Kind.RESUME)
                .at(t)
                .actor("alice")
                .build());
        store.deadLetter(notification("ntf-" + day, t), failed("ntf-" + day, t));
        store.deadLetter(notification("ntf-" + day, t), failed("ntf-" + day, t.plusSeconds(60)));
      }
    }
    store.writeKpis(LocalDate.ofInstant(dayStart, java.time.ZoneOffset.UTC), Map.of("FER", 0.1));
  }

  private static ObjectId headTree(Path folder) throws Exception {
    try (GitRepo repo = GitRepo.open(folder, Clock.systemUTC(), "reader", "x@y");
        RevWalk w = new RevWalk(repo.repository())) {
      return w.parseCommit(repo.head().orElseThrow()).getTree().copy();
    }
  }

  @Test
  void a_day_per_batch_writes_the_same_files_as_one_commit_per_write() throws Exception {
    Path single = dir.resolve("single");
    Path batched = dir.resolve("batched");
    int days = 8; // past the 7-day horizon
    try (GitDecisionStore store = GitDecisionStore.open(single)) {
      for (int d = 0; d < days; d++) {
        day(store, d);
      }
    }
    int singleCommits = GitFixtures.commitCount(single);
    try (GitDecisionStore store = GitDecisionStore.open(batched)) {
      for (int d = 0; d < days; d++) {
        try (GitDecisionStore.Batch batch = store.batch()) {
          day(store, d);
          assertThat(batch.size()).isPositive();
        }
      }
      assertThat(store.verify().intact()).as("append-only from batch to batch").isTrue();
    }
    assertThat(GitFixtures.commitCount(batched)).isEqualTo(days);
    assertThat(singleCommits).isGreaterThan(days * 48);
    assertThat(headTree(batched))
        .as("byte-identical files: every staged write saw the earlier ones")
        .isEqualTo(headTree(single));
  }

  @Test
  void reads_on_the_batch_thread_see_staged_writes_and_other_threads_the_committed_tip()
      throws Exception {
    Path folder = dir.resolve("data");
    ExecutorService other = Executors.newSingleThreadExecutor();
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      store.commitCycle(cycle(ETH_USDT, START));
      GitDecisionStore.Batch batch = store.batch();
      Instant t1 = START.plus(Duration.ofHours(1));
      String staged = store.commitCycle(cycle(ETH_USDT, t1));
      assertThat(staged).startsWith("pending-");
      store.appendEvaluation(
          Records.evaluationOf(
              Records.idOf(ETH_USDT, START),
              EvaluationHorizon.H24,
              START.plus(Duration.ofDays(1))));
      assertThat(store.decisions(ETH_USDT, START, START.plus(Duration.ofDays(1)))).hasSize(2);
      assertThat(store.decision(Records.idOf(ETH_USDT, START)).orElseThrow().gradedHorizons())
          .containsExactly(EvaluationHorizon.H24);
      assertThat(store.dueForEvaluation(START, t1.plus(Duration.ofDays(1))))
          .extracting(DecisionRecord::id)
          .containsExactly(Records.idOf(ETH_USDT, t1));
      assertThat(store.rawCandles(ETH_USDT, Timeframe.H1, START.minus(Duration.ofDays(2)), t1))
          .isEqualTo(H1.between(START.minus(Duration.ofHours(47)), t1));
      Future<Integer> seen =
          other.submit(
              () -> store.decisions(ETH_USDT, START, START.plus(Duration.ofDays(1))).size());
      assertThat(seen.get(1, TimeUnit.MINUTES)).as("another thread reads the tip").isEqualTo(1);
      assertThat(GitFixtures.commitCount(folder)).isEqualTo(1);
      batch.close();
      assertThat(batch.commitId()).isPresent();
      assertThat(GitFixtures.commitCount(folder)).isEqualTo(2);
      assertThat(
              other
                  .submit(
                      () -> store.decisions(ETH_USDT, START, START.plus(Duration.ofDays(1))).size())
                  .get(1, TimeUnit.MINUTES))
          .isEqualTo(2);
      batch.close(); // a second close does nothing
      assertThat(GitFixtures.commitCount(folder)).isEqualTo(2);
    } finally {
      other.shutdownNow();
    }
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      assertThat(store.decision(Records.idOf(ETH_USDT, START)).orElseThrow().gradedHorizons())
          .containsExactly(EvaluationHorizon.H24);
    }
  }

  @Test
  void a_refused_write_stages_nothing_and_the_batch_goes_on() throws Exception {
    Path folder = dir.resolve("data");
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      try (GitDecisionStore.Batch batch = store.batch()) {
        store.commitCycle(cycle(ETH_USDT, START));
        CycleRecords again =
            new CycleRecords.Builder()
                .symbol(ETH_USDT)
                .asOf(START.plus(Duration.ofHours(1)))
                .snapshot(Records.snapshotAt(ETH_USDT, START.plus(Duration.ofHours(1))))
                .decision(Records.decisionAt(ETH_USDT, START))
                .build();
        assertThatThrownBy(() -> store.commitCycle(again))
            .isInstanceOf(RecordImmutableException.class);
        store.commitCycle(cycle(ETH_USDT, START.plus(Duration.ofHours(2))));
        assertThat(batch.size()).isEqualTo(2);
      }
      assertThat(store.snapshots(ETH_USDT, START, START.plus(Duration.ofDays(1))))
          .extracting(s -> s.metadata().observedAt())
          .containsExactly(START, START.plus(Duration.ofHours(2)));
    }
    assertThat(GitFixtures.commitCount(folder)).isEqualTo(1);
  }

  @Test
  void a_discarded_or_empty_batch_commits_nothing() throws Exception {
    Path folder = dir.resolve("data");
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      try (GitDecisionStore.Batch batch = store.batch()) {
        store.commitCycle(cycle(ETH_USDT, START));
        batch.discard();
      }
      try (GitDecisionStore.Batch batch = store.batch()) {
        assertThat(batch.size()).isZero();
      }
      assertThat(store.decision(Records.idOf(ETH_USDT, START))).isEmpty();
    }
    assertThat(GitFixtures.commitCount(folder)).isZero();
  }

  @Test
  void a_branch_moved_by_another_writer_is_built_upon() throws Exception {
    Path folder = dir.resolve("data");
    try (GitDecisionStore a = GitDecisionStore.open(folder);
        GitDecisionStore b = GitDecisionStore.open(folder)) {
      a.commitCycle(cycle(ETH_USDT, START));
      GitDecisionStore.Batch batch = a.batch();
      a.commitCycle(cycle(ETH_USDT, START.plus(Duration.ofHours(1))));
      b.commitCycle(cycle(ETH_USDT, START.plus(Duration.ofHours(2)))); // another process
      batch.close();
      assertThat(GitFixtures.commitCount(folder)).isEqualTo(3);
      assertThat(a.decisions(ETH_USDT, START, START.plus(Duration.ofDays(1)))).hasSize(3);
      assertThat(a.exitHistoryLog(ETH_USDT, "eth-grid-1"))
          .as("both appended to the day's exit-state file")
          .hasSize(3);
      assertThat(a.verify().intact()).isTrue();
    }
  }

  @Test
  void a_replayed_write_that_no_longer_applies_fails_the_batch_and_writes_nothing()
      throws Exception {
    Path folder = dir.resolve("data");
    try (GitDecisionStore a = GitDecisionStore.open(folder);
        GitDecisionStore b = GitDecisionStore.open(folder)) {
      GitDecisionStore.Batch batch = a.batch();
      a.commitCycle(cycle(ETH_USDT, START));
      a.commitCycle(cycle(ETH_USDT, START.plus(Duration.ofHours(1))));
      b.commitCycle(cycle(ETH_USDT, START));
      assertThatThrownBy(batch::close).isInstanceOf(RecordImmutableException.class);
      assertThat(GitFixtures.commitCount(folder)).isEqualTo(1);
      assertThat(a.decision(Records.idOf(ETH_USDT, START.plus(Duration.ofHours(1))))).isEmpty();
      a.commitCycle(cycle(ETH_USDT, START.plus(Duration.ofHours(1)))); // the store goes on
      assertThat(GitFixtures.commitCount(folder)).isEqualTo(2);
    }
  }

  @Test
  void another_thread_writes_after_the_batch_is_closed() throws Exception {
    Path folder = dir.resolve("data");
    ExecutorService other = Executors.newSingleThreadExecutor();
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      GitDecisionStore.Batch batch = store.batch();
      store.commitCycle(cycle(ETH_USDT, START));
      Thread[] writer = new Thread[1];
      Future<String> write =
          other.submit(
              () -> {
                writer[0] = Thread.currentThread();
                return store.commitCycle(cycle(BTC_USDT, START));
              });
      // wait until the other writer is parked on the store's lock
      while (writer[0] == null || writer[0].getState() != Thread.State.WAITING) {
        assertThat(write.isDone()).as("the other writer waits for the batch").isFalse();
        Thread.onSpinWait();
      }
      batch.close();
      String after = write.get(1, TimeUnit.MINUTES);
      try (GitRepo repo = GitRepo.open(folder, Clock.systemUTC(), "reader", "x@y");
          RevWalk w = new RevWalk(repo.repository())) {
        RevCommit last = w.parseCommit(ObjectId.fromString(after));
        assertThat(last.getParent(0).name()).isEqualTo(batch.commitId().orElseThrow());
      }
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void misuse_is_refused() throws Exception {
    try (GitDecisionStore store = GitDecisionStore.open(dir.resolve("data"))) {
      GitDecisionStore.Batch batch = store.batch();
      assertThatThrownBy(store::batch).isInstanceOf(StoreException.class);
      assertThatThrownBy(
              () ->
                  store.writeConfig(
                      Map.of("config/rules.yaml", "a: 1\n".getBytes(StandardCharsets.UTF_8))))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("outside a batch");
      store.commitCycle(cycle(ETH_USDT, START));
      batch.close();
      assertThat(store.commitCycle(cycle(ETH_USDT, START.plus(Duration.ofHours(1)))))
          .as("after closing, writes commit again")
          .doesNotStartWith("pending-");
    }
  }

  @Test
  void closing_the_store_commits_its_open_batch() throws Exception {
    Path folder = dir.resolve("data");
    GitDecisionStore store = GitDecisionStore.open(folder);
    store.batch();
    store.commitCycle(cycle(ETH_USDT, START));
    store.close();
    assertThat(GitFixtures.commitCount(folder)).isEqualTo(1);
    try (GitDecisionStore again = GitDecisionStore.open(folder)) {
      assertThat(again.decision(Records.idOf(ETH_USDT, START))).isPresent();
      assertThat(again.health().details()).containsKey("commits_this_run");
    }
  }

  @Test
  void a_batch_is_closed_on_its_own_thread() throws Exception {
    ExecutorService other = Executors.newSingleThreadExecutor();
    try (GitDecisionStore store = GitDecisionStore.open(dir.resolve("data"))) {
      GitDecisionStore.Batch batch = store.batch();
      store.commitCycle(cycle(ETH_USDT, START));
      Future<?> f = other.submit(batch::close);
      assertThatThrownBy(() -> f.get(1, TimeUnit.MINUTES)).hasCauseInstanceOf(StoreException.class);
      batch.close();
      assertThat(batch.commitId()).isPresent();
      assertThat(List.of(batch.commitId().orElseThrow())).hasSize(1);
    } finally {
      other.shutdownNow();
    }
  }
}
