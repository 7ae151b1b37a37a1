package io.github.mmsdk.api.exit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExitStateTest {
  @Test
  void states_are_ordered_by_urgency_with_seed_rate_limits() {
    assertThat(ExitState.MANDATORY_EXIT.isAbove(ExitState.WARNING)).isTrue();
    assertThat(ExitState.NORMAL.isAbove(ExitState.NORMAL)).isFalse();
    assertThat(ExitState.WARNING.defaultNotificationInterval()).isEqualTo(Duration.ofHours(4));
    assertThat(ExitState.LATEST_ACCEPTABLE_EXIT.defaultNotificationInterval())
        .isEqualTo(Duration.ofHours(2));
    assertThat(ExitState.MANDATORY_EXIT.defaultNotificationInterval())
        .isEqualTo(Duration.ofHours(1));
  }

  @Test
  void transitions_know_their_direction_and_histories_start_normal() {
    ExitTransition t =
        new ExitTransition.Builder()
            .at(Instant.EPOCH)
            .fromState(ExitState.NORMAL)
            .toState(ExitState.WARNING)
            .addReason("adx rising")
            .addCondition(ExitCondition.of("adx", ExitState.WARNING, 28.5, 25, "ADX 28.5 > 25"))
            .putMetric("adx", 28.5)
            .build();
    assertThat(t.isEscalation()).isTrue();
    ExitHistory h = ExitHistory.empty("g1");
    assertThat(h.current()).isEqualTo(ExitState.NORMAL);
    assertThat(h.transitions()).isEmpty();
    assertThat(ExitObservation.of(Instant.EPOCH, ExitState.WARNING, 2).conditionsHeld())
        .isEqualTo(2);
  }
}
