package io.github.mmsdk.store.git;

import static io.github.mmsdk.store.git.Records.ETH_USDT;
import static io.github.mmsdk.store.git.Records.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.health.HealthStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push to a real bare repository on disk: rejection, rebase, failure and recovery. */
class RemotePushIT {
  private static final Symbol BTC = Symbol.of("BTC", "USDT");

  @TempDir Path dir;

  private Path bare(String name) throws Exception {
    Path p = dir.resolve(name);
    try (Git git =
        Git.init().setBare(true).setDirectory(p.toFile()).setInitialBranch("main").call()) {
      // no background auto-gc in the test remote (it would outlive the temporary folder)
      git.getRepository().getConfig().setInt("gc", null, "auto", 0);
      git.getRepository().getConfig().setBoolean("receive", null, "autogc", false);
      git.getRepository().getConfig().save();
    }
    return p;
  }

  private static String uri(Path p) {
    return p.toUri().toString();
  }

  private static String remoteHead(Path bare) throws Exception {
    try (Repository r = new FileRepositoryBuilder().setGitDir(bare.toFile()).setBare().build()) {
      Ref ref = r.exactRef("refs/heads/main");
      return ref == null ? "" : ref.getObjectId().name();
    }
  }

  @Test
  void every_commit_is_pushed() throws Exception {
    Path remote = bare("remote.git");
    try (GitDecisionStore store =
        GitDecisionStore.builder(dir.resolve("local")).remote(uri(remote)).open()) {
      String c = store.commitCycle(Records.cycleAt(ETH_USDT, START));
      assertThat(remoteHead(remote)).isEqualTo(c);
      assertThat(store.unpushedCommits()).isZero();
      assertThat(store.health().status()).isEqualTo(HealthStatus.UP);
      assertThat(store.health().details()).containsEntry("unpushed_commits", "0");
    }
  }

  @Test
  void a_rejected_push_is_rebased_and_retried_and_nothing_is_lost() throws Exception {
    Path remote = bare("remote.git");
    try (GitDecisionStore a =
        GitDecisionStore.builder(dir.resolve("a")).remote(uri(remote)).open()) {
      a.commitCycle(Records.cycleAt(ETH_USDT, START));
      try (GitDecisionStore b =
          GitDecisionStore.builder(dir.resolve("b")).remote(uri(remote)).open()) {
        assertThat(b.decision(Records.idOf(ETH_USDT, START))).as("cloned history").isPresent();
        b.commitCycle(Records.cycleAt(BTC, START)); // the concurrent writer pushes first
      }
      String c = a.commitCycle(Records.cycleAt(ETH_USDT, START.plus(Duration.ofHours(1))));
      assertThat(c).isNotBlank();
      assertThat(a.unpushedCommits()).isZero();
      assertThat(remoteHead(remote)).isEqualTo(a.health().details().get("head"));
      assertThat(a.decisions(BTC, START, START.plusSeconds(1))).hasSize(1);
    }
    try (GitDecisionStore fresh =
        GitDecisionStore.builder(dir.resolve("fresh")).remote(uri(remote)).open()) {
      assertThat(fresh.decisions(ETH_USDT, START, START.plus(Duration.ofDays(1)))).hasSize(2);
      assertThat(fresh.decisions(BTC, START, START.plus(Duration.ofDays(1)))).hasSize(1);
      assertThat(fresh.verify().intact()).isTrue();
    }
  }

  @Test
  void a_failed_push_keeps_the_commit_and_pushes_it_next_cycle() throws Exception {
    Path remote = dir.resolve("later.git");
    try (GitDecisionStore store =
        GitDecisionStore.builder(dir.resolve("local")).remote(uri(remote)).open()) {
      store.commitCycle(Records.cycleAt(ETH_USDT, START));
      assertThat(store.unpushedCommits()).isEqualTo(1);
      assertThat(store.lastPush()).as("the writing thread learns the push failed").contains(false);
      assertThat(CompletableFuture.supplyAsync(store::lastPush).get())
          .as("another thread wrote nothing")
          .isEmpty();
      assertThat(store.health().status()).isEqualTo(HealthStatus.DEGRADED);
      assertThat(store.health().details()).containsKey("last_push_error");
      assertThat(store.decision(Records.idOf(ETH_USDT, START))).isPresent();

      bare("later.git"); // the remote comes back
      String c = store.commitCycle(Records.cycleAt(ETH_USDT, START.plus(Duration.ofHours(1))));
      assertThat(store.unpushedCommits()).isZero();
      assertThat(store.lastPush()).contains(true);
      assertThat(remoteHead(remote)).isEqualTo(c);
      assertThat(store.health().status()).isEqualTo(HealthStatus.UP);

      try (GitDecisionStore.Batch day = store.batch()) {
        store.commitCycle(Records.cycleAt(ETH_USDT, START.plus(Duration.ofHours(2))));
        assertThat(store.lastPush()).as("staged, not pushed yet").isEmpty();
      }
      assertThat(store.lastPush()).as("pushed when the batch closed").contains(true);
    }
  }

  @Test
  void a_lost_local_copy_is_restored_from_the_remote() throws Exception {
    Path remote = bare("remote.git");
    Path local = dir.resolve("local");
    try (GitDecisionStore store = GitDecisionStore.builder(local).remote(uri(remote)).open()) {
      store.commitCycle(Records.cycleAt(ETH_USDT, START));
    }
    org.eclipse.jgit.util.FileUtils.delete(
        local.toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE);
    try (GitDecisionStore store = GitDecisionStore.builder(local).remote(uri(remote)).open()) {
      assertThat(store.decision(Records.idOf(ETH_USDT, START))).isPresent();
      store.commitCycle(Records.cycleAt(ETH_USDT, START.plus(Duration.ofHours(1))));
      assertThat(store.unpushedCommits()).isZero();
    }
  }

  @Test
  void two_writers_on_one_remote_lose_nothing() throws Exception {
    Path remote = bare("remote.git");
    int cycles = 25;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<GitDecisionStore> stores = new ArrayList<>();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        GitDecisionStore s =
            GitDecisionStore.builder(dir.resolve("w" + w)).remote(uri(remote)).open();
        stores.add(s);
        Symbol symbol = Symbol.of("W" + w, "USDT");
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < cycles; i++) {
                    s.commitCycle(Records.cycleAt(symbol, START.plus(Duration.ofHours(i))));
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(3, TimeUnit.MINUTES);
      }
      for (GitDecisionStore s : stores) {
        for (int i = 0; i < 5 && !s.push(); i++) {
          Thread.sleep(10);
        }
      }
    } finally {
      pool.shutdownNow();
      stores.forEach(GitDecisionStore::close);
    }
    try (GitDecisionStore check =
        GitDecisionStore.builder(dir.resolve("check")).remote(uri(remote)).open()) {
      Instant end = START.plus(Duration.ofDays(3));
      assertThat(check.decisions(Symbol.of("W0", "USDT"), START, end)).hasSize(cycles);
      assertThat(check.decisions(Symbol.of("W1", "USDT"), START, end)).hasSize(cycles);
      assertThat(check.snapshots(Symbol.of("W1", "USDT"), START, end)).hasSize(cycles);
      assertThat(GitFixtures.commitCount(dir.resolve("check"))).isEqualTo(2 * cycles);
    }
  }

  @Test
  void without_a_remote_no_write_reports_a_push() {
    try (GitDecisionStore store = GitDecisionStore.builder(dir.resolve("local")).open()) {
      store.commitCycle(Records.cycleAt(ETH_USDT, START));
      assertThat(store.lastPush()).isEmpty();
    }
  }
}
