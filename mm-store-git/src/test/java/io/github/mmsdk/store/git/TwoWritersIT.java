package io.github.mmsdk.store.git;

import static io.github.mmsdk.store.git.Records.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.Symbol;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two store instances (each with its own JGit repository object, as two processes would have) on
 * one repository folder: the compare-and-swap on the branch makes them lose no commit.
 */
class TwoWritersIT {
  @TempDir Path dir;

  @Test
  void two_instances_writing_100_cycles_each_lose_nothing() throws Exception {
    Path folder = dir.resolve("shared");
    GitDecisionStore.open(folder).close();
    int cycles = 100;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    List<GitDecisionStore> stores = new ArrayList<>();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        GitDecisionStore s = GitDecisionStore.open(folder);
        stores.add(s);
        Symbol symbol = Symbol.of("W" + w, "USDT");
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < cycles; i++) {
                    s.commitCycle(Records.cycleAt(symbol, START.plus(Duration.ofHours(i))));
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(3, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
      stores.forEach(GitDecisionStore::close);
    }
    assertThat(GitFixtures.commitCount(folder)).isEqualTo(2 * cycles);
    try (GitDecisionStore check = GitDecisionStore.open(folder)) {
      Instant end = START.plus(Duration.ofDays(10));
      for (int w = 0; w < 2; w++) {
        Symbol symbol = Symbol.of("W" + w, "USDT");
        assertThat(check.decisions(symbol, START, end)).hasSize(cycles);
        assertThat(check.snapshots(symbol, START, end)).hasSize(cycles);
        assertThat(check.exitHistoryLog(symbol, "eth-grid-1")).hasSize(cycles);
      }
      assertThat(check.verify().intact()).isTrue();
    }
  }
}
