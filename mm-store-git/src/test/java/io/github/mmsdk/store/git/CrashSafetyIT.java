package io.github.mmsdk.store.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.store.git.internal.GitRepo;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing child JVM at a random moment, again and again, and checks after each kill that
 * the repository is valid (every reachable object present and well-formed) and that every cycle the
 * child reported as committed is still there.
 */
class CrashSafetyIT {
  private static final int TRIALS = Integer.getInteger("mm.store.crash.trials", 50);

  @TempDir Path dir;

  @Test
  void a_writer_killed_at_random_moments_leaves_a_valid_repository_and_loses_nothing()
      throws Exception {
    Path folder = dir.resolve("crash");
    GitDecisionStore.open(folder).close();
    Random random = new Random(20261123L);
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> committed = Collections.synchronizedList(new ArrayList<>());
    int killedWhileWriting = 0;
    for (int trial = 0; trial < TRIALS; trial++) {
      Process p =
          new ProcessBuilder(
                  javaBin,
                  "-XX:TieredStopAtLevel=1",
                  "-Xshare:auto",
                  "-cp",
                  System.getProperty("java.class.path"),
                  CrashChild.class.getName(),
                  folder.toString(),
                  Integer.toString(trial))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      CountDownLatch ready = new CountDownLatch(1);
      CountDownLatch firstCommit = new CountDownLatch(1);
      List<String> mine = Collections.synchronizedList(new ArrayList<>());
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = r.readLine()) != null) {
                    if (line.equals("READY")) {
                      ready.countDown();
                    } else if (line.startsWith("OK ")) {
                      mine.add(line.split(" ")[1]);
                      firstCommit.countDown();
                    }
                  }
                } catch (Exception e) {
                  // the pipe breaks when the child dies
                }
              });
      reader.start();
      assertThat(ready.await(60, TimeUnit.SECONDS)).as("child started").isTrue();
      if (trial % 2 == 1) {
        // every other kill lands mid-stream of commits, however slow a loaded machine makes the
        // child's first one; the others may land before it
        assertThat(firstCommit.await(60, TimeUnit.SECONDS)).as("child committed").isTrue();
      }
      Thread.sleep(random.nextInt(400));
      p.destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      reader.join(10_000);
      committed.addAll(mine);
      if (!mine.isEmpty()) {
        killedWhileWriting++;
      }
      fsck(folder);
    }
    try (GitDecisionStore store =
        GitDecisionStore.builder(folder).staleLockAfter(Duration.ZERO).open()) {
      for (String id : committed) {
        assertThat(store.decision(id)).as("committed decision " + id).isPresent();
      }
      assertThat(store.verify().intact()).isTrue();
      // the store still works after all the kills
      store.commitCycle(Records.cycleAt(Records.ETH_USDT, Records.START));
    }
    System.out.printf(
        "crash trials=%d killed_while_writing=%d committed_cycles=%d%n",
        TRIALS, killedWhileWriting, committed.size());
    assertThat(committed).isNotEmpty();
  }

  /** Every object reachable from the branch is present and well-formed. */
  private static void fsck(Path folder) throws Exception {
    try (GitRepo repo = GitRepo.open(folder, Clock.systemUTC(), "fsck", "fsck@localhost");
        ObjectReader rd = repo.repository().newObjectReader();
        ObjectWalk walk = new ObjectWalk(rd)) {
      ObjectId head = repo.head().orElse(null);
      if (head == null) {
        return;
      }
      ObjectChecker checker = new ObjectChecker();
      walk.markStart(walk.parseCommit(head));
      RevCommit c;
      while ((c = walk.next()) != null) {
        check(rd, checker, c);
      }
      RevObject o;
      while ((o = walk.nextObject()) != null) {
        check(rd, checker, o);
      }
    }
  }

  private static void check(ObjectReader rd, ObjectChecker checker, RevObject o) throws Exception {
    ObjectLoader l = rd.open(o, o.getType());
    byte[] bytes = l.getCachedBytes(Integer.MAX_VALUE);
    if (o.getType() != Constants.OBJ_BLOB) {
      checker.check(o.getType(), bytes);
    }
  }
}
