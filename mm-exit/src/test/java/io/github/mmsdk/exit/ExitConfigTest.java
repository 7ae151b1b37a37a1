package io.github.mmsdk.exit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.exit.ExitState;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ExitConfigTest {

  /** The documented defaults of the sustained above-grid rule: off (ExitConfig, docs/kpis.md). */
  private static final int DEFAULT_HOURS = 0;

  private static final double DEFAULT_PCT = 0.0;

  @Test
  void defaultsAreTheDocumentedOnes() {
    ExitConfig c = ExitConfig.defaults();
    assertThat(c.minConditions()).isEqualTo(2);
    assertThat(c.latestMinConditions()).isEqualTo(3);
    assertThat(c.escalationPersistence()).isEqualTo(3);
    assertThat(c.bandwidthAbove()).isEqualTo(0.04);
    assertThat(c.deEscalationPersistence()).isEqualTo(3);
    assertThat(c.releaseConditions()).isEqualTo(1);
    assertThat(c.recentSize()).isEqualTo(48);
    assertThat(c.exitWithin()).isEqualTo(Duration.ofHours(12));
    assertThat(c.deadlineAfter()).isEqualTo(Duration.ofHours(24));
    assertThat(c.notificationInterval(ExitState.NORMAL)).isZero();
    assertThat(c.notificationInterval(ExitState.WARNING)).isEqualTo(Duration.ofHours(4));
    assertThat(c.notificationInterval(ExitState.LATEST_ACCEPTABLE_EXIT))
        .isEqualTo(Duration.ofHours(2));
    assertThat(c.notificationInterval(ExitState.MANDATORY_EXIT)).isEqualTo(Duration.ofHours(1));
    assertThat(c.adxAbove()).isEqualTo(25.0);
    assertThat(c.hardBreakoutAtr()).isEqualTo(2.0);
    assertThat(c.feeRate()).isEqualTo(0.001);
    assertThat(c.atrPeriod()).isEqualTo(14);
    assertThat(c.aboveGridSustainedHours()).isEqualTo(DEFAULT_HOURS);
    assertThat(c.aboveGridSustainedPct()).isEqualTo(DEFAULT_PCT);
  }

  private static void rejects(String key, UnaryOperator<ExitConfig.Builder> change) {
    assertThatThrownBy(() -> change.apply(new ExitConfig.Builder()).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("exit_rules." + key);
  }

  @Test
  void rejectsInvalidValuesNamingTheKey() {
    rejects("warning.min_conditions", b -> b.minConditions(0));
    rejects(
        "latest_acceptable_exit.above_grid_sustained_hours", b -> b.aboveGridSustainedHours(-1));
    rejects(
        "latest_acceptable_exit.above_grid_sustained_pct",
        b -> b.aboveGridSustainedPct(Double.NaN));
    rejects("latest_acceptable_exit.min_conditions", b -> b.latestMinConditions(0));
    rejects("persistence.escalation", b -> b.escalationPersistence(0));
    rejects("persistence.de_escalation", b -> b.deEscalationPersistence(0));
    rejects("warning.release_conditions", b -> b.releaseConditions(-1));
    rejects("warning.release_conditions", b -> b.releaseConditions(2));
    rejects("history.recent_size", b -> b.recentSize(2));
    rejects("atr.period", b -> b.atrPeriod(0));
    rejects("latest_acceptable_exit.exit_within", b -> b.exitWithin(Duration.ZERO));
    rejects("latest_acceptable_exit.deadline", b -> b.deadlineAfter(Duration.ofHours(-1)));
    rejects("latest_acceptable_exit.deadline", b -> b.deadlineAfter(Duration.ofHours(6)));
    rejects(
        "notifications.warning_interval", b -> b.warningNotificationInterval(Duration.ofHours(-1)));
    rejects(
        "notifications.latest_acceptable_exit_interval",
        b -> b.latestNotificationInterval(Duration.ofHours(-1)));
    rejects(
        "notifications.mandatory_exit_interval",
        b -> b.mandatoryNotificationInterval(Duration.ofHours(-1)));
    rejects("position.fee_rate", b -> b.feeRate(1.0));
    rejects("position.fee_rate", b -> b.feeRate(Double.NaN));
    rejects("warning.adx_above", b -> b.adxAbove(Double.NaN));
    rejects("warning.efficiency_ratio_above", b -> b.efficiencyRatioAbove(Double.NaN));
    rejects("warning.normalized_slope_above", b -> b.normalizedSlopeAbove(Double.NaN));
    rejects("warning.autocorrelation_above", b -> b.autocorrelationAbove(Double.NaN));
    rejects("warning.ou_half_life_above", b -> b.halfLifeAbove(Double.POSITIVE_INFINITY));
    rejects("warning.bollinger_bandwidth_above", b -> b.bandwidthAbove(Double.NaN));
    rejects("warning.near_bound_fraction", b -> b.nearBoundFraction(Double.NaN));
    rejects("latest_acceptable_exit.trend_min_confidence", b -> b.trendMinConfidence(Double.NaN));
    rejects("latest_acceptable_exit.outside_grid_atr", b -> b.outsideGridAtr(Double.NaN));
    rejects("latest_acceptable_exit.unrealized_loss_pct", b -> b.unrealizedLossPct(Double.NaN));
    rejects("mandatory_exit.hard_breakout_atr", b -> b.hardBreakoutAtr(Double.NaN));
    rejects("mandatory_exit.stop_loss_distance_pct", b -> b.stopLossDistancePct(Double.NaN));
    rejects("mandatory_exit.stop_loss_distance_atr", b -> b.stopLossDistanceAtr(Double.NaN));
    rejects("mandatory_exit.below_grid_pct", b -> b.belowGridPct(Double.POSITIVE_INFINITY));
    rejects("mandatory_exit.loss_limit_pct", b -> b.lossLimitPct(Double.NaN));
  }

  @Test
  void acceptsATighterConsensus() {
    ExitConfig c = new ExitConfig.Builder().minConditions(3).releaseConditions(2).build();
    assertThat(c.minConditions()).isEqualTo(3);
  }
}
