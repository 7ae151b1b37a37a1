package io.github.mmsdk.grid;

import static io.github.mmsdk.grid.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.decision.ActionRecord;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.Escalation;
import io.github.mmsdk.api.decision.GridAction;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.decision.RecommendationType;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.regime.RegimeVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CooldownRulesTest {

  private final CooldownRules rules = new CooldownRules(GridRulesConfig.defaults());

  static Recommendation rec(GridAction action, String gridId, Instant expiresAt) {
    Recommendation.Builder b = new Recommendation.Builder();
    b.type(action.type())
        .action(action)
        .symbol(Fixtures.ETH)
        .gridId(gridId)
        .confidence(0.7)
        .escalation(Escalation.REQUIRE_APPROVAL);
    if (expiresAt != null) {
      b.expiresAt(expiresAt);
    }
    if (action == GridAction.CREATE_GRID) {
      b.proposedGrid(Fixtures.runningGrid(gridId, Fixtures.ETH, 1000, T0));
    }
    return b.build();
  }

  @Test
  void timeouts_by_verdict() {
    assertThat(rules.expiry(RegimeVerdict.TRANSITION, T0))
        .contains(T0.plus(Duration.ofMinutes(30)));
    assertThat(rules.expiry(RegimeVerdict.TREND, T0)).contains(T0.plus(Duration.ofMinutes(15)));
    assertThat(rules.expiry(RegimeVerdict.RANGE_OK, T0)).isEmpty();
    assertThat(rules.expiry(RegimeVerdict.RANGE_WEAK, T0)).isEmpty();
  }

  @Test
  void sixty_minutes_after_a_stop_read_from_grid_history() {
    GridConfig stopped = Fixtures.stoppedGrid("eth-1", T0.minusSeconds(86_400), T0);
    assertThat(rules.active("eth-1", List.of(stopped), List.of(), T0.plus(Duration.ofMinutes(59))))
        .hasValueSatisfying(
            c -> {
              assertThat(c.cause()).isEqualTo(ActiveCooldown.Cause.AFTER_STOP);
              assertThat(c.until()).isEqualTo(T0.plus(Duration.ofMinutes(60)));
              assertThat(c.describe()).contains("grid history");
            });
    assertThat(rules.active("eth-1", List.of(stopped), List.of(), T0.plus(Duration.ofMinutes(60))))
        .isEmpty();
    assertThat(rules.active("other", List.of(stopped), List.of(), T0.plusSeconds(60))).isEmpty();
  }

  @Test
  void sixty_minutes_after_an_executed_stop_decision() {
    DecisionRecord d =
        Fixtures.decision(
            "dec-1",
            T0,
            rec(GridAction.STOP_GRID, "eth-1", null),
            List.of(Fixtures.action("dec-1", ActionRecord.Kind.EXECUTED, T0.plusSeconds(300))));
    assertThat(rules.active("eth-1", List.of(), List.of(d), T0.plus(Duration.ofMinutes(64))))
        .hasValueSatisfying(c -> assertThat(c.source()).isEqualTo("decision dec-1"));
    assertThat(rules.active("eth-1", List.of(), List.of(d), T0.plus(Duration.ofMinutes(65))))
        .isEmpty();
    DecisionRecord onlyRecommended =
        Fixtures.decision("dec-2", T0, rec(GridAction.STOP_GRID, "eth-1", null), List.of());
    assertThat(rules.active("eth-1", List.of(), List.of(onlyRecommended), T0.plusSeconds(60)))
        .isEmpty();
  }

  @Test
  void one_hundred_twenty_minutes_after_a_declined_or_expired_setup() {
    DecisionRecord declined =
        Fixtures.decision(
            "dec-3",
            T0,
            rec(GridAction.CREATE_GRID, "eth-1", null),
            List.of(Fixtures.action("dec-3", ActionRecord.Kind.DECLINED, T0.plusSeconds(600))));
    assertThat(
            rules.active("eth-1", List.of(), List.of(declined), T0.plus(Duration.ofMinutes(129))))
        .hasValueSatisfying(
            c -> {
              assertThat(c.cause()).isEqualTo(ActiveCooldown.Cause.AFTER_DECLINED_SETUP);
              assertThat(c.source()).contains("DECLINED by alice");
            });
    assertThat(
            rules.active("eth-1", List.of(), List.of(declined), T0.plus(Duration.ofMinutes(130))))
        .isEmpty();

    DecisionRecord expired =
        Fixtures.decision(
            "dec-4",
            T0,
            rec(GridAction.CREATE_GRID, "eth-1", null),
            List.of(Fixtures.action("dec-4", ActionRecord.Kind.EXPIRED, T0.plusSeconds(900))));
    assertThat(rules.active("eth-1", List.of(), List.of(expired), T0.plus(Duration.ofMinutes(100))))
        .hasValueSatisfying(
            c -> assertThat(c.cause()).isEqualTo(ActiveCooldown.Cause.AFTER_EXPIRED_SETUP));

    // expiresAt passed with no action at all: expired at expiresAt, derived from the record
    DecisionRecord silent =
        Fixtures.decision(
            "dec-5",
            T0,
            rec(GridAction.CREATE_GRID, "eth-1", T0.plus(Duration.ofMinutes(30))),
            List.of());
    assertThat(rules.active("eth-1", List.of(), List.of(silent), T0.plus(Duration.ofMinutes(20))))
        .isEmpty();
    assertThat(rules.active("eth-1", List.of(), List.of(silent), T0.plus(Duration.ofMinutes(31))))
        .hasValueSatisfying(c -> assertThat(c.until()).isEqualTo(T0.plus(Duration.ofMinutes(150))));

    DecisionRecord approved =
        Fixtures.decision(
            "dec-6",
            T0,
            rec(GridAction.CREATE_GRID, "eth-1", null),
            List.of(Fixtures.action("dec-6", ActionRecord.Kind.APPROVED, T0)));
    assertThat(rules.active("eth-1", List.of(), List.of(approved), T0.plusSeconds(60))).isEmpty();
    assertThat(RecommendationType.GRID_SETUP).isEqualTo(GridAction.CREATE_GRID.type());
  }
}
