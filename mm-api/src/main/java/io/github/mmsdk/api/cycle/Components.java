package io.github.mmsdk.api.cycle;

import io.github.mmsdk.api.decision.DecisionGrader;
import io.github.mmsdk.api.decision.GridManager;
import io.github.mmsdk.api.exchange.ExchangeInterface;
import io.github.mmsdk.api.exit.ExitEvaluator;
import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.notify.Notifier;
import io.github.mmsdk.api.regime.RegimeEngine;
import io.github.mmsdk.api.store.DecisionStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/** What the facade was wired with. */
record Components(
    ExchangeInterface exchange,
    RegimeEngine regimeEngine,
    Optional<ExitEvaluator> exitEvaluator,
    Optional<GridManager> gridManager,
    Optional<DecisionGrader> decisionGrader,
    DecisionStore store,
    Notifier notifier,
    Clock clock,
    LongSupplier ticker,
    CycleConfig config,
    CycleListener listener,
    ExchangeCalls calls,
    String libraryVersion,
    ControlPlane control) {

  Health health() {
    List<Health> parts = new ArrayList<>();
    parts.add(safeHealth("exchange", exchange::health));
    parts.add(safeHealth("store", store::health));
    parts.add(safeHealth("notifier", notifier::health));
    return Health.aggregate("market-maker", parts);
  }

  private static Health safeHealth(String name, java.util.function.Supplier<Health> s) {
    try {
      return s.get();
    } catch (RuntimeException e) {
      return Health.down(name, "health check failed: " + e);
    }
  }
}
