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

  /** {@code %.0f} .. {@code %.9f}. */
  private static final String[] FIXED = new String[10];

  static {
    for (int i = 0; i < FIXED.length; i++) {
      FIXED[i] = "%." + i + "f";
    }
  }

  private Numbers() {}

  /**
   * {@code String.format(Locale.ROOT, format, args)} for the conversions this module uses: {@code
   * %s}, {@code %d}, {@code %.Nf} (N = 0..9, a {@link Double} argument) and {@code %%}; any other
   * format goes to {@link String#format} under {@link Locale#US}, which writes the same digits, '.'
   * and '-' as the root locale without looking up its decimal symbols on every call.
   *
   * @param format the format
   * @param args the arguments
   * @return the text
   */
  static String format(String format, Object... args) {
    StringBuilder out = new StringBuilder(format.length() + 32);
    int arg = 0;
    int n = format.length();
    for (int i = 0; i < n; i++) {
      int pct = format.indexOf('%', i);
      if (pct < 0) {
        out.append(format, i, n); // the text up to the next conversion, in one copy
        break;
      }
      out.append(format, i, pct);
      i = pct;
      char d = i + 1 < n ? format.charAt(i + 1) : 0;
      if (d == '%') {
        out.append('%');
        i++;
      } else if ((d == 's' || d == 'd') && arg < args.length && simple(args[arg], d)) {
        out.append(args[arg++]);
        i++;
      } else if (d == '.'
          && i + 3 < n
          && format.charAt(i + 2) >= '0'
          && format.charAt(i + 2) <= '9'
          && format.charAt(i + 3) == 'f'
          && arg < args.length
          && args[arg] instanceof Double) {
        double v = (Double) args[arg++];
        int decimals = format.charAt(i + 2) - '0';
        if (!fixed(out, v, decimals)) {
          out.append(String.format(Locale.US, FIXED[decimals], v)); // this conversion alone
        }
        i += 3;
      } else {
        return String.format(Locale.US, format, args);
      }
    }
    return out.toString();
  }

  /** Whether {@code %s} or {@code %d} of the argument is its {@code toString}. */
  private static boolean simple(Object a, char conversion) {
    return conversion == 's'
        ? a instanceof String || a instanceof Number || a instanceof Enum
        : a instanceof Integer || a instanceof Long;
  }

  /**
   * Appends {@code %.Nf} of a finite value as {@link java.util.Formatter} writes it: the decimal
   * digits of {@link Double#toString(double)} rounded half-up at N decimals. The formatter takes
   * its digits from the same conversion, except that where {@code Double.toString} stops at one
   * significant digit D the formatter makes a second one, which is then 0 (D is within an ulp of
   * the value, any other two-digit decimal a tenth of D's unit away), and a trailing 0 does not
   * change a half-up rounding. The non-finite values are left to the formatter (returns false,
   * appends nothing).
   */
  private static boolean fixed(StringBuilder out, double v, int decimals) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return false;
    }
    double a = Math.abs(v);
    if (a < 1e15 && a == Math.rint(a)) {
      // a whole number: the formatter's digits are exactly its digits, then N zeros; the
      // formatter keeps the sign of -0.0 ("-0.00")
      if (Double.compare(v, 0.0) < 0) {
        out.append('-');
      }
      out.append((long) a);
      if (decimals > 0) {
        out.append('.');
        for (int k = 0; k < decimals; k++) {
          out.append('0');
        }
      }
      return true;
    }
    String digits = Double.toString(a);
    if (Double.compare(v, 0.0) < 0) {
      out.append('-');
    }
    out.append(new BigDecimal(digits).setScale(decimals, RoundingMode.HALF_UP).toPlainString());
    return true;
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
