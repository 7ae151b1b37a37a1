package io.github.mmsdk.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.EvaluationHorizon;
import io.github.mmsdk.api.health.HealthStatus;
import io.github.mmsdk.api.store.CycleRecords;
import io.github.mmsdk.api.store.DecisionStore;
import io.github.mmsdk.api.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InMemoryDecisionStoreTest extends DecisionStoreContract {

  @Override
  protected DecisionStore newStore() {
    return new InMemoryDecisionStore();
  }

  @Override
  protected int cyclesPerWriter() {
    return 100;
  }

  @Test
  void stamps_its_config_version_on_decisions_without_one() {
    try (InMemoryDecisionStore s = InMemoryDecisionStore.withConfigVersion("abc123")) {
      DecisionRecord d =
          new DecisionRecord.Builder()
              .from(decision(ETH, T0))
              .configVersion(java.util.Optional.empty())
              .build();
      s.commitCycle(new CycleRecords.Builder().symbol(ETH).asOf(T0).decision(d).build());
      assertThat(s.decision(d.id()).orElseThrow().configVersion()).contains("abc123");
      assertThat(s.configVersion()).contains("abc123");
    }
  }

  @Test
  void out_of_order_writes_are_still_returned_in_time_order() {
    store.commitCycle(cycle(ETH, T0.plus(Duration.ofHours(5))));
    store.commitCycle(cycle(ETH, T0));
    store.commitCycle(cycle(ETH, T0.plus(Duration.ofHours(2))));
    assertThat(store.decisions(ETH, T0, T0.plus(Duration.ofDays(1))))
        .extracting(d -> d.metadata().observedAt())
        .containsExactly(T0, T0.plus(Duration.ofHours(2)), T0.plus(Duration.ofHours(5)));
    assertThat(store.awaitingEvaluation(T0.plus(Duration.ofHours(26)))).hasSize(2);
  }

  @Test
  void a_fully_graded_decision_leaves_the_open_set() {
    store.commitCycle(cycle(ETH, T0));
    String id = decisionId(ETH, T0);
    for (EvaluationHorizon h : EvaluationHorizon.values()) {
      store.appendEvaluation(evaluation(id, h, T0.plus(h.after())));
    }
    assertThat(store.awaitingEvaluation(T0.plus(Duration.ofDays(60)))).isEmpty();
  }

  @Test
  void a_closed_store_refuses_writes_and_reports_down() {
    store.close();
    assertThat(store.health().status()).isEqualTo(HealthStatus.DOWN);
    assertThatThrownBy(() -> store.commitCycle(cycle(ETH, T0))).isInstanceOf(StoreException.class);
  }

  @Test
  void due_for_evaluation_is_the_filter_of_awaiting_evaluation() {
    qt().withFixedSeed(20261123L)
        .withExamples(400)
        .forAll(
            lists().of(integers().between(0, DUE_CODES - 1)).ofSizeBetween(0, 30),
            integers().between(-96, 2000),
            integers().between(0, 1600))
        .checkAssert(
            (codes, afterQuarters, lengthQuarters) -> {
              // quarter hours: windows often start or end exactly on a due time
              try (InMemoryDecisionStore s = new InMemoryDecisionStore()) {
                Map<Map.Entry<Symbol, Integer>, Set<EvaluationHorizon>> written =
                    writeDecisions(s, codes);
                Instant after = T0.plus(Duration.ofMinutes(15L * afterQuarters));
                Instant asOf = after.plus(Duration.ofMinutes(15L * lengthQuarters));
                assertDueIsTheFilterOfAwaiting(s, after, asOf, expectedDue(written, after, asOf));
              }
            });
  }

  @Test
  void grading_hour_by_hour_grades_every_horizon_once_and_empties_the_index() {
    // a backtest's loop: a decision per pair and hour, then what became due since the last hour
    Map<String, Set<EvaluationHorizon>> graded = new HashMap<>();
    int hours = 24 * 12;
    Instant previous = T0.minus(Duration.ofHours(1));
    for (int i = 0; i < hours; i++) {
      Instant t = T0.plus(Duration.ofHours(i));
      store.commitCycle(cycle(ETH, t));
      store.commitCycle(cycle(BTC, t));
      for (DecisionRecord d : store.dueForEvaluation(previous, t)) {
        for (EvaluationHorizon h : EvaluationHorizon.values()) {
          Instant due = d.metadata().observedAt().plus(h.after());
          if (due.isAfter(previous) && !due.isAfter(t)) {
            store.appendEvaluation(evaluation(d.id(), h, t));
            assertThat(graded.computeIfAbsent(d.id(), k -> EnumSet.noneOf(EvaluationHorizon.class)))
                .as("graded once")
                .doesNotContain(h);
            graded.get(d.id()).add(h);
          }
        }
      }
      previous = t;
    }
    Instant end = previous;
    assertThat(store.awaitingEvaluation(end)).as("nothing due was left ungraded").isEmpty();
    int expected = 0;
    for (int i = 0; i < hours; i++) {
      for (EvaluationHorizon h : EvaluationHorizon.values()) {
        if (!T0.plus(Duration.ofHours(i)).plus(h.after()).isAfter(end)) {
          expected += 2;
        }
      }
    }
    assertThat(graded.values().stream().mapToInt(Set::size).sum()).isEqualTo(expected);
    assertThat(store.awaitingEvaluation(end.plus(Duration.ofDays(7))))
        .as("the decisions of the last week still await their later horizons")
        .hasSize(2 * 24 * 7);
    assertThat(store.dueForEvaluation(end, end.plus(Duration.ofHours(1))))
        .extracting(d -> d.metadata().observedAt())
        .containsExactlyInAnyOrderElementsOf(
            List.of(
                end.plus(Duration.ofHours(1)).minus(Duration.ofHours(72)),
                end.plus(Duration.ofHours(1)).minus(Duration.ofHours(72)),
                end.plus(Duration.ofHours(1)).minus(Duration.ofHours(24)),
                end.plus(Duration.ofHours(1)).minus(Duration.ofHours(24)),
                end.plus(Duration.ofHours(1)).minus(Duration.ofDays(7)),
                end.plus(Duration.ofHours(1)).minus(Duration.ofDays(7))));
  }
}
