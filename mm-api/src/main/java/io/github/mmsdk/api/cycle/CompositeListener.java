package io.github.mmsdk.api.cycle;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.exit.ExitAssessment;
import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards every event to each listener in order; one that throws is logged and skipped, so a
 * misbehaving listener never changes what a cycle does nor keeps the others from hearing it.
 */
final class CompositeListener implements CycleListener {
  private static final Logger LOG = LoggerFactory.getLogger(CycleListener.class);
  private final List<CycleListener> delegates;

  CompositeListener(List<CycleListener> delegates) {
    this.delegates = List.copyOf(delegates);
  }

  private void each(String event, Consumer<CycleListener> call) {
    for (CycleListener l : delegates) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        LOG.warn("cycle listener failed event={} listener={} error={}", event, l, e.toString());
      }
    }
  }

  @Override
  public void cycleStarted(Symbol symbol, Instant asOf, String correlationId) {
    each("cycle_started", l -> l.cycleStarted(symbol, asOf, correlationId));
  }

  @Override
  public void stepFinished(Symbol symbol, CycleStep step, Duration duration, boolean succeeded) {
    each("step_finished", l -> l.stepFinished(symbol, step, duration, succeeded));
  }

  @Override
  public void exchangeCallFinished(
      Symbol symbol, String operation, Duration duration, Optional<RuntimeException> failure) {
    each(
        "exchange_call_finished",
        l -> l.exchangeCallFinished(symbol, operation, duration, failure));
  }

  @Override
  public void storeCommitted(
      Symbol symbol, Duration duration, boolean succeeded, Optional<Boolean> pushed) {
    each("store_committed", l -> l.storeCommitted(symbol, duration, succeeded, pushed));
  }

  @Override
  public void exitAssessed(Symbol symbol, ExitAssessment assessment) {
    each("exit_assessed", l -> l.exitAssessed(symbol, assessment));
  }

  @Override
  public void recommendationMade(Symbol symbol, Recommendation recommendation) {
    each("recommendation_made", l -> l.recommendationMade(symbol, recommendation));
  }

  @Override
  public void notificationSent(Notification notification, DeliveryReport report) {
    each("notification_sent", l -> l.notificationSent(notification, report));
  }

  @Override
  public void cycleFinished(CycleResult result) {
    each("cycle_finished", l -> l.cycleFinished(result));
  }

  @Override
  public String toString() {
    return "CompositeListener" + delegates;
  }
}
