package io.github.mmsdk.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.decision.Escalation;
import io.github.mmsdk.api.decision.GridAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EscalationPolicyTest {

  private final EscalationPolicy policy = new EscalationPolicy(GridRulesConfig.defaults());

  @ParameterizedTest
  @CsvSource({
    // action, confidence, urgent, escalation, auto
    "HOLD, 0.00, false, NOTIFY, false",
    "HOLD, 0.5999, false, NOTIFY, false",
    "HOLD, 0.60, false, RECORD_ONLY, false",
    "HOLD, 0.7999, false, RECORD_ONLY, false",
    "HOLD, 0.80, false, RECORD_ONLY, false",
    "WAIT, 0.10, false, RECORD_ONLY, false",
    "WAIT, 0.95, false, RECORD_ONLY, false",
    "STOP_GRID, 0.5999, false, NOTIFY, false",
    "STOP_GRID, 0.5999, true, REQUIRE_APPROVAL, false",
    "STOP_GRID, 0.60, false, REQUIRE_APPROVAL, false",
    "STOP_GRID, 0.7999, false, REQUIRE_APPROVAL, false",
    "STOP_GRID, 0.80, false, NOTIFY, true",
    "STOP_GRID, 0.95, true, NOTIFY, true",
    "REDUCE, 0.59, false, NOTIFY, false",
    "REDUCE, 0.60, false, REQUIRE_APPROVAL, false",
    "REDUCE, 0.80, false, NOTIFY, true",
    "CREATE_GRID, 0.60, false, REQUIRE_APPROVAL, false",
    "CREATE_GRID, 0.7999, false, REQUIRE_APPROVAL, false",
    "CREATE_GRID, 0.80, false, REQUIRE_APPROVAL, false",
    "CREATE_GRID, 0.95, false, REQUIRE_APPROVAL, false",
  })
  void band_boundaries(
      GridAction action, double confidence, boolean urgent, Escalation expected, boolean auto) {
    assertThat(policy.escalation(action, confidence, urgent)).isEqualTo(expected);
    assertThat(policy.autoExecutable(action, confidence)).isEqualTo(auto);
  }

  @Test
  void bands_and_the_automation_switch() {
    assertThat(policy.band(0.5999)).isEqualTo(EscalationPolicy.Band.LOW);
    assertThat(policy.band(0.60)).isEqualTo(EscalationPolicy.Band.MEDIUM);
    assertThat(policy.band(0.80)).isEqualTo(EscalationPolicy.Band.HIGH);
    EscalationPolicy manual =
        new EscalationPolicy(new GridRulesConfig.Builder().autoExecuteRiskReduction(false).build());
    assertThat(manual.autoExecutable(GridAction.STOP_GRID, 0.95)).isFalse();
  }
}
