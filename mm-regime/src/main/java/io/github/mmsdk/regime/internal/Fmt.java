package io.github.mmsdk.regime.internal;

/** Cheap, locale-independent number formatting for reasons (no {@code String.format}). */
public final class Fmt {
  private Fmt() {}

  /**
   * Formats a value with a fixed number of decimals.
   *
   * @param v the value
   * @param decimals 0 to 6
   * @return the text, e.g. {@code 31.25}; infinities as {@code inf} / {@code -inf}
   */
  public static String num(double v, int decimals) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    long scale = 1;
    for (int i = 0; i < decimals; i++) {
      scale *= 10;
    }
    long r = Math.round(Math.abs(v) * scale);
    StringBuilder sb = new StringBuilder(16);
    if (v < 0 && r != 0) {
      sb.append('-');
    }
    sb.append(r / scale);
    if (decimals > 0) {
      sb.append('.');
      String frac = Long.toString(r % scale);
      for (int i = frac.length(); i < decimals; i++) {
        sb.append('0');
      }
      sb.append(frac);
    }
    return sb.toString();
  }
}
