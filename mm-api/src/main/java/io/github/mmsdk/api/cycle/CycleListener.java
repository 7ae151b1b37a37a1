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
   * A call to the exchange finished: each read of a cycle's fetch step, each grid command run by
   * the execute step, each open-orders read of a reconciliation.
   *
   * @param symbol the pair the call was made for
   * @param operation what was called: {@code candles_1h}, {@code candles_4h}, {@code balance},
   *     {@code market_data}, {@code symbol_rules}, {@code fee_rates}, {@code execute_grid_command},
   *     {@code open_orders}; a bounded set, usable as a metric tag
   * @param duration how long the call took, failures included
   * @param failure what the call threw, empty when it succeeded
   */
  default void exchangeCallFinished(
      Symbol symbol, String operation, Duration duration, Optional<RuntimeException> failure) {}

  /**
   * The store was asked to commit a cycle's records.
   *
   * @param symbol the pair
   * @param duration how long the commit took (with its push, when the store pushes on commit)
   * @param succeeded whether the records were committed (or staged in a batch)
   * @param pushed whether the commit then reached the store's remote; empty when the store has no
   *     remote or did not push this write (see {@link
   *     io.github.mmsdk.api.store.DecisionStore#lastPush()})
   */
  default void storeCommitted(
      Symbol symbol, Duration duration, boolean succeeded, Optional<Boolean> pushed) {}

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

  /**
   * A listener that forwards every event to each listener in order; one that throws is logged and
   * skipped, and never keeps the others from hearing the event.
   *
   * <pre>{@code
   * MarketMaker.builder()...
   *     .listener(CycleListener.composite(new MicrometerCycleListener(registry), alerts))
   * }</pre>
   *
   * @param listeners the listeners
   * @return the composite
   */
  static CycleListener composite(CycleListener... listeners) {
    return new CompositeListener(List.of(listeners));
  }

  /** {@return a listener that does nothing} */
  static CycleListener noop() {
    return new CycleListener() {};
  }
}
