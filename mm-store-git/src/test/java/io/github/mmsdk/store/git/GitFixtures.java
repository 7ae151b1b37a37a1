package io.github.mmsdk.store.git;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.store.git.internal.GitRepo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** Test helpers that write to a store's repository behind its back. */
final class GitFixtures {
  private GitFixtures() {}

  static CandleSeries hourly(Symbol s, Instant start, int n, double base) {
    CandleSeries.Builder b = CandleSeries.builder(s, Timeframe.H1, n);
    long t0 = start.toEpochMilli();
    for (int i = 0; i < n; i++) {
      double c = base + Math.sin(i / 5.0) * 10 + i * 0.01;
      b.add(t0 + i * 3_600_000L, c - 1, c + 2, c - 3, c, 100 + i);
    }
    return b.build();
  }

  static CandleSeries series(Symbol s, Timeframe tf, Instant start, int n, double base) {
    CandleSeries.Builder b = CandleSeries.builder(s, tf, n);
    long t0 = start.toEpochMilli();
    for (int i = 0; i < n; i++) {
      double c = base + Math.sin(i / 7.0) * 3 + (i % 13) * 0.0137;
      b.add(t0 + i * tf.millis(), c - 0.5, c + 1.25, c - 1.5, c, 10.5 + (i % 50));
    }
    return b.build();
  }

  /** Writes files directly as one commit. */
  static ObjectId rawCommit(Path folder, Map<String, byte[]> files) {
    try (GitRepo repo = GitRepo.open(folder, Clock.systemUTC(), "intruder", "x@y")) {
      return repo.commit("raw write", snap -> files, 5);
    }
  }

  static Optional<byte[]> read(Path folder, String path) {
    try (GitRepo repo = GitRepo.open(folder, Clock.systemUTC(), "reader", "x@y")) {
      return repo.snapshot().read(path);
    }
  }

  /** Deletes a path in a new commit. */
  static ObjectId deleteCommit(Path folder, String path) throws IOException {
    try (GitRepo repo = GitRepo.open(folder, Clock.systemUTC(), "intruder", "x@y");
        ObjectReader rd = repo.repository().newObjectReader();
        ObjectInserter ins = repo.repository().newObjectInserter()) {
      ObjectId head = repo.head().orElseThrow();
      DirCache dc = DirCache.newInCore();
      DirCacheBuilder b = dc.builder();
      b.addTree(new byte[0], 0, rd, repo.snapshot().tree());
      b.finish();
      DirCacheEditor ed = dc.editor();
      ed.add(new DirCacheEditor.DeletePath(path));
      ed.finish();
      ObjectId tree = dc.writeTree(ins);
      CommitBuilder cb = new CommitBuilder();
      PersonIdent who = new PersonIdent("intruder", "x@y");
      cb.setAuthor(who);
      cb.setCommitter(who);
      cb.setMessage("delete " + path);
      cb.setTreeId(tree);
      cb.setParentId(head);
      ObjectId c = ins.insert(cb);
      ins.flush();
      repo.casUpdate(head, c, "delete");
      return c;
    }
  }

  /** Moves the branch back to the parent of its tip (a history rewrite). */
  static void resetToParent(Path folder) throws IOException {
    try (GitRepo repo = GitRepo.open(folder, Clock.systemUTC(), "intruder", "x@y");
        RevWalk w = new RevWalk(repo.repository())) {
      RevCommit head = w.parseCommit(repo.head().orElseThrow());
      RefUpdate.Result r = repo.casUpdate(head, head.getParent(0), "reset", true);
      if (r != RefUpdate.Result.FORCED) {
        throw new IllegalStateException("reset failed: " + r);
      }
    }
  }

  static int commitCount(Path folder) throws IOException {
    try (GitRepo repo = GitRepo.open(folder, Clock.systemUTC(), "reader", "x@y");
        RevWalk w = new RevWalk(repo.repository())) {
      Optional<ObjectId> head = repo.head();
      if (head.isEmpty()) {
        return 0;
      }
      w.markStart(w.parseCommit(head.get()));
      int n = 0;
      for (RevCommit ignored : w) {
        n++;
      }
      return n;
    }
  }
}
