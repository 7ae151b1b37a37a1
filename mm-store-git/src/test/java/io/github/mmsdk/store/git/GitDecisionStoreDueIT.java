package io.github.mmsdk.store.git;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.decision.EvaluationHorizon;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GitDecisionStore#dueForEvaluation}, which reads only the day folders that can hold due
 * decisions, against its definition over generated decision sets, committed one write at a time and
 * staged in a batch (asked before and after the batch's commit).
 */
class GitDecisionStoreDueIT {
  @TempDir Path dir;
  private final AtomicInteger n = new AtomicInteger();

  @Test
  void due_for_evaluation_is_the_filter_of_awaiting_evaluation() {
    qt().withFixedSeed(20261123L)
        .withExamples(24)
        .forAll(
            lists().of(integers().between(0, Records.DECISION_CODES - 1)).ofSizeBetween(0, 12),
            integers().between(-96, 2000),
            integers().between(0, 1600),
            integers().between(0, 1))
        .checkAssert(
            (codes, afterQuarters, lengthQuarters, batched) -> {
              Instant after = Records.START.plus(Duration.ofMinutes(15L * afterQuarters));
              Instant asOf = after.plus(Duration.ofMinutes(15L * lengthQuarters));
              Instant hourly = after.plus(Duration.ofHours(1));
              try (GitDecisionStore s =
                  GitDecisionStore.open(dir.resolve("repo-" + n.incrementAndGet()))) {
                Map<Map.Entry<Symbol, Integer>, Set<EvaluationHorizon>> written;
                if (batched == 1) {
                  try (GitDecisionStore.Batch batch = s.batch()) {
                    written = Records.writeCodes(s, codes);
                    Records.assertDue(s, after, asOf, Records.expectedDueOf(written, after, asOf));
                  }
                } else {
                  written = Records.writeCodes(s, codes);
                }
                Records.assertDue(s, after, asOf, Records.expectedDueOf(written, after, asOf));
                Records.assertDue(s, after, hourly, Records.expectedDueOf(written, after, hourly));
              }
            });
  }
}
