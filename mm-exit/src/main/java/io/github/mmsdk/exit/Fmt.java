package io.github.mmsdk.exit;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A small, fast replacement for {@code String.format} with the three directives the messages use:
 * {@code %.Nf} (fixed decimals, half-up, {@code NaN} and infinities spelled out), {@code %s} and
 * {@code %%}. Arguments are consumed in order.
 */
final class Fmt {

  private Fmt() {}

  static String format(String pattern, Object... args) {
    StringBuilder b = new StringBuilder(pattern.length() + 16);
    int arg = 0;
    int n = pattern.length();
    for (int i = 0; i < n; i++) {
      char c = pattern.charAt(i);
      if (c != '%' || i + 1 >= n) {
        b.append(c);
        continue;
      }
      char d = pattern.charAt(i + 1);
      if (d == '%') {
        b.append('%');
        i++;
      } else if (d == 's') {
        b.append(args[arg++]);
        i++;
      } else if (d == '.' && i + 3 < n && pattern.charAt(i + 3) == 'f') {
        fixed(b, ((Number) args[arg++]).doubleValue(), pattern.charAt(i + 2) - '0');
        i += 3;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  static String fixed(double v, int decimals) {
    StringBuilder b = new StringBuilder(16);
    fixed(b, v, decimals);
    return b.toString();
  }

  static void fixed(StringBuilder b, double v, int decimals) {
    if (Double.isNaN(v)) {
      b.append("NaN");
    } else if (Double.isInfinite(v)) {
      b.append(v > 0 ? "Infinity" : "-Infinity");
    } else {
      b.append(BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString());
    }
  }
}
