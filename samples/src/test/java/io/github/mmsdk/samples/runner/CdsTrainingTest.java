package io.github.mmsdk.samples.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training run of the class-data-sharing archive: the commands run, nothing is left. */
class CdsTrainingTest {

  @TempDir Path dir;

  @Test
  void trains_evaluate_demo_and_help_and_leaves_no_store_behind() throws Exception {
    Path folder = dir.resolve("cds-training");
    List<Integer> codes = CdsTraining.train(folder);
    assertThat(codes).hasSize(3);
    // evaluate and demo may report an incomplete cycle (1), never a failure (2); help succeeds
    assertThat(codes.subList(0, 2)).allSatisfy(c -> assertThat(c).isBetween(0, 1));
    assertThat(codes.get(2)).isZero();
    try (Stream<Path> left = Files.list(folder)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void main_wants_one_folder() {
    assertThatThrownBy(() -> CdsTraining.main(new String[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("usage");
  }
}
