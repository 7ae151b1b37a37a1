package io.github.mmsdk.store.git.internal;

import io.github.mmsdk.api.store.StoreException;
import io.github.mmsdk.store.git.TamperFinding;
import io.github.mmsdk.store.git.VerificationReport;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Tamper evidence: walks every commit and checks that each changed record obeys its rule (metrics
 * and KPIs never change; decisions, exit states, grids and dead letters only grow at the end; raw
 * candles keep every stored line), and that the branch still contains the tip verified last time.
 */
public final class TamperCheck {
  /** The ref recording the last verified tip. */
  public static final String VERIFIED = "refs/mm/verified";

  private TamperCheck() {}

  /** Receives the files of a tree. */
  @FunctionalInterface
  public interface FileVisitor {
    /**
     * Called once per file.
     *
     * @param path the path
     * @param blob the blob
     * @param size its size in bytes
     */
    void visit(String path, ObjectId blob, long size);
  }

  /**
   * Visits every file of a tree.
   *
   * @param repo the repository
   * @param tree the tree, or null for none
   * @param visitor the visitor
   */
  public static void files(GitRepo repo, ObjectId tree, FileVisitor visitor) {
    if (tree == null) {
      return;
    }
    try (ObjectReader rd = repo.repository().newObjectReader();
        TreeWalk w = new TreeWalk(rd)) {
      w.addTree(tree);
      w.setRecursive(true);
      while (w.next()) {
        ObjectId id = w.getObjectId(0);
        visitor.visit(w.getPathString(), id, rd.getObjectSize(id, Constants.OBJ_BLOB));
      }
    } catch (IOException e) {
      throw new StoreException("cannot walk tree: " + e.getMessage(), e);
    }
  }

  /**
   * Runs the check and records the verified tip.
   *
   * @param repo the repository
   * @return the report
   */
  public static VerificationReport run(GitRepo repo) {
    VerificationReport.Builder report = new VerificationReport.Builder();
    Optional<ObjectId> head = repo.head();
    if (head.isEmpty()) {
      return report.commitsChecked(0).build();
    }
    report.head(head.get().name());
    Repository r = repo.repository();
    int checked = 0;
    try (RevWalk walk = new RevWalk(r);
        ObjectReader rd = r.newObjectReader()) {
      RevCommit tip = walk.parseCommit(head.get());
      Ref verified = r.exactRef(VERIFIED);
      if (verified != null && verified.getObjectId() != null) {
        try {
          RevCommit last = walk.parseCommit(verified.getObjectId());
          if (!walk.isMergedInto(last, tip)) {
            report.addFinding(
                new TamperFinding.Builder()
                    .kind(TamperFinding.Kind.NON_FAST_FORWARD)
                    .commit(last.name())
                    .detail(
                        "the branch no longer contains "
                            + last.name()
                            + ", verified earlier: history was rewritten")
                    .build());
          }
        } catch (MissingObjectException e) {
          report.addFinding(
              new TamperFinding.Builder()
                  .kind(TamperFinding.Kind.NON_FAST_FORWARD)
                  .commit(verified.getObjectId().name())
                  .detail("the commit verified earlier is gone: history was rewritten")
                  .build());
        }
        walk.reset();
      }
      walk.markStart(tip);
      walk.sort(RevSort.TOPO, true);
      walk.sort(RevSort.REVERSE, true);
      for (RevCommit c : walk) {
        checked++;
        for (int p = 0; p < c.getParentCount(); p++) {
          RevCommit parent = walk.parseCommit(c.getParent(p));
          diff(rd, parent, c, report);
        }
      }
      RefUpdate u = r.updateRef(VERIFIED);
      u.setNewObjectId(tip);
      u.setForceUpdate(true);
      u.update();
    } catch (IOException e) {
      report.addFinding(
          new TamperFinding.Builder()
              .kind(TamperFinding.Kind.CORRUPT)
              .commit(head.get().name())
              .detail("cannot read history: " + e.getMessage())
              .build());
    }
    return report.commitsChecked(checked).build();
  }

  private static void diff(
      ObjectReader rd, RevCommit parent, RevCommit c, VerificationReport.Builder report)
      throws IOException {
    try (TreeWalk w = new TreeWalk(rd)) {
      w.addTree(parent.getTree());
      w.addTree(c.getTree());
      w.setRecursive(true);
      w.setFilter(TreeFilter.ANY_DIFF);
      while (w.next()) {
        String path = w.getPathString();
        if (w.getFileMode(0) == FileMode.MISSING) {
          continue; // a new file
        }
        Optional<WireSchema> schema = StoreLayout.schemaOf(path);
        if (schema.isEmpty()) {
          continue; // configuration outside the records (rules.yaml) may change
        }
        if (w.getFileMode(1) == FileMode.MISSING) {
          report.addFinding(finding(TamperFinding.Kind.DELETED, c, path, "record deleted"));
          continue;
        }
        byte[] before = rd.open(w.getObjectId(0)).getCachedBytes(Integer.MAX_VALUE);
        byte[] after = rd.open(w.getObjectId(1)).getCachedBytes(Integer.MAX_VALUE);
        String problem = problem(schema.get(), before, after);
        if (problem != null) {
          report.addFinding(finding(TamperFinding.Kind.REWRITTEN, c, path, problem));
        }
      }
    }
  }

  static String problem(WireSchema schema, byte[] before, byte[] after) {
    switch (schema) {
      case METRICS:
      case KPI:
        return "an immutable record was changed";
      case RAW:
        TreeMap<Long, String> old = RawCandles.lines(before);
        TreeMap<Long, String> now = RawCandles.lines(after);
        for (Map.Entry<Long, String> e : old.entrySet()) {
          if (!e.getValue().equals(now.get(e.getKey()))) {
            return "stored candle " + e.getKey() + " was changed or removed";
          }
        }
        return null;
      default:
        if (after.length < before.length
            || !Arrays.equals(before, 0, before.length, after, 0, before.length)) {
          return "earlier bytes of an append-only record were changed";
        }
        return null;
    }
  }

  private static TamperFinding finding(
      TamperFinding.Kind kind, RevCommit c, String path, String detail) {
    return new TamperFinding.Builder()
        .kind(kind)
        .commit(c.name())
        .path(path)
        .detail(detail)
        .build();
  }
}
