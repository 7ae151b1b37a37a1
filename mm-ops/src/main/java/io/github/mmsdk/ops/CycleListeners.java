package io.github.mmsdk.ops;

import io.github.mmsdk.api.cycle.CycleListener;

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
   * @return the composite, the same as {@link CycleListener#composite(CycleListener...)}
   */
  public static CycleListener composite(CycleListener... listeners) {
    return CycleListener.composite(listeners);
  }
}
