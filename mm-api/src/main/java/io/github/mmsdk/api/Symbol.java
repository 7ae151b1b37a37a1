package io.github.mmsdk.api;

import io.github.mmsdk.api.internal.MmValue;
import java.util.Locale;
import org.immutables.value.Value;

/** A spot trading pair such as {@code ETH-USDT}: base currency, quote currency. */
@MmValue
@Value.Immutable
public abstract class Symbol implements Comparable<Symbol> {

  Symbol() {}

  /** {@return the base currency, upper case, e.g. {@code ETH}} */
  @Value.Parameter
  public abstract String base();

  /** {@return the quote currency, upper case, e.g. {@code USDT}} */
  @Value.Parameter
  public abstract String quote();

  /**
   * Creates a symbol from its two currencies.
   *
   * @param base the base currency
   * @param quote the quote currency
   * @return the symbol
   * @throws InvalidConfigurationException when a currency is blank or not alphanumeric
   */
  public static Symbol of(String base, String quote) {
    return ImmutableSymbol.of(
        base.trim().toUpperCase(Locale.ROOT), quote.trim().toUpperCase(Locale.ROOT));
  }

  /**
   * Parses {@code BASE-QUOTE} (also {@code BASE/QUOTE} and {@code BASE_QUOTE}).
   *
   * @param text the symbol text
   * @return the symbol
   * @throws InvalidConfigurationException when the text is not a pair
   */
  public static Symbol parse(String text) {
    String[] parts = text.trim().split("[-/_]");
    if (parts.length != 2) {
      throw new InvalidConfigurationException(
          "symbol", "'" + text + "' is not a pair like ETH-USDT");
    }
    return of(parts[0], parts[1]);
  }

  @Value.Check
  void check() {
    requireCode("base", base());
    requireCode("quote", quote());
  }

  private static void requireCode(String field, String code) {
    if (code.isEmpty() || !code.chars().allMatch(Character::isLetterOrDigit)) {
      throw new InvalidConfigurationException(
          "symbol." + field, "'" + code + "' is not a currency code");
    }
  }

  @Override
  public int compareTo(Symbol other) {
    return toString().compareTo(other.toString());
  }

  /** {@return the symbol as {@code BASE-QUOTE}} */
  @Override
  public String toString() {
    return text();
  }

  /** {@return the text {@code BASE-QUOTE}, built once per symbol (ids and keys use it)} */
  @Value.Lazy
  String text() {
    return base() + "-" + quote();
  }
}
