package io.github.mmsdk.exit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FmtTest {

  @Test
  void formatsFixedDecimalsVerdictsAndPercent() {
    assertThat(Fmt.format("ADX %.2f > %.2f", 28.456, 25.0)).isEqualTo("ADX 28.46 > 25.00");
    assertThat(Fmt.format("loss %.1f%% >= %.0f%%", 5.25, 5.0)).isEqualTo("loss 5.3% >= 5%");
    assertThat(Fmt.format("4h %s", "TREND")).isEqualTo("4h TREND");
    assertThat(Fmt.format("odd %d and %", 1)).isEqualTo("odd %d and %");
  }

  @Test
  void spellsOutNonFiniteValues() {
    assertThat(Fmt.fixed(Double.NaN, 2)).isEqualTo("NaN");
    assertThat(Fmt.fixed(Double.POSITIVE_INFINITY, 1)).isEqualTo("Infinity");
    assertThat(Fmt.fixed(Double.NEGATIVE_INFINITY, 1)).isEqualTo("-Infinity");
    assertThat(Fmt.fixed(-12.345, 2)).isEqualTo("-12.35");
  }

  @Test
  void describesEveryRule() {
    for (Rule r : Rule.ALL) {
      assertThat(r.describe(1.0, 0.5)).isNotBlank().doesNotContain("%.").doesNotContain("%s");
    }
    assertThat(Rule.OU_HALF_LIFE_ABOVE.describe(Double.POSITIVE_INFINITY, 72))
        .isEqualTo("OU half-life Infinity > 72.0 bars");
  }
}
