package io.github.mmsdk.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.mmsdk.api.decision.GridAction;
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

  private static void sameText(String format, Object... args) {
    assertThat(Numbers.format(format, args))
        .as("%s %s", format, java.util.Arrays.toString(args))
        .isEqualTo(String.format(Locale.ROOT, format, args));
  }

  @Test
  void formatsFixedDecimalsLikeTheFormatter() {
    qt().withFixedSeed(20261125L)
        .withExamples(10_000)
        .forAll(doubles().between(-1, 1), integers().between(-12, 12), integers().between(0, 9))
        .checkAssert(
            (m, e, d) -> {
              double v = m * Math.pow(10, e);
              sameText("%." + d + "f", v);
              // few digits: halves, tenths and single digits, where the two digit strings differ
              double coarse = Math.round(m * 1000) / Math.pow(10, (e + 12) % 6);
              sameText("%." + d + "f", coarse);
              sameText("%." + d + "f", Math.round(m * 20) / 20.0);
            });
  }

  @Test
  void formatsEveryOneAndTwoDigitValueOverFortyDecadesLikeTheFormatter() {
    // where Double.toString and the formatter's digit strings can differ: short decimals
    for (int digits = 1; digits <= 99; digits++) {
      for (int e = -20; e <= 20; e++) {
        double v = Double.parseDouble(digits + "E" + e);
        for (int d = 0; d <= 9; d++) {
          sameText(FIXED[d], v);
          sameText(FIXED[d], -v);
          sameText(FIXED[d], Math.nextUp(v));
          sameText(FIXED[d], Math.nextDown(v));
        }
      }
    }
  }

  private static final String[] FIXED = {
    "%.0f", "%.1f", "%.2f", "%.3f", "%.4f", "%.5f", "%.6f", "%.7f", "%.8f", "%.9f"
  };

  @Test
  void formatsTheOtherConversionsAndEdgesLikeTheFormatter() {
    double[] edges = {
      0.0,
      -0.0,
      0.5,
      -0.5,
      1.5,
      2.5,
      0.125,
      0.05,
      0.005,
      0.0005,
      1e-5,
      5e-7,
      1e7,
      1.5e7,
      9.5,
      99.95,
      0.3,
      3.0,
      100.0,
      1e22,
      123_456_789_012_345.0,
      999_999_999_999_999.0,
      4_503_599_627_370_496.0,
      1.0 / 3,
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.MIN_VALUE,
      Double.MAX_VALUE
    };
    for (double v : edges) {
      for (int d = 0; d <= 9; d++) {
        sameText("%." + d + "f", v);
        sameText("%." + d + "f", -v);
      }
    }
    sameText(
        "recent range over the last %d %s candles: low %s, high %s; ATR(%d) %s (%.3f %% of"
            + " price %s)",
        24, "1h", "1999.5", "2001", 14, "3.25", 0.1625, "2000");
    sameText("%s %s %d %d %%", new BigDecimal("1E+3"), GridAction.WAIT, 7L, -3);
    sameText("%5.1f|%-4s|%,d|%n", 2.25, "x", 1234567);
    sameText("%.2f and %s", 1.005, 2.5);
    assertThatThrownBy(() -> Numbers.format("trailing %"))
        .isInstanceOf(java.util.UnknownFormatConversionException.class);
    sameText("%.2f", 1.0f);
  }
}
