package io.github.mmsdk.backtest.report;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Writes the few JSON shapes the page needs, deterministically and safe to embed in a {@code
 * <script>} element: every {@code <}, {@code >} and {@code &} inside a string is written as a
 * {@code \}{@code u} escape, so the text can never contain {@code </script} or {@code <!--}.
 */
final class Json {

  private static final MathContext DIGITS = new MathContext(7);
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Json() {}

  /**
   * Appends a number with at most seven significant digits, or {@code null} when not finite.
   *
   * @param out the buffer
   * @param v the number
   * @return the buffer
   */
  static StringBuilder number(StringBuilder out, double v) {
    if (!Double.isFinite(v)) {
      return out.append("null");
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return out.append((long) v);
    }
    return out.append(new BigDecimal(v).round(DIGITS).stripTrailingZeros().toPlainString());
  }

  /**
   * Appends a quoted string.
   *
   * @param out the buffer
   * @param s the string
   * @return the buffer
   */
  static StringBuilder string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            out.append("\\u")
                .append(HEX[(c >> 12) & 0xf])
                .append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"');
  }

  /**
   * Appends an object member's name and colon.
   *
   * @param out the buffer
   * @param name the name
   * @return the buffer
   */
  static StringBuilder name(StringBuilder out, String name) {
    return string(out, name).append(':');
  }

  /**
   * Appends an array of numbers, {@code null} for NaN.
   *
   * @param out the buffer
   * @param values the numbers
   * @param size how many of them
   * @return the buffer
   */
  static StringBuilder numbers(StringBuilder out, double[] values, int size) {
    out.append('[');
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        out.append(',');
      }
      number(out, values[i]);
    }
    return out.append(']');
  }

  /**
   * Appends an array of whole numbers.
   *
   * @param out the buffer
   * @param values the numbers
   * @param size how many of them
   * @return the buffer
   */
  static StringBuilder longs(StringBuilder out, long[] values, int size) {
    out.append('[');
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(values[i]);
    }
    return out.append(']');
  }
}
