package io.github.mmsdk.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.decision.GridAction;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RiskRulesTest {

  private static PreTradeRequest.Builder request(GridAction action) {
    PreTradeRequest.Builder b = new PreTradeRequest.Builder();
    b.symbol(Fixtures.ETH).action(action).confidence(0.85).allocation(BigDecimal.valueOf(1000));
    return b;
  }

  @Test
  void each_check_vetoes_capital_deployment_with_its_reason() {
    GridRulesConfig rules =
        new GridRulesConfig.Builder()
            .addSymbolWhitelist(Symbol.of("BTC", "USDT"))
            .maxDailyLoss(BigDecimal.valueOf(100))
            .maxAllocationPerGrid(BigDecimal.valueOf(500))
            .maxAllocationPerSymbol(BigDecimal.valueOf(1200))
            .maxTotalAllocation(BigDecimal.valueOf(1500))
            .build();
    PreTradeChecks chain = PreTradeChecks.standard(rules);
    assertThat(chain.checks()).hasSize(8);
    PreTradeRequest bad =
        request(GridAction.CREATE_GRID)
            .confidence(0.59)
            .dailyPnl(BigDecimal.valueOf(-100))
            .runningOnSymbol(BigDecimal.valueOf(300))
            .runningTotal(BigDecimal.valueOf(600))
            .halted(true)
            .addStaleReasons("newest candle closed 300 min ago")
            .build();
    List<String> vetoes = chain.vetoes(bad);
    assertThat(vetoes)
        .extracting(v -> v.substring(0, v.indexOf(':')))
        .containsExactly(
            "global_halt",
            "stale_data",
            "symbol_whitelist",
            "minimum_confidence",
            "daily_loss_limit",
            "max_allocation_per_grid",
            "max_allocation_per_symbol",
            "max_total_allocation");
    assertThat(vetoes.get(3)).contains("confidence 0.59 is below 0.60");
    assertThat(vetoes.get(4)).contains("daily loss 100 reached the limit 100");
    assertThat(vetoes.get(7)).contains("running 600 + new 1000 exceeds the total cap 1500");
  }

  @Test
  void risk_reducing_and_no_change_actions_always_pass() {
    PreTradeChecks chain = PreTradeChecks.standard(GridRulesConfig.defaults());
    for (GridAction a :
        List.of(GridAction.STOP_GRID, GridAction.REDUCE, GridAction.HOLD, GridAction.WAIT)) {
      assertThat(chain.vetoes(request(a).halted(true).confidence(0.1).build())).isEmpty();
    }
    PreTradeRequest fine =
        request(GridAction.CREATE_GRID).dailyPnl(BigDecimal.valueOf(-10)).build();
    assertThat(chain.vetoes(fine)).isEmpty();
    assertThat(chain.vetoes(request(GridAction.CREATE_GRID).build())).isEmpty();
    assertThat(PreTradeChecks.of(List.of(PreTradeChecks.globalHalt())).checks().get(0).name())
        .isEqualTo("global_halt");
    assertThat(PreTradeChecks.symbolWhitelist(Set.of()).veto(fine)).isEmpty();
  }

  @Test
  void halt_is_entered_by_triggers_or_operator_and_left_only_by_resume() {
    GridRulesConfig rules =
        new GridRulesConfig.Builder().maxDailyLoss(BigDecimal.valueOf(500)).build();
    GlobalHalt h = GlobalHalt.none();
    assertThat(h.isHalted()).isFalse();
    assertThat(h.observe(Fixtures.T0, BigDecimal.valueOf(-499), false, rules).isHalted()).isFalse();

    GlobalHalt breached = h.observe(Fixtures.T0, BigDecimal.valueOf(-500), false, rules);
    assertThat(breached.isHalted()).isTrue();
    assertThat(breached.events().get(0).cause()).contains(HaltEvent.Cause.DAILY_LOSS_LIMIT);
    assertThat(breached.events().get(0).reason()).contains("daily loss 500 reached the limit 500");
    // the loss recovering does not lift it; a second breach adds nothing
    GlobalHalt later =
        breached.observe(Fixtures.T0.plusSeconds(3600), BigDecimal.valueOf(50), false, rules);
    assertThat(later.isHalted()).isTrue();
    assertThat(later.observe(Fixtures.T0, BigDecimal.valueOf(-900), false, rules).events())
        .hasSize(1);
    GlobalHalt circuit = later.observe(Fixtures.T0.plusSeconds(60), BigDecimal.ZERO, true, rules);
    assertThat(circuit.activeHalts()).hasSize(2);
    assertThat(circuit.haltedSince()).contains(Fixtures.T0);

    GlobalHalt resumed = circuit.resume("alice", "loss understood", Fixtures.T0.plusSeconds(7200));
    assertThat(resumed.isHalted()).isFalse();
    assertThat(resumed.activeHalts()).isEmpty();
    assertThat(resumed.haltedSince()).isEmpty();
    HaltEvent last = resumed.events().get(resumed.events().size() - 1);
    assertThat(last.actor()).isEqualTo("alice");
    assertThat(last.reason()).isEqualTo("loss understood");
    assertThat(GlobalHalt.of(resumed.events()).isHalted()).isFalse();

    GlobalHalt op = resumed.halt("bob", "maintenance", Fixtures.T0.plusSeconds(9000));
    assertThat(op.isHalted()).isTrue();
    assertThat(op.activeHalts().get(0).cause()).contains(HaltEvent.Cause.OPERATOR);

    assertThatThrownBy(() -> resumed.resume("alice", "again", Fixtures.T0))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> op.resume(" ", "why", Fixtures.T0))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> op.halt("bob", "", Fixtures.T0))
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @Test
  void stale_data_guard_defaults_to_two_candle_intervals() {
    Duration max = GridRulesConfig.defaults().maxDataAge(Timeframe.H1);
    assertThat(max).isEqualTo(Duration.ofHours(2));
    assertThat(
            new GridRulesConfig.Builder()
                .maxDataAge(Duration.ofMinutes(5))
                .build()
                .maxDataAge(Timeframe.H1))
        .isEqualTo(Duration.ofMinutes(5));
    var t = Fixtures.T0;
    assertThat(StaleDataGuard.staleReasons(t, Optional.of(t.minus(max)), Optional.empty(), max))
        .isEmpty();
    assertThat(
            StaleDataGuard.staleReasons(
                t, Optional.of(t.minus(max).minusSeconds(60)), Optional.empty(), max))
        .containsExactly("newest candle closed 121 min ago, more than the limit of 120 min");
    assertThat(StaleDataGuard.staleReasons(t, Optional.empty(), Optional.empty(), max))
        .containsExactly("no closed candle is known");
    assertThat(
            StaleDataGuard.staleReasons(
                t,
                Optional.of(t),
                Optional.of(Fixtures.market(2000, t.minus(Duration.ofHours(3)))),
                max))
        .containsExactly("market data is 180 min old, more than the limit of 120 min");
  }

  @Test
  void rules_config_refuses_bad_values() {
    GridRulesConfig d = GridRulesConfig.defaults();
    assertThat(d.capitalMode()).isEqualTo(GridRulesConfig.CapitalMode.SINGLE_GRID);
    assertThat(d.cooldownAfterStop()).isEqualTo(Duration.ofMinutes(60));
    assertThat(d.cooldownAfterDeclinedSetup()).isEqualTo(Duration.ofMinutes(120));
    assertThat(d.timeoutTransition()).isEqualTo(Duration.ofMinutes(30));
    assertThat(d.timeoutTrend()).isEqualTo(Duration.ofMinutes(15));
    assertThat(d.probationaryAllocationFraction()).isBetween(0.5, 0.6);
    assertThatThrownBy(() -> new GridRulesConfig.Builder().reserveFraction(1.5).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("reserve_fraction");
    assertThatThrownBy(
            () ->
                new GridRulesConfig.Builder()
                    .minSetupConfidence(0.9)
                    .normalSizingConfidence(0.8)
                    .build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> new GridRulesConfig.Builder().feeSafetyFactor(0.5).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> new GridRulesConfig.Builder().defaultFeeRate(0.5).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> new GridRulesConfig.Builder().minLevels(1).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> new GridRulesConfig.Builder().atrWindow(0).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> new GridRulesConfig.Builder().boundsAtrMultiple(0).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(
            () -> new GridRulesConfig.Builder().reserveAmount(BigDecimal.valueOf(-1)).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(
            () -> new GridRulesConfig.Builder().timeoutTrend(Duration.ofMinutes(-1)).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> new GridRulesConfig.Builder().maxDataAge(Duration.ZERO).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> new GridRulesConfig.Builder().reduceFraction(0).build())
        .isInstanceOf(InvalidConfigurationException.class);
  }
}
