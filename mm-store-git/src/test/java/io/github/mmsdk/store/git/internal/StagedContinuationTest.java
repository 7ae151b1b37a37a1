package io.github.mmsdk.store.git.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * Batches that continue the tree of the previous batch commit (which keeps the folders it wrote
 * loaded) see exactly what the committed tip holds, and list folders newest first as the tip does.
 */
class StagedContinuationTest {

  private static final String[] DIRS = {"a", "a/x", "a/y", "b", "b/c/d"};

  /** Every file under a folder, path to blob id, read through a view. */
  private static void files(GitRepo.Snapshot s, String dir, Map<String, ObjectId> out) {
    for (Map.Entry<String, ObjectId> e : s.list(dir).entrySet()) {
      String path = dir.isEmpty() ? e.getKey() : dir + "/" + e.getKey();
      if (path.endsWith(".yaml")) {
        out.put(path, e.getValue());
      } else {
        files(s, path, out);
      }
    }
  }

  private static Map<String, ObjectId> files(GitRepo.Snapshot s) {
    Map<String, ObjectId> out = new TreeMap<>();
    files(s, "", out);
    return out;
  }

  private static List<String> newestFirst(GitRepo.Snapshot s, String dir) {
    List<String> out = new ArrayList<>();
    s.newestFirst(dir).forEach(e -> out.add(e.getKey() + "=" + e.getValue().name()));
    return out;
  }

  @Test
  void a_continued_batch_sees_what_the_tip_holds() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);
    qt().withFixedSeed(20261123L)
        .withExamples(25)
        // writes: (folder, file, content), a commit after every `every` writes
        .forAll(
            lists().of(integers().between(0, 5 * 6 * 4 - 1)).ofSizeBetween(1, 60),
            integers().between(1, 8))
        .checkAssert(
            (writes, every) -> {
              Path dir;
              try {
                dir = Files.createTempDirectory("continued");
              } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
              }
              try (GitRepo repo = GitRepo.open(dir, clock, "t", "t@example.org")) {
                GitRepo.Batch batch = repo.batch();
                Object lineage = null;
                Map<String, String> model = new TreeMap<>();
                for (int i = 0; i < writes.size(); i++) {
                  int w = writes.get(i);
                  String path = DIRS[w % 5] + "/f" + (w / 5 % 6) + ".yaml";
                  byte[] content = ("v" + (w / 30) + " " + i).getBytes(StandardCharsets.UTF_8);
                  batch.stage(s -> Map.of(path, content));
                  model.put(path, new String(content, StandardCharsets.UTF_8));
                  if ((i + 1) % every == 0 || i == writes.size() - 1) {
                    ObjectId commit = batch.commit("batch " + i, 1).orElseThrow();
                    // the next batch continues the written tree
                    batch = repo.batch();
                    GitRepo.Snapshot view = batch.snapshot();
                    GitRepo.Snapshot tip = repo.snapshot();
                    assertThat(tip.commit()).isEqualTo(commit);
                    assertThat(view.tree()).isEqualTo(tip.tree());
                    assertThat(files(view)).isEqualTo(files(tip));
                    // what the tip holds is what was written
                    Map<String, String> held = new TreeMap<>();
                    files(tip)
                        .forEach(
                            (p, id) ->
                                held.put(p, new String(tip.bytes(id), StandardCharsets.UTF_8)));
                    assertThat(held).isEqualTo(model);
                    for (String d : DIRS) {
                      assertThat(newestFirst(view, d)).isEqualTo(newestFirst(tip, d));
                      assertThat(view.list(d)).isEqualTo(tip.list(d));
                    }
                    if (lineage != null) {
                      assertThat(view.lineage()).contains(lineage);
                    }
                    lineage = view.lineage().orElseThrow();
                  }
                }
              } finally {
                try (var s = Files.walk(dir)) {
                  s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (java.io.IOException e) {
                  // a temporary folder left behind
                }
              }
            });
  }
}
