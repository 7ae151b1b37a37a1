package io.github.mmsdk.api.cycle;

import io.github.mmsdk.api.Symbol;
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
