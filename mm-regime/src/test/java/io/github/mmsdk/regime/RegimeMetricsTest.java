package io.github.mmsdk.regime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InvalidCandleException;
import io.github.mmsdk.api.regime.MetricId;
import org.junit.jupiter.api.Test;

class RegimeMetricsTest {

  @Test
  void theSetEqualsTheSixBatchMetrics() {
    qt().withFixedSeed(20261123L)
        .withExamples(30)
        .forAll(longs().all(), integers().between(0, 400))
        .checkAssert(
            (seed, size) -> {
              CandleSeries s = TestData.random(seed, size, 100, 0.01);
              RegimeMetrics m = new RegimeMetrics();
              for (int i = 0; i < size; i++) {
                m.update(s.high(i), s.low(i), s.close(i));
              }
              assertThat(m.count()).isEqualTo((long) size);
              int last = size - 1;
              if (size == 0) {
                assertThat(m.availableCount()).isZero();
                return;
              }
              assertThat(m.value(MetricId.ADX)).isEqualTo(Adx.compute(s).value(last));
              assertThat(m.value(MetricId.EFFICIENCY_RATIO))
                  .isEqualTo(EfficiencyRatio.compute(s).value(last));
              assertThat(m.value(MetricId.AUTOCORRELATION))
                  .isEqualTo(Autocorrelation.compute(s).value(last));
              assertThat(m.value(MetricId.OU_HALF_LIFE))
                  .isEqualTo(OuHalfLife.compute(s).value(last));
              assertThat(m.value(MetricId.NORMALIZED_SLOPE))
                  .isEqualTo(NormalizedSlope.compute(s).value(last));
              assertThat(m.value(MetricId.BOLLINGER_BANDWIDTH))
                  .isEqualTo(BollingerBandwidth.compute(s).value(last));
              int available = 0;
              for (MetricId id : MetricId.values()) {
                if (m.isAvailable(id)) {
                  available++;
                  assertThat(m.valueOr(id, Double.NaN)).isEqualTo(m.metric(id).valueOr(-1));
                }
              }
              assertThat(m.availableCount()).isEqualTo(available);
            });
  }

  @Test
  void aBadCandleChangesNothing() {
    RegimeMetrics m = new RegimeMetrics();
    m.update(10, 9, 9.5);
    assertThatThrownBy(() -> m.update(9, 10, 9.5))
        .isInstanceOf(InvalidCandleException.class)
        .extracting(e -> ((InvalidCandleException) e).index())
        .isEqualTo(1);
    assertThat(m.count()).isEqualTo(1);
    assertThat(m.metric(MetricId.ADX).count()).isEqualTo(1);
    m.reset();
    assertThat(m.count()).isZero();
    assertThat(new BollingerBandwidth().middle()).isZero();
  }
}
