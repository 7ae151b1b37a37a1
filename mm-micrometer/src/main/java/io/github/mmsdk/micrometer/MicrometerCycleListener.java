package io.github.mmsdk.micrometer;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.cycle.CycleListener;
import io.github.mmsdk.api.cycle.CycleResult;
import io.github.mmsdk.api.cycle.CycleStep;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.exit.ExitAssessment;
import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notification;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link CycleListener} that records cycles, steps, exchange calls, store commits and pushes,
 * exits, recommendations, risk vetoes, notifications, adapter health and circuit state in a
 * Micrometer registry.
 *
 * <pre>{@code
 * MarketMaker.builder()...listener(new MicrometerCycleListener(registry)).build();
 * }</pre>
 *
 * <p>Thread-safe. Gauges hold their last value per tag set; tag values are bounded (symbols, grid
 * ids, enum names), never free text.
 */
public final class MicrometerCycleListener implements CycleListener {

  private final MeterRegistry registry;
  private final Map<Tags, AtomicInteger> intGauges = new ConcurrentHashMap<>();
  private final Map<Tags, AtomicLong> confidenceGauges = new ConcurrentHashMap<>();

  /**
   * Creates the listener.
   *
   * @param registry the host's registry
   */
  public MicrometerCycleListener(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void stepFinished(Symbol symbol, CycleStep step, Duration duration, boolean succeeded) {
    Timer.builder("mm.cycle.step")
        .description("Duration of one step of a decision cycle")
        .tags(
            "symbol",
            symbol.toString(),
            "step",
            lower(step.name()),
            "outcome",
            succeeded ? "success" : "failure")
        .register(registry)
        .record(duration);
  }

  @Override
  public void exchangeCallFinished(
      Symbol symbol, String operation, Duration duration, Optional<RuntimeException> failure) {
    Timer.builder("mm.exchange.call")
        .description("Duration of one call to the exchange, by operation and outcome")
        .tags(
            "symbol",
            symbol.toString(),
            "operation",
            operation,
            "outcome",
            failure.isEmpty() ? "success" : "failure",
            "exception",
            failure.map(e -> e.getClass().getSimpleName()).orElse("none"))
        .register(registry)
        .record(duration);
  }

  @Override
  public void storeCommitted(
      Symbol symbol, Duration duration, boolean succeeded, Optional<Boolean> pushed) {
    Timer.builder("mm.store.commit")
        .description("Duration of committing a cycle's records, the push included")
        .tags("symbol", symbol.toString(), "outcome", succeeded ? "success" : "failure")
        .register(registry)
        .record(duration);
    pushed.ifPresent(
        ok ->
            Counter.builder("mm.store.push")
                .description("Pushes of a commit to the store's remote, by outcome")
                .tags("outcome", ok ? "success" : "failure")
                .register(registry)
                .increment());
  }

  @Override
  public void exitAssessed(Symbol symbol, ExitAssessment assessment) {
    gauge(
            "mm.exit.state",
            "Exit state of a running grid: 0 normal, 1 warning, 2 latest acceptable exit, 3 mandatory exit",
            Tags.of("symbol", symbol.toString(), "grid", assessment.gridId()))
        .set(assessment.state().ordinal());
    if (assessment.transition().isPresent()) {
      Counter.builder("mm.exit.transitions")
          .description("Exit state transitions")
          .tags(
              "symbol",
              symbol.toString(),
              "from",
              lower(assessment.previous().name()),
              "to",
              lower(assessment.state().name()))
          .register(registry)
          .increment();
    }
  }

  @Override
  public void recommendationMade(Symbol symbol, Recommendation recommendation) {
    Counter.builder("mm.recommendations")
        .description("Recommendations made")
        .tags(
            "symbol",
            symbol.toString(),
            "action",
            lower(recommendation.action().name()),
            "escalation",
            lower(recommendation.escalation().name()))
        .register(registry)
        .increment();
    if (!recommendation.vetoes().isEmpty()) {
      Counter.builder("mm.risk.vetoes")
          .description("Risk checks that vetoed a stronger action")
          .tags("symbol", symbol.toString())
          .register(registry)
          .increment(recommendation.vetoes().size());
    }
  }

  @Override
  public void notificationSent(Notification notification, DeliveryReport report) {
    Counter.builder("mm.notifications")
        .description("Notifications handed to the notifier, by outcome")
        .tags(
            "kind",
            lower(notification.kind().name()),
            "priority",
            lower(notification.priority().name()),
            "status",
            lower(report.status().name()))
        .register(registry)
        .increment();
  }

  @Override
  public void cycleFinished(CycleResult result) {
    String symbol = result.symbol().toString();
    Timer.builder("mm.cycle")
        .description("Duration of a whole decision cycle")
        .tags("symbol", symbol, "status", lower(result.status().name()))
        .register(registry)
        .record(result.duration());
    result
        .regime()
        .ifPresent(
            r -> {
              gauge(
                      "mm.regime.verdict",
                      "Regime verdict: 0 range ok, 1 range weak, 2 transition, 3 trend",
                      Tags.of("symbol", symbol))
                  .set(r.verdict().ordinal());
              confidenceGauge(Tags.of("symbol", symbol))
                  .set(Double.doubleToLongBits(r.confidence()));
            });
    recordHealth(result.health());
  }

  private void recordHealth(Health health) {
    gauge(
            "mm.health",
            "Component health: 0 up, 1 degraded, 2 down",
            Tags.of("component", health.component()))
        .set(health.status().ordinal());
    String circuit = health.details().get("circuit");
    if (circuit != null) {
      gauge(
              "mm.exchange.circuit",
              "Circuit breaker of an adapter: 0 closed, 1 half open, 2 open",
              Tags.of("component", health.component()))
          .set(circuitState(circuit));
    }
    health.components().forEach(this::recordHealth);
  }

  /** The breaker's state name as a number; an unknown name counts as open (calls refused). */
  private static int circuitState(String name) {
    switch (name.toUpperCase(Locale.ROOT)) {
      case "CLOSED":
        return 0;
      case "HALF_OPEN":
        return 1;
      default:
        return 2;
    }
  }

  private AtomicInteger gauge(String name, String description, Tags tags) {
    Tags key = tags.and("__name", name);
    return intGauges.computeIfAbsent(
        key,
        k -> {
          AtomicInteger value = new AtomicInteger();
          Gauge.builder(name, value, AtomicInteger::get)
              .description(description)
              .tags(tags)
              .register(registry);
          return value;
        });
  }

  private AtomicLong confidenceGauge(Tags tags) {
    return confidenceGauges.computeIfAbsent(
        tags,
        k -> {
          AtomicLong bits = new AtomicLong(Double.doubleToLongBits(Double.NaN));
          Gauge.builder("mm.regime.confidence", bits, b -> Double.longBitsToDouble(b.get()))
              .description("Confidence of the last regime verdict, 0 to 0.95")
              .tags(tags)
              .register(registry);
          return bits;
        });
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
