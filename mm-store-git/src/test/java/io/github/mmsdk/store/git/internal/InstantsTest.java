package io.github.mmsdk.store.git.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class InstantsTest {

  /** Instant.parse's answer: the instant, or the class of its refusal. */
  private static Object reference(String s) {
    try {
      return Instant.parse(s);
    } catch (RuntimeException e) {
      return e.getClass();
    }
  }

  private static Object fast(String s) {
    try {
      return Instants.parse(s);
    } catch (RuntimeException e) {
      return e.getClass();
    }
  }

  @Test
  void reads_what_instant_to_string_writes_as_instant_parse_does() {
    qt().withFixedSeed(20261123L)
        .withExamples(2000)
        // years 0001 to 9999, every precision of the fraction (toString drops trailing zeros)
        .forAll(
            longs().between(-62_135_596_800L, 253_402_300_799L),
            integers().between(0, 999_999_999),
            integers().between(0, 3))
        .checkAssert(
            (seconds, nanos, precision) -> {
              int n =
                  precision == 0
                      ? 0
                      : precision == 1
                          ? nanos / 1_000_000 * 1_000_000
                          : precision == 2 ? nanos / 1000 * 1000 : nanos;
              String s = Instant.ofEpochSecond(seconds, n).toString();
              assertThat(Instants.parse(s))
                  .isEqualTo(Instant.parse(s))
                  .isEqualTo(Instant.ofEpochSecond(seconds, n));
            });
  }

  @Test
  void any_changed_character_is_read_or_refused_as_instant_parse_does() {
    String[] bases = {
      "2023-01-01T00:00:00Z", "2024-02-29T23:59:59.123Z", "1999-12-31T12:30:45.123456789Z"
    };
    String alphabet = "0123456789-:.TtZz+ x";
    qt().withFixedSeed(20261123L)
        .withExamples(3000)
        .forAll(
            integers().between(0, bases.length - 1),
            integers().between(0, 29),
            integers().between(0, alphabet.length() - 1),
            integers().between(0, 2))
        .checkAssert(
            (b, at, c, op) -> {
              StringBuilder s = new StringBuilder(bases[b]);
              int i = Math.min(at, s.length() - 1);
              if (op == 0) {
                s.setCharAt(i, alphabet.charAt(c));
              } else if (op == 1) {
                s.insert(i, alphabet.charAt(c));
              } else {
                s.deleteCharAt(i);
              }
              String text = s.toString();
              assertThat(fast(text)).as(text).isEqualTo(reference(text));
            });
  }

  @Test
  void refuses_impossible_dates_and_times_like_instant_parse() {
    for (String s :
        new String[] {
          "2023-02-29T00:00:00Z",
          "2023-13-01T00:00:00Z",
          "2023-01-01T24:00:00Z",
          "2023-01-01T00:60:00Z",
          "2023-01-01T00:00:00.Z",
          "2023-01-01 00:00:00Z",
          ""
        }) {
      assertThat(fast(s)).as(s).isEqualTo(reference(s));
    }
    assertThatThrownBy(() -> Instants.parse("2023-02-30T00:00:00Z"))
        .isInstanceOf(DateTimeParseException.class);
  }
}
