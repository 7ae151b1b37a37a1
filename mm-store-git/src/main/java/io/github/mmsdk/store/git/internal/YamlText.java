package io.github.mmsdk.store.git.internal;

/**
 * The lexical classes of the store's YAML scalars, hand-written for speed (they run on every key
 * and value read or written); each equals the regular expression in its comment, which a property
 * test checks.
 */
final class YamlText {
  private YamlText() {}

  /**
   * {@code [A-Za-z][A-Za-z0-9_./+-]*(?: [A-Za-z0-9_./+()<>=%-]+)*}: single-spaced words, the first
   * starting with a letter.
   *
   * @param s the text
   * @return whether it matches
   */
  static boolean plain(String s) {
    int n = s.length();
    if (n == 0 || !letter(s.charAt(0))) {
      return false;
    }
    int i = 1;
    while (i < n && s.charAt(i) != ' ') {
      if (!firstWord(s.charAt(i))) {
        return false;
      }
      i++;
    }
    while (i < n) {
      i++; // the space
      int start = i;
      while (i < n && s.charAt(i) != ' ') {
        if (!laterWord(s.charAt(i))) {
          return false;
        }
        i++;
      }
      if (i == start) {
        return false; // a double or trailing space
      }
    }
    return true;
  }

  /**
   * {@code [A-Za-z0-9_][A-Za-z0-9_.\-/]*}: a plain mapping key.
   *
   * @param s the text
   * @return whether it matches
   */
  static boolean plainKey(String s) {
    int n = s.length();
    if (n == 0) {
      return false;
    }
    char c = s.charAt(0);
    if (!(letter(c) || digit(c) || c == '_')) {
      return false;
    }
    for (int i = 1; i < n; i++) {
      c = s.charAt(i);
      if (!(letter(c) || digit(c) || c == '_' || c == '.' || c == '-' || c == '/')) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code -?(?:0|[1-9][0-9]*)}.
   *
   * @param s the text
   * @return whether it matches
   */
  static boolean integer(String s) {
    int n = s.length();
    int i = n > 0 && s.charAt(0) == '-' ? 1 : 0;
    if (i >= n) {
      return false;
    }
    if (s.charAt(i) == '0') {
      return i + 1 == n;
    }
    for (; i < n; i++) {
      if (!digit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code -?[0-9]+\.[0-9]+(?:[eE][-+]?[0-9]+)?}.
   *
   * @param s the text
   * @return whether it matches
   */
  static boolean decimal(String s) {
    int n = s.length();
    int i = n > 0 && s.charAt(0) == '-' ? 1 : 0;
    int start = i;
    while (i < n && digit(s.charAt(i))) {
      i++;
    }
    if (i == start || i >= n || s.charAt(i) != '.') {
      return false;
    }
    start = ++i;
    while (i < n && digit(s.charAt(i))) {
      i++;
    }
    if (i == start) {
      return false;
    }
    if (i == n) {
      return true;
    }
    if (s.charAt(i) != 'e' && s.charAt(i) != 'E') {
      return false;
    }
    i++;
    if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      i++;
    }
    start = i;
    while (i < n && digit(s.charAt(i))) {
      i++;
    }
    return i > start && i == n;
  }

  private static boolean letter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean firstWord(char c) {
    return letter(c) || digit(c) || c == '_' || c == '.' || c == '/' || c == '+' || c == '-';
  }

  private static boolean laterWord(char c) {
    return firstWord(c) || c == '(' || c == ')' || c == '<' || c == '>' || c == '=' || c == '%';
  }
}
