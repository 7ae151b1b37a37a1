package io.github.mmsdk.store.git.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link AppendOnly#lastTopLevelKey} read from the end finds what a read from the start finds. */
class AppendOnlyKeysTest {

  /** The reading from the start (the previous implementation). */
  private static String fromStart(byte[] bytes) {
    String last = null;
    int start = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        if (i > start) {
          byte c = bytes[start];
          if (c != ' ' && c != '-' && c != '#' && c != '\t' && c != '\r') {
            String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
            int colon = line.indexOf(':');
            if (colon > 0) {
              last = line.substring(0, colon).trim();
            }
          }
        }
        start = i + 1;
      }
    }
    return last;
  }

  private static final String[] PIECES = {
    "key", "appended", ":", " ", "-", "#", "\t", "\r", "\n", "\n", "a: 1", "é", "x:y", "\u00ff", "~"
  };

  @Test
  void finds_the_last_top_level_key_as_a_read_from_the_start_does() {
    qt().withFixedSeed(20261123L)
        .withExamples(3000)
        .forAll(lists().of(integers().between(0, PIECES.length)).ofSizeBetween(0, 40))
        .checkAssert(
            (List<Integer> parts) -> {
              StringBuilder s = new StringBuilder();
              parts.forEach(p -> s.append(p == PIECES.length ? "\n" : PIECES[p]));
              byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
              if (!parts.isEmpty() && parts.get(0) % 3 == 0 && bytes.length > 1) {
                bytes[bytes.length / 2] = (byte) 0xc3; // a broken UTF-8 sequence somewhere
              }
              assertThat(AppendOnly.lastTopLevelKey(bytes)).isEqualTo(fromStart(bytes));
            });
  }
}
