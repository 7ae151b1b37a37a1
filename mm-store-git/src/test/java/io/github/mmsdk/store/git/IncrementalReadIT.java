package io.github.mmsdk.store.git;

import static io.github.mmsdk.store.git.Records.ETH_USDT;
import static io.github.mmsdk.store.git.Records.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.EvaluationHorizon;
import io.github.mmsdk.api.exit.ExitHistory;
import io.github.mmsdk.api.store.CorruptRecordException;
import io.github.mmsdk.api.store.CycleRecords;
import io.github.mmsdk.store.git.internal.StoreLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store that read a decision or an exit-state day file before reads only what was appended to it
 * since; what it returns equals what a fresh store reads from the whole file.
 */
class IncrementalReadIT {
  @TempDir Path dir;

  private static DecisionRecord fresh(Path folder, String id) {
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      return store.decision(id).orElseThrow();
    }
  }

  private static List<ExitHistory> freshLog(Path folder) {
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      return store.exitHistoryLog(ETH_USDT, "eth-grid-1");
    }
  }

  @Test
  void appended_entries_are_read_alone_and_equal_a_whole_read() {
    Path folder = dir.resolve("data");
    String id = Records.idOf(ETH_USDT, START);
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      store.commitCycle(Records.cycleAt(ETH_USDT, START));
      assertThat(store.decision(id)).isPresent(); // read once: remembered
      store.appendAction(Records.actionOn(id, START.plusSeconds(60)));
      assertThat(store.decision(id).orElseThrow()).isEqualTo(fresh(folder, id));
      for (EvaluationHorizon h : EvaluationHorizon.values()) {
        store.appendEvaluation(Records.evaluationOf(id, h, START.plus(h.after())));
        DecisionRecord incremental = store.decision(id).orElseThrow();
        assertThat(incremental).isEqualTo(fresh(folder, id));
        assertThat(incremental.gradedHorizons()).contains(h);
      }
      for (int i = 1; i < 5; i++) {
        Instant t = START.plus(Duration.ofHours(i));
        store.commitCycle(
            new CycleRecords.Builder()
                .symbol(ETH_USDT)
                .asOf(t)
                .addExitHistory(Records.exitsOf("eth-grid-1", t))
                .build());
        assertThat(store.exitHistory(ETH_USDT, "eth-grid-1"))
            .isEqualTo(Records.exitsOf("eth-grid-1", t));
        assertThat(store.exitHistoryLog(ETH_USDT, "eth-grid-1")).isEqualTo(freshLog(folder));
      }
      assertThat(store.exitHistoryLog(ETH_USDT, "eth-grid-1")).hasSize(5);
    }
  }

  @Test
  void a_file_that_did_not_grow_at_its_end_is_read_whole() {
    Path folder = dir.resolve("data");
    String id = Records.idOf(ETH_USDT, START);
    String path = StoreLayout.decision(id, START);
    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      store.commitCycle(Records.cycleAt(ETH_USDT, START));
      store.appendAction(Records.actionOn(id, START.plusSeconds(60)));
      DecisionRecord before = store.decision(id).orElseThrow();
      byte[] whole = GitFixtures.read(folder, path).orElseThrow();
      String text = new String(whole, StandardCharsets.UTF_8);
      // another writer rewrote the file (the tamper check would report it): a longer file whose
      // old bytes are no prefix, and one whose tail is not a list item
      String rewritten = text.replace("stopped by hand", "stopped by hand, rewritten");
      GitFixtures.rawCommit(folder, Map.of(path, rewritten.getBytes(StandardCharsets.UTF_8)));
      assertThat(store.decision(id).orElseThrow().actions().get(0).note())
          .contains("stopped by hand, rewritten");
      GitFixtures.rawCommit(
          folder, Map.of(path, (rewritten + "# a comment\n").getBytes(StandardCharsets.UTF_8)));
      assertThat(store.decision(id).orElseThrow()).isEqualTo(fresh(folder, id));
      assertThat(before.actions()).hasSize(1);
      // a list item that is neither an action nor an evaluation: corrupt, read whole or not
      GitFixtures.rawCommit(
          folder,
          Map.of(path, (rewritten + "# a comment\n- x: 1\n").getBytes(StandardCharsets.UTF_8)));
      assertThatThrownBy(() -> store.decision(id)).isInstanceOf(CorruptRecordException.class);
    }
    LocalDate day = LocalDate.of(2026, 2, 2);
    assertThat(GitFixtures.read(folder, StoreLayout.exitStates(ETH_USDT, day))).isPresent();
  }
}
