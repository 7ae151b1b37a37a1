package io.github.mmsdk.api.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.health.HealthStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NotificationTest {
  @Test
  void priorities_map_to_pushover_values() {
    for (NotificationPriority p : NotificationPriority.values()) {
      assertThat(NotificationPriority.of(p.value())).isEqualTo(p);
    }
    assertThat(NotificationPriority.EMERGENCY.value()).isEqualTo(2);
    assertThatThrownBy(() -> NotificationPriority.of(3))
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @Test
  void noop_notifier_skips_and_reports() {
    Notification n =
        new Notification.Builder()
            .id("n1")
            .kind(Notification.Kind.OPERATIONAL_ALERT)
            .priority(NotificationPriority.HIGH)
            .title("t")
            .message("m")
            .createdAt(Instant.EPOCH)
            .putField("k", "v")
            .build();
    try (Notifier noop = Notifier.noop()) {
      DeliveryReport r = noop.deliver(n);
      assertThat(r.status()).isEqualTo(DeliveryReport.Status.SKIPPED);
      assertThat(r.delivered()).isFalse();
      assertThat(noop.health().status()).isEqualTo(HealthStatus.UP);
      assertThat(noop.toString()).contains("noop");
    }
    DeliveryReport ok = Notifier.delivered(n, "test", 1, Instant.EPOCH);
    assertThat(ok.delivered()).isTrue();
    DeliveryReport composite =
        new DeliveryReport.Builder()
            .from(ok)
            .status(DeliveryReport.Status.FAILED)
            .addChannel(ok)
            .build();
    assertThat(composite.delivered()).isTrue();
  }
}
