package io.github.mmsdk.store.git.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the instants the store writes ({@link Instant#toString()}: {@code
 * yyyy-MM-ddTHH:mm:ss[.fraction]Z}) without a {@code DateTimeFormatter}; any other text goes to
 * {@link Instant#parse(CharSequence)}, so the result and the refusals are those of {@code
 * Instant.parse}.
 */
final class Instants {
  private Instants() {}

  /**
   * Parses an instant.
   *
   * @param s the text
   * @return the instant, equal to {@code Instant.parse(s)}
   * @throws java.time.format.DateTimeParseException when {@code Instant.parse} refuses the text
   */
  static Instant parse(String s) {
    int n = s.length();
    if (n < 20
        || n > 30
        || n == 21
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || s.charAt(n - 1) != 'Z'
        || (n > 20 && s.charAt(19) != '.')) {
      return Instant.parse(s);
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    int nanos = 0;
    if (n > 20) {
      int f = digits(s, 20, n - 1);
      if (f < 0) {
        return Instant.parse(s);
      }
      nanos = f;
      for (int k = n - 1 - 20; k < 9; k++) {
        nanos *= 10;
      }
    }
    if (year < 1000 || month < 0 || day < 0 || hour < 0 || hour > 23) {
      return Instant.parse(s);
    }
    if (minute < 0 || minute > 59 || second < 0 || second > 59) {
      return Instant.parse(s);
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return Instant.parse(s);
    }
    return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3600L + minute * 60L + second, nanos);
  }

  /** The decimal value of {@code s[from, to)}, or -1 when a character is not an ASCII digit. */
  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }
}
