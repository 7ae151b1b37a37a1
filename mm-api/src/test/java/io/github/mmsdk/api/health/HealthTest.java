package io.github.mmsdk.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HealthTest {
  @Test
  void aggregate_takes_the_worst_status() {
    Health h =
        Health.aggregate(
            "all",
            List.of(
                Health.up("a"),
                new Health.Builder().component("b").status(HealthStatus.DEGRADED).build()));
    assertThat(h.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(h.components()).hasSize(2);
    assertThat(Health.aggregate("x", List.of(Health.down("c", "gone"), Health.up("d"))).status())
        .isEqualTo(HealthStatus.DOWN);
    assertThat(Health.aggregate("none", List.of()).status()).isEqualTo(HealthStatus.UP);
    assertThat(Health.down("c", "gone").details()).containsEntry("reason", "gone");
    assertThat(HealthStatus.UP.worst(HealthStatus.DOWN)).isEqualTo(HealthStatus.DOWN);
  }
}
