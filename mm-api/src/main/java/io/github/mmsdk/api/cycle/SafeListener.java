package io.github.mmsdk.api.cycle;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.exit.ExitAssessment;
import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notification;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps a misbehaving listener from changing what a cycle does. */
final class SafeListener implements CycleListener {
  private static final Logger LOG = LoggerFactory.getLogger(MarketMaker.class);
  private final CycleListener delegate;

  SafeListener(CycleListener delegate) {
    this.delegate = delegate;
  }

  private void guard(String event, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.warn("cycle listener failed event={} error={}", event, e.toString());
    }
  }

  @Override
  public void cycleStarted(Symbol symbol, Instant asOf, String correlationId) {
    guard("cycle_started", () -> delegate.cycleStarted(symbol, asOf, correlationId));
  }

  @Override
  public void stepFinished(Symbol symbol, CycleStep step, Duration duration, boolean succeeded) {
    guard("step_finished", () -> delegate.stepFinished(symbol, step, duration, succeeded));
  }

  @Override
  public void exitAssessed(Symbol symbol, ExitAssessment assessment) {
    guard("exit_assessed", () -> delegate.exitAssessed(symbol, assessment));
  }

  @Override
  public void recommendationMade(Symbol symbol, Recommendation recommendation) {
    guard("recommendation_made", () -> delegate.recommendationMade(symbol, recommendation));
  }

  @Override
  public void notificationSent(Notification notification, DeliveryReport report) {
    guard("notification_sent", () -> delegate.notificationSent(notification, report));
  }

  @Override
  public void cycleFinished(CycleResult result) {
    guard("cycle_finished", () -> delegate.cycleFinished(result));
  }
}
