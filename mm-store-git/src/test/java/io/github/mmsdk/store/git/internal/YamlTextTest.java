package io.github.mmsdk.store.git.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class YamlTextTest {
  private static final Pattern PLAIN =
      Pattern.compile("[A-Za-z][A-Za-z0-9_./+-]*(?: [A-Za-z0-9_./+()<>=%-]+)*");
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-/]*");
  private static final Pattern INT = Pattern.compile("-?(?:0|[1-9][0-9]*)");
  private static final Pattern FLOAT = Pattern.compile("-?[0-9]+\\.[0-9]+(?:[eE][-+]?[0-9]+)?");

  /** Characters that make up the interesting cases of all four classes. */
  private static final String ALPHABET = "aZ09_./+-()<>=% eE:#\"'\t";

  private static void agree(Pattern p, Predicate<String> f, String s) {
    assertThat(f.test(s)).as("'%s' against %s", s, p).isEqualTo(p.matcher(s).matches());
  }

  @Test
  void each_class_equals_its_regular_expression() {
    qt().withFixedSeed(20261123L)
        .withExamples(5000)
        .forAll(
            strings().betweenCodePoints(0, ALPHABET.length() - 1).ofLengthBetween(0, 9),
            integers().between(0, 1))
        .checkAssert(
            (codes, ascii) -> {
              StringBuilder sb = new StringBuilder();
              codes.codePoints().forEach(c -> sb.append(ALPHABET.charAt(c)));
              String s = ascii == 0 ? sb.toString() : codes;
              agree(PLAIN, YamlText::plain, s);
              agree(PLAIN_KEY, YamlText::plainKey, s);
              agree(INT, YamlText::integer, s);
              agree(FLOAT, YamlText::decimal, s);
            });
    for (String s :
        List.of(
            "",
            "-",
            "0",
            "-0",
            "01",
            "1.",
            ".5",
            "1.5e",
            "1.5e+7",
            "-2.0E-3",
            "a b",
            "a  b",
            "a ",
            "ETH-USDT",
            "ADX 17.25 < 20",
            "x (y)",
            "(y)")) {
      agree(PLAIN, YamlText::plain, s);
      agree(PLAIN_KEY, YamlText::plainKey, s);
      agree(INT, YamlText::integer, s);
      agree(FLOAT, YamlText::decimal, s);
    }
  }
}
