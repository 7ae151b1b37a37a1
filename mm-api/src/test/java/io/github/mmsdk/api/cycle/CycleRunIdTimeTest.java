package io.github.mmsdk.api.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** The hand-written id stamp equals the formatter's text: record ids must not change. */
class CycleRunIdTimeTest {

  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  @Test
  void equalsTheFormatterOverTenThousandYears() {
    long min = Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("+10100-01-01T00:00:00Z").getEpochSecond();
    qt().withFixedSeed(20261123L)
        .withExamples(20_000)
        .forAll(longs().between(min, max), longs().between(0, 999_999_999))
        .checkAssert(
            (s, nanos) -> {
              Instant t = Instant.ofEpochSecond(s, nanos);
              assertThat(CycleRun.idTime(t)).isEqualTo(ID_TIME.format(t));
            });
  }

  @Test
  void equalsTheFormatterAtTheEdges() {
    for (String s :
        new String[] {
          "1970-01-01T00:00:00Z",
          "1969-12-31T23:59:59Z",
          "0001-01-01T00:00:00Z",
          "0000-12-31T23:59:59Z",
          "9999-12-31T23:59:59.999Z",
          "+10000-01-01T00:00:00Z",
          "2024-02-29T12:34:56Z"
        }) {
      Instant t = Instant.parse(s);
      assertThat(CycleRun.idTime(t)).as(s).isEqualTo(ID_TIME.format(t));
    }
  }
}
