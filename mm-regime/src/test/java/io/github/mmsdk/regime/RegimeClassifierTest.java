package io.github.mmsdk.regime;

import static io.github.mmsdk.api.regime.RegimeVerdict.RANGE_OK;
import static io.github.mmsdk.api.regime.RegimeVerdict.RANGE_WEAK;
import static io.github.mmsdk.api.regime.RegimeVerdict.TRANSITION;
import static io.github.mmsdk.api.regime.RegimeVerdict.TREND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.regime.RegimeVerdict;
import org.junit.jupiter.api.Test;

class RegimeClassifierTest {

  private final RegimeClassifier c = new RegimeClassifier(RegimeConfig.defaults());

  @Test
  void votesMakeVerdicts() {
    assertThat(c.verdict(6, 5, 0)).isEqualTo(RANGE_OK);
    assertThat(c.verdict(6, 3, 0)).isEqualTo(RANGE_OK);
    assertThat(c.verdict(6, 3, 1)).isEqualTo(RANGE_WEAK);
    assertThat(c.verdict(6, 2, 0)).isEqualTo(RANGE_WEAK);
    assertThat(c.verdict(6, 2, 2)).isEqualTo(TRANSITION);
    assertThat(c.verdict(6, 0, 0)).isEqualTo(TRANSITION);
    assertThat(c.verdict(6, 1, 3)).isEqualTo(TREND);
    assertThat(c.verdict(6, 0, 2)).isEqualTo(TRANSITION);
    assertThat(c.verdict(4, 0, 2)).isEqualTo(TREND);
  }

  @Test
  void confirmationOnlyMakesItMoreCautiousExceptTransitionIntoTrend() {
    assertThat(RegimeClassifier.combine(TREND, RANGE_OK)).isEqualTo(TREND);
    assertThat(RegimeClassifier.combine(TRANSITION, TREND)).isEqualTo(TREND);
    assertThat(RegimeClassifier.combine(TRANSITION, RANGE_OK)).isEqualTo(TRANSITION);
    assertThat(RegimeClassifier.combine(RANGE_OK, RANGE_WEAK)).isEqualTo(RANGE_OK);
    assertThat(RegimeClassifier.combine(RANGE_OK, TRANSITION)).isEqualTo(RANGE_WEAK);
    assertThat(RegimeClassifier.combine(RANGE_OK, TREND)).isEqualTo(TRANSITION);
    assertThat(RegimeClassifier.combine(RANGE_WEAK, RANGE_OK)).isEqualTo(RANGE_WEAK);
    assertThat(RegimeClassifier.combine(RANGE_WEAK, TRANSITION)).isEqualTo(TRANSITION);
    assertThat(RegimeClassifier.combine(RANGE_OK, null)).isEqualTo(RANGE_WEAK);
    assertThat(RegimeClassifier.combine(TREND, null)).isEqualTo(TREND);
  }

  @Test
  void combinationIsMonotoneInTheConfirmation() {
    qt().withFixedSeed(20261123L)
        .forAll(integers().between(0, 3), integers().between(0, 3), integers().between(0, 3))
        .checkAssert(
            (p, x, y) -> {
              RegimeVerdict primary = RegimeVerdict.values()[p];
              RegimeVerdict a = RegimeVerdict.values()[Math.min(x, y)];
              RegimeVerdict b = RegimeVerdict.values()[Math.max(x, y)];
              // a worse confirmation never gives a better verdict
              assertThat(RegimeClassifier.combine(primary, a).ordinal())
                  .isLessThanOrEqualTo(RegimeClassifier.combine(primary, b).ordinal());
            });
  }

  @Test
  void verdictsAreMonotoneInVotes() {
    qt().withFixedSeed(20261123L)
        .forAll(integers().between(4, 6), integers().between(0, 5), integers().between(0, 5))
        .checkAssert(
            (a, r0, t0) -> {
              int r = Math.min(r0, a - 1);
              int t = Math.min(t0, a - 1 - r);
              // one more trend vote never makes the verdict more range-like
              assertThat(c.verdict(a, r, t + 1).ordinal())
                  .isGreaterThanOrEqualTo(c.verdict(a, r, t).ordinal());
            });
  }

  @Test
  void configIsValidated() {
    assertThat(RegimeConfig.defaults().adxTrend()).isEqualTo(25);
    assertThat(RegimeConfig.defaults().recentChangeWindow().toHours()).isEqualTo(36);
    assertThatThrownBy(() -> new RegimeConfig.Builder().adxRange(30).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("regime.adx");
    assertThatThrownBy(() -> new RegimeConfig.Builder().confidenceCap(0.99).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> new RegimeConfig.Builder().minMetrics(7).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> new RegimeConfig.Builder().adxPeriod(1).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> new RegimeConfig.Builder().trendVoteShare(2).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> new RegimeConfig.Builder().bollingerDeviations(Double.NaN).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(
            () -> new RegimeConfig.Builder().gridMaturity(java.time.Duration.ofHours(-1)).build())
        .isInstanceOf(InvalidConfigurationException.class);
  }
}
