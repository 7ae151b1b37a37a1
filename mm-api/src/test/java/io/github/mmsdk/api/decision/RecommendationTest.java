package io.github.mmsdk.api.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecommendationTest {

  static Recommendation.Builder rec(RecommendationType type, GridAction action) {
    Recommendation.Builder b = new Recommendation.Builder();
    b.type(type)
        .action(action)
        .symbol(Symbol.parse("ETH-USDT"))
        .confidence(0.7)
        .escalation(Escalation.NOTIFY);
    return b;
  }

  @Test
  void actions_belong_to_their_type() {
    assertThat(rec(RecommendationType.GRID_MANAGE, GridAction.STOP_GRID).build().action())
        .isEqualTo(GridAction.STOP_GRID);
    assertThatThrownBy(() -> rec(RecommendationType.GRID_MANAGE, GridAction.CREATE_GRID).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("not a GRID_MANAGE action");
  }

  @Test
  void only_risk_reducing_actions_may_be_auto_executable() {
    assertThat(
            rec(RecommendationType.GRID_MANAGE, GridAction.REDUCE)
                .autoExecutable(true)
                .build()
                .autoExecutable())
        .isTrue();
    assertThatThrownBy(
            () -> rec(RecommendationType.GRID_MANAGE, GridAction.HOLD).autoExecutable(true).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> rec(RecommendationType.GRID_SETUP, GridAction.CREATE_GRID).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("proposed grid");
  }

  @Test
  void action_set_is_constrained_and_asymmetric() {
    for (GridAction a : GridAction.values()) {
      assertThat(a.deploysCapital() && a.reducesRisk()).isFalse();
    }
    assertThat(GridAction.CREATE_GRID.deploysCapital()).isTrue();
    assertThat(GridAction.WAIT.type()).isEqualTo(RecommendationType.GRID_SETUP);
    assertThat(EvaluationHorizon.D7.after()).isEqualTo(Duration.ofDays(7));
  }
}
