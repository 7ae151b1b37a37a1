package io.github.mmsdk.store.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.decision.ActionRecord;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.EvaluationHorizon;
import io.github.mmsdk.store.git.internal.StoreLayout;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A version-1 decision is read through the version-2 model and never rewritten. */
class SchemaMigrationIT {
  @TempDir Path dir;

  @Test
  void a_v1_decision_reads_through_the_v2_model_and_stays_byte_for_byte() throws Exception {
    byte[] v1;
    try (InputStream in = getClass().getResourceAsStream("/fixtures/decision-v1.yaml")) {
      v1 = in.readAllBytes();
    }
    Path folder = dir.resolve("data");
    String id = "dec-ETH-USDT-20250601-120000";
    Instant at = Instant.parse("2025-06-01T12:00:00Z");
    String path = StoreLayout.decision(id, at);
    GitFixtures.rawCommit(folder, Map.of(path, v1));

    try (GitDecisionStore store = GitDecisionStore.open(folder)) {
      DecisionRecord d = store.decision(id).orElseThrow();
      assertThat(d.configVersion()).contains("4b825dc642cb6eb9a060e54bf8d69288fbee4904");
      assertThat(d.metadata().schemaVersion()).isEqualTo(1);
      assertThat(d.evaluations()).hasSize(1);
      assertThat(d.evaluations().get(0).economicImpactUsd()).isEqualByComparingTo("4.20");
      assertThat(d.evaluations().get(0).horizon()).isEqualTo(EvaluationHorizon.H24);
      assertThat(d.symbol()).isEqualTo(Symbol.of("ETH", "USDT"));
      assertThat(store.decisions(d.symbol(), at, at.plusSeconds(1))).containsExactly(d);

      // reading did not rewrite the file
      assertThat(GitFixtures.read(folder, path).orElseThrow()).isEqualTo(v1);

      // appending keeps the v1 bytes as the prefix; the new entry is read back with the old ones
      store.appendAction(
          new ActionRecord.Builder()
              .decisionId(id)
              .kind(ActionRecord.Kind.IGNORED)
              .actor("operator")
              .at(at.plusSeconds(3600))
              .executedSize(new BigDecimal("0.25"))
              .build());
      byte[] after = GitFixtures.read(folder, path).orElseThrow();
      assertThat(Arrays.copyOf(after, v1.length)).isEqualTo(v1);
      DecisionRecord again = store.decision(id).orElseThrow();
      assertThat(again.actions()).hasSize(1);
      assertThat(again.evaluations()).isEqualTo(d.evaluations());
      assertThat(store.verify().intact()).isTrue();
    }
  }
}
