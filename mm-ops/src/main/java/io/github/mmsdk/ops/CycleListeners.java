package io.github.mmsdk.ops;

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
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Combinators for {@link CycleListener}s, since the facade takes exactly one. */
public final class CycleListeners {

  private CycleListeners() {}

  /**
   * A listener that forwards every event to each listener in order; one that throws is logged and
   * skipped, and never keeps the others from hearing the event.
   *
   * <pre>{@code
   * MarketMaker.builder()...
   *     .listener(CycleListeners.composite(new MicrometerCycleListener(registry), alerts))
   * }</pre>
   *
   * @param listeners the listeners
   * @return the composite
   */
  public static CycleListener composite(CycleListener... listeners) {
    return new Composite(List.of(listeners));
  }

  private static final class Composite implements CycleListener {
    private static final Logger LOG = LoggerFactory.getLogger(CycleListeners.class);
    private final List<CycleListener> delegates;

    Composite(List<CycleListener> delegates) {
      this.delegates = delegates;
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
  }
}
