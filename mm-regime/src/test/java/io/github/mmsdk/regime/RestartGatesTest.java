package io.github.mmsdk.regime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.regime.GateEvaluation;
import io.github.mmsdk.api.regime.GateResult.Status;
import io.github.mmsdk.api.regime.MetricId;
import io.github.mmsdk.api.regime.RestartGate;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class RestartGatesTest {

  private final RestartGates gates = new RestartGates(RegimeConfig.defaults());

  static Map<MetricId, Double> calm() {
    Map<MetricId, Double> m = new EnumMap<>(MetricId.class);
    m.put(MetricId.ADX, 15.0);
    m.put(MetricId.NORMALIZED_SLOPE, -0.02);
    m.put(MetricId.AUTOCORRELATION, -0.2);
    m.put(MetricId.OU_HALF_LIFE, 12.0);
    m.put(MetricId.BOLLINGER_BANDWIDTH, 0.04);
    m.put(MetricId.EFFICIENCY_RATIO, 0.1);
    return m;
  }

  @Test
  void allPassInACalmMarket() {
    GateEvaluation e = gates.evaluate(calm(), OptionalDouble.of(0.8));
    assertThat(e.allPassed()).isTrue();
    assertThat(e.blockingGate()).isEmpty();
    assertThat(e.gates().get(2).measured()).containsEntry("atr_pct", 0.8);
    assertThat(e.gates().get(2).thresholds())
        .containsEntry("atr_pct_min", 0.3)
        .containsEntry("atr_pct_max", 2.5);
  }

  @Test
  void aFailedGateStopsTheSequenceAndSaysWhy() {
    Map<MetricId, Double> m = calm();
    m.put(MetricId.ADX, 31.0);
    GateEvaluation e = gates.evaluate(m, OptionalDouble.of(0.8));
    assertThat(e.blockingGate()).contains(RestartGate.DIRECTIONAL_ENERGY_DECAY);
    assertThat(e.gates().get(0).reason()).contains("adx 31.000 >= 25.000");
    assertThat(e.gates().get(0).measured()).containsEntry("adx", 31.0);
    assertThat(e.gates().get(0).thresholds()).containsEntry("adx_max", 25.0);
    assertThat(e.gates().get(1).status()).isEqualTo(Status.NOT_EVALUATED);
    assertThat(e.gates().get(2).status()).isEqualTo(Status.NOT_EVALUATED);

    m = calm();
    m.put(MetricId.OU_HALF_LIFE, Double.POSITIVE_INFINITY);
    e = gates.evaluate(m, OptionalDouble.of(0.8));
    assertThat(e.blockingGate()).contains(RestartGate.MEAN_REVERSION_RETURN);
    assertThat(e.gates().get(1).reason()).contains("ou_half_life inf > 48.000");
    assertThat(e.gates().get(2).status()).isEqualTo(Status.NOT_EVALUATED);

    e = gates.evaluate(calm(), OptionalDouble.of(0.1));
    assertThat(e.blockingGate()).contains(RestartGate.TRADABLE_VOLATILITY);
    assertThat(e.gates().get(2).reason()).contains("atr_pct 0.100 < 0.300");
    e = gates.evaluate(calm(), OptionalDouble.of(5));
    assertThat(e.blockingGate()).contains(RestartGate.TRADABLE_VOLATILITY);
  }

  @Test
  void missingMetricsFailConservatively() {
    Map<MetricId, Double> m = calm();
    m.remove(MetricId.NORMALIZED_SLOPE);
    GateEvaluation e = gates.evaluate(m, OptionalDouble.of(0.8));
    assertThat(e.blockingGate()).contains(RestartGate.DIRECTIONAL_ENERGY_DECAY);
    assertThat(e.gates().get(0).reason()).contains("abs_normalized_slope unavailable");
    e = gates.evaluate(calm(), OptionalDouble.empty());
    assertThat(e.gates().get(2).reason()).contains("atr_pct unavailable");
  }
}
