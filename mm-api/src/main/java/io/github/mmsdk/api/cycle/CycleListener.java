package io.github.mmsdk.api.cycle;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.exit.ExitAssessment;
import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notification;
import java.time.Duration;
import java.time.Instant;

/**
 * Hears what cycles do, for metrics and tracing, without any dependency (mm-micrometer binds it to
 * a Micrometer registry). Called on the cycle's thread; implementations must be thread-safe and
 * fast, and must not throw.
 */
public interface CycleListener {

  /**
   * A cycle started.
   *
   * @param symbol the pair
   * @param asOf the decision time
   * @param correlationId the cycle's correlation id, also in the SLF4J MDC
   */
  default void cycleStarted(Symbol symbol, Instant asOf, String correlationId) {}

  /**
   * A step finished.
   *
   * @param symbol the pair
   * @param step the step
   * @param duration how long it took
   * @param succeeded whether it succeeded
   */
  default void stepFinished(Symbol symbol, CycleStep step, Duration duration, boolean succeeded) {}

  /**
   * A running grid's exit state was assessed.
   *
   * @param symbol the pair
   * @param assessment the assessment
   */
  default void exitAssessed(Symbol symbol, ExitAssessment assessment) {}

  /**
   * A recommendation was made; its {@link Recommendation#vetoes()} are the risk checks that vetoed
   * a stronger action.
   *
   * @param symbol the pair
   * @param recommendation the recommendation
   */
  default void recommendationMade(Symbol symbol, Recommendation recommendation) {}

  /**
   * A notification was handed to the notifier.
   *
   * @param notification the notification
   * @param report what became of it
   */
  default void notificationSent(Notification notification, DeliveryReport report) {}

  /**
   * A cycle finished.
   *
   * @param result what it did
   */
  default void cycleFinished(CycleResult result) {}

  /** {@return a listener that does nothing} */
  static CycleListener noop() {
    return new CycleListener() {};
  }
}
