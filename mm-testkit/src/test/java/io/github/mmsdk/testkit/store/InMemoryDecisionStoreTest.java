package io.github.mmsdk.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.EvaluationHorizon;
import io.github.mmsdk.api.health.HealthStatus;
import io.github.mmsdk.api.store.CycleRecords;
import io.github.mmsdk.api.store.DecisionStore;
import io.github.mmsdk.api.store.StoreException;
import java.time.Duration;
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
}
