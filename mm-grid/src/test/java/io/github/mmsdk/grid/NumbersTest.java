package io.github.mmsdk.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The fast formatting and rounding give exactly what the straightforward calls give. */
class NumbersTest {

  private static BigDecimal exact(double v, int digits) {
    return new BigDecimal(v, new MathContext(digits, RoundingMode.HALF_UP));
  }

  private static void same(double v, int digits) {
    BigDecimal fast = Numbers.round(v, digits);
    assertThat(fast.stripTrailingZeros())
        .as("%s to %d digits", v, digits)
        .isEqualTo(exact(v, digits).stripTrailingZeros());
  }

  @Test
  void roundsLikeTheExactConversionOverManyMagnitudes() {
    qt().withFixedSeed(20261123L)
        .withExamples(10_000)
        .forAll(doubles().between(-1, 1), integers().between(-30, 30), integers().between(1, 15))
        .checkAssert((m, e, d) -> same(m * Math.pow(10, e), d));
  }

  @Test
  void roundsNearTiesExactly() {
    // decimals ending in 5 just past the kept digits: the binary value lies just above or below
    qt().withFixedSeed(20261124L)
        .withExamples(10_000)
        .forAll(
            longs().between(1_000_000_000L, 9_999_999_999L),
            integers().between(-12, 12),
            integers().between(0, 2))
        .checkAssert(
            (kept, e, tail) -> {
              String text = kept + "5" + "0".repeat(tail) + "E" + e;
              same(Double.parseDouble(text), 10);
              same(-Double.parseDouble(text), 10);
              same(Math.nextUp(Double.parseDouble(text)), 10);
              same(Math.nextDown(Double.parseDouble(text)), 10);
            });
  }

  @Test
  void coversTheEdges() {
    double[] values = {
      0.0,
      -0.0,
      2.5,
      -2.5,
      0.5,
      9.5,
      99.95,
      1e-300,
      Double.MIN_VALUE,
      1e300,
      Double.MAX_VALUE,
      9_999_999_999.5,
      999_999.5,
      0.1,
      1.0 / 3,
      2345.67,
      123_456_789.123_456_789
    };
    for (double v : values) {
      for (int d = 1; d <= 17; d++) {
        same(v, d);
      }
    }
    assertThatThrownBy(() -> Numbers.round(Double.NaN, 10))
        .isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> Numbers.round(Double.POSITIVE_INFINITY, 10))
        .isInstanceOf(NumberFormatException.class);
  }

  @Test
  void formatsLikeTheRootLocale() {
    String[] formats = {
      "%.0f %% x %d", "%.1f|%.2f", "%.3f and %s", "%.4f", "price %s x (1 -/+ %.4f) = %d"
    };
    qt().withFixedSeed(20261125L)
        .withExamples(5_000)
        .forAll(doubles().any(), doubles().between(-1e6, 1e6), integers().all())
        .checkAssert(
            (a, b, i) -> {
              for (String f : formats) {
                Object[] args =
                    f.startsWith("%.0f")
                        ? new Object[] {a, i}
                        : f.startsWith("%.1f")
                            ? new Object[] {a, b}
                            : f.startsWith("%.3f")
                                ? new Object[] {b, a}
                                : f.startsWith("%.4f") ? new Object[] {a} : new Object[] {b, a, i};
                assertThat(Numbers.format(f, args)).isEqualTo(String.format(Locale.ROOT, f, args));
              }
            });
  }
}
