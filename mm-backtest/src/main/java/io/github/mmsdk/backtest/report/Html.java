package io.github.mmsdk.backtest.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Escaping and the number and time formats of the page's text. */
final class Html {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Html() {}

  /**
   * Escapes text for an element's content or a quoted attribute.
   *
   * @param s the text
   * @return the escaped text
   */
  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * A UTC time to the minute.
   *
   * @param t the time
   * @return e.g. {@code 2025-03-01 14:00}
   */
  static String time(Instant t) {
    return TIME.format(t);
  }

  /**
   * A UTC time to the minute.
   *
   * @param epochSecond the time in epoch seconds
   * @return e.g. {@code 2025-03-01 14:00}
   */
  static String time(long epochSecond) {
    return time(Instant.ofEpochSecond(epochSecond));
  }

  /**
   * A price: two decimals from 1 up, six significant digits below.
   *
   * @param v the price
   * @return the text, or an en dash when not finite
   */
  static String price(double v) {
    if (!Double.isFinite(v)) {
      return "–";
    }
    if (Math.abs(v) >= 1) {
      return String.format(Locale.ROOT, "%,.2f", v);
    }
    return new BigDecimal(v)
        .round(new java.math.MathContext(6))
        .stripTrailingZeros()
        .toPlainString();
  }

  /**
   * A number with a fixed count of decimals.
   *
   * @param v the number
   * @param decimals how many decimals
   * @return the text, or an en dash when not finite
   */
  static String fixed(double v, int decimals) {
    if (!Double.isFinite(v)) {
      return "–";
    }
    return String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }

  /**
   * A signed percentage with one decimal.
   *
   * @param fraction the fraction, 0.05 for 5 %
   * @return e.g. {@code +5.0 %}
   */
  static String signedPercent(double fraction) {
    if (!Double.isFinite(fraction)) {
      return "–";
    }
    return String.format(Locale.ROOT, "%+.1f %%", fraction * 100);
  }

  /**
   * A percentage with no decimals.
   *
   * @param fraction the fraction
   * @return e.g. {@code 42 %}
   */
  static String percent(double fraction) {
    if (!Double.isFinite(fraction)) {
      return "–";
    }
    return String.format(Locale.ROOT, "%.0f %%", fraction * 100);
  }
}
