package io.github.mmsdk.notify;

import static io.github.mmsdk.notify.Fixtures.T0;
import static io.github.mmsdk.notify.Fixtures.mandatoryExit;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.health.HealthStatus;
import io.github.mmsdk.api.notify.Notifier;
import io.github.mmsdk.testkit.notify.NotifierContract;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogNotifierTest extends NotifierContract {

  @Override
  protected Notifier createNotifier() {
    return new LogNotifier(new Fixtures.MutableClock(T0));
  }

  @Test
  void logsEmergenciesAtWarnOnceWithTheActionFirst() {
    LogNotifier n = new LogNotifier(new Fixtures.MutableClock(T0));
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      n.deliver(mandatoryExit("e1"));
      n.deliver(mandatoryExit("e1"));
      n.deliver(Fixtures.exitState("i1", io.github.mmsdk.api.notify.NotificationPriority.LOW));
    } finally {
      System.setErr(original);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertThat(logs)
        .containsOnlyOnce("notification_id=e1")
        .contains("WARN io.github.mmsdk.notify.LogNotifier")
        .contains("text=\"ACTION: Stop grid eth-grid-1 now")
        .contains("INFO io.github.mmsdk.notify.LogNotifier - notification notification_id=i1");
    assertThat(n.health().status()).isEqualTo(HealthStatus.UP);
    n.close();
    assertThat(n.health().status()).isEqualTo(HealthStatus.DOWN);
    assertThat(n).hasToString("LogNotifier");
  }
}
