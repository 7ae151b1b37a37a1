package io.github.mmsdk.grid;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * The number formatting of reasons and the rounding of prices, at a fraction of the cost of the
 * straightforward calls and with exactly their results (they run on every decision cycle).
 */
final class Numbers {

  /** Powers of ten that doubles hold exactly: 1e0 .. 1e22. */
  private static final double[] POW10 = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = p;
      p *= 10;
    }
  }

  private Numbers() {}

  /**
   * {@code String.format(Locale.ROOT, format, args)}, formatted under {@link Locale#US}: both
   * locales write the digits 0-9, a '.' decimal separator and a '-' sign, so the text is the same
   * for the {@code %d}, {@code %s}, {@code %.Nf} and {@code %%} conversions without a grouping flag
   * that this module uses; but {@link java.util.Formatter} looks up the root locale's decimal
   * symbols on every call (a new {@code DecimalFormatSymbols} each time) and skips that for US.
   *
   * @param format the format, without the {@code ,} grouping flag
   * @param args the arguments
   * @return the text
   */
  static String format(String format, Object... args) {
    return String.format(Locale.US, format, args);
  }

  /**
   * The value of {@code new BigDecimal(v, new MathContext(digits, RoundingMode.HALF_UP))}: the
   * exact binary value of {@code v} rounded half-up to {@code digits} significant digits. Decided
   * in double arithmetic when the value is provably not near a rounding tie (nearly always), else
   * exactly as that expression; the scale of the result may differ, never its value.
   *
   * @param v a finite value
   * @param digits significant digits, 1 to 15
   * @return the rounded value
   * @throws NumberFormatException when {@code v} is not finite, as the expression does
   */
  static BigDecimal round(double v, int digits) {
    if (digits >= 1 && digits <= 15 && v != 0 && !Double.isNaN(v) && !Double.isInfinite(v)) {
      double a = Math.abs(v);
      int k = digits - 1 - (int) Math.floor(Math.log10(a));
      if (k >= -21 && k <= 21) {
        double lo = POW10[digits - 1];
        double hi = POW10[digits];
        double y = scale(a, k);
        if (y < lo) {
          y = scale(a, ++k);
        } else if (y >= hi) {
          y = scale(a, --k);
        }
        // y is within half an ulp of a·10^k: 4 ulps from the range ends and from the tie are safe
        double margin = 4 * Math.ulp(y);
        if (y >= lo + margin && y < hi - margin) {
          double q = Math.floor(y);
          double frac = y - q; // exact: q <= y < q + 1 and y >= 1
          if (Math.abs(frac - 0.5) > margin) {
            long r = (long) q + (frac > 0.5 ? 1 : 0);
            return BigDecimal.valueOf(v < 0 ? -r : r, k);
          }
        }
      }
    }
    return new BigDecimal(v, new MathContext(digits, RoundingMode.HALF_UP));
  }

  private static double scale(double a, int k) {
    return k >= 0 ? a * POW10[k] : a / POW10[-k];
  }
}
