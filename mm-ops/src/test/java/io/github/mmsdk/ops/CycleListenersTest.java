package io.github.mmsdk.ops;

import static io.github.mmsdk.ops.OpsFixtures.ETH;
import static io.github.mmsdk.ops.OpsFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.cycle.CycleListener;
import io.github.mmsdk.api.cycle.CycleResult;
import io.github.mmsdk.api.cycle.CycleStep;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.exit.ExitAssessment;
import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CycleListenersTest {

  @Test
  void everyListenerHearsEveryEventEvenWhenOneThrows() {
    List<String> heard = new ArrayList<>();
    CycleListener throwing =
        new CycleListener() {
          @Override
          public void cycleStarted(Symbol symbol, Instant asOf, String id) {
            throw new IllegalStateException("boom");
          }

          @Override
          public void cycleFinished(CycleResult result) {
            throw new IllegalStateException("boom");
          }
        };
    CycleListener recording =
        new CycleListener() {
          @Override
          public void cycleStarted(Symbol symbol, Instant asOf, String id) {
            heard.add("started");
          }

          @Override
          public void stepFinished(Symbol symbol, CycleStep step, Duration d, boolean ok) {
            heard.add("step");
          }

          @Override
          public void exitAssessed(Symbol symbol, ExitAssessment assessment) {
            heard.add("exit");
          }

          @Override
          public void recommendationMade(Symbol symbol, Recommendation recommendation) {
            heard.add("recommendation");
          }

          @Override
          public void notificationSent(Notification notification, DeliveryReport report) {
            heard.add("notification");
          }

          @Override
          public void cycleFinished(CycleResult result) {
            heard.add("finished");
          }
        };
    CycleListener both = CycleListeners.composite(throwing, recording);
    both.cycleStarted(ETH, T0, "c1");
    both.stepFinished(ETH, CycleStep.STORE, Duration.ZERO, true);
    both.exitAssessed(ETH, null);
    both.recommendationMade(ETH, null);
    both.notificationSent(null, null);
    both.cycleFinished(OpsFixtures.result(ETH, T0).build());
    assertThat(heard)
        .containsExactly("started", "step", "exit", "recommendation", "notification", "finished");
  }
}
