package io.github.mmsdk.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.cycle.CycleResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickStartTest {
  static final Path DATA = Path.of(System.getProperty("mm.shared.dir", "../../shared"), "data");

  @Test
  void the_readme_example_runs_a_cycle_on_real_candles(@TempDir Path store) {
    Path csv = DATA.resolve("ETH-USDT_1h_kucoin.csv");
    Assumptions.assumeTrue(Files.exists(csv), "../shared/data absent: skipping real-data test");
    CycleResult r = QuickStart.run(csv, store, Instant.parse("2026-04-01T00:00:00Z"));
    assertThat(r.regime()).isPresent();
    assertThat(r.decisionId()).isPresent();
    assertThat(r.commitId()).isPresent();
    assertThat(store).isNotEmptyDirectory();
  }

  @Test
  void the_readme_shows_exactly_the_compiled_example() throws IOException {
    List<String> source =
        Files.readAllLines(Path.of("src/main/java/io/github/mmsdk/samples/QuickStart.java"));
    int begin = indexOf(source, "README example: begin");
    int end = indexOf(source, "README example: end");
    String compiled =
        source.subList(begin + 1, end).stream()
            .map(String::strip)
            .collect(Collectors.joining("\n"));
    String readme = Files.readString(Path.of("../README.md"));
    String shown =
        readme
            .lines()
            .dropWhile(l -> !l.startsWith("```java"))
            .skip(1)
            .takeWhile(l -> !l.startsWith("```"))
            .map(String::strip)
            .filter(l -> !l.equals("}"))
            .collect(Collectors.joining("\n"));
    assertThat(shown).startsWith(compiled);
    assertThat(
            readme
                .lines()
                .dropWhile(l -> !l.startsWith("```java"))
                .skip(1)
                .takeWhile(l -> !l.startsWith("```"))
                .count())
        .isLessThanOrEqualTo(10);
  }

  private static int indexOf(List<String> lines, String marker) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(marker)) {
        return i;
      }
    }
    throw new AssertionError("marker not found: " + marker);
  }
}
