package io.github.mmsdk.ops;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.cycle.CycleListener;
import io.github.mmsdk.api.cycle.CycleResult;
import io.github.mmsdk.api.cycle.CycleStep;
import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.health.HealthStatus;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.notify.NotificationPriority;
import io.github.mmsdk.api.notify.Notifier;
import io.github.mmsdk.api.regime.RegimeState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns faults of the system itself into operational alerts delivered through a {@link Notifier}: a
 * {@link CycleListener} to wire into the facade (combine it with others through {@link
 * CycleListeners#composite}).
 *
 * <p>Each fault is an incident keyed by its {@link AlertKind} and subject ({@code exchange}, {@code
 * store}, {@code notifier}, or the symbol for slow cycles, stale data and risk limits). An incident
 * gives one alert (kind {@code OPERATIONAL_ALERT}, the kind's priority) when it starts, at most one
 * reminder per {@link AlertPolicy#reminderInterval(AlertKind) window} while it lasts, and one
 * {@code RECOVERY} message (priority LOW) when it clears. Every message says what to check.
 * Conditions are evaluated when a cycle finishes ({@link #cycleFinished}) and, for the exchange
 * circuit and dead letters, whenever a host passes a health tree to {@link #checkHealth}:
 *
 * <ul>
 *   <li>{@link AlertKind#EXCHANGE_DOWN}: an exchange health node with detail {@code circuit=OPEN}
 *       or status DOWN, or a symbol whose {@code FETCH_DATA} step failed in {@link
 *       AlertPolicy#fetchFailuresBeforeAlert()} consecutive cycles;
 *   <li>{@link AlertKind#SLOW_CYCLE}: {@link CycleResult#duration()} over {@link
 *       AlertPolicy#slowCycleThreshold()};
 *   <li>{@link AlertKind#STORE_FAILING}: {@link AlertPolicy#storeFailuresBeforeAlert()} consecutive
 *       cycles whose {@code STORE} step failed or whose store health is DOWN or carries {@code
 *       last_push_error};
 *   <li>{@link AlertKind#DATA_STALE}: the regime's {@code asOf} (the close of the newest candle
 *       seen) lags the cycle's decision time by more than {@link AlertPolicy#staleDataThreshold()},
 *       or the fetch succeeded but gave no candles;
 *   <li>{@link AlertKind#RISK_LIMIT}: a recommendation carries {@link
 *       io.github.mmsdk.api.decision.Recommendation#vetoes() vetoes};
 *   <li>{@link AlertKind#DEAD_LETTERS}: notifier health details {@code dead_letters_pending} (or
 *       {@code dead_letters}) reach {@link AlertPolicy#deadLettersBeforeAlert()}.
 * </ul>
 *
 * <p>Time comes from the injected {@link Clock}. Thread-safe; notifications are delivered outside
 * the internal lock, and a failing notifier is logged, never thrown.
 */
public final class OperationalAlerts implements CycleListener {

  private static final Logger LOG = LoggerFactory.getLogger(OperationalAlerts.class);
  private static final String EXCHANGE = "exchange";
  private static final String STORE = "store";
  private static final String NOTIFIER = "notifier";

  private final Notifier notifier;
  private final Clock clock;
  private final AlertPolicy policy;
  private final Map<Symbol, Set<CycleStep>> failedSteps = new ConcurrentHashMap<>();

  private final Object lock = new Object();
  private final Map<Symbol, Integer> fetchFailures = new TreeMap<>();
  private int storeFailures;
  private boolean circuitOpen;
  private final Map<String, Open> open = new LinkedHashMap<>();

  /** An incident while it lasts (guarded by {@code lock}). */
  private static final class Open {
    final AlertKind kind;
    final String subject;
    final Instant since;
    Instant lastNotified;
    int reminders;
    String message;

    Open(AlertKind kind, String subject, Instant since, String message) {
      this.kind = kind;
      this.subject = subject;
      this.since = since;
      this.lastNotified = since;
      this.message = message;
    }
  }

  /**
   * Alerts with the {@link AlertPolicy#defaults() default policy}.
   *
   * @param notifier where alerts go
   * @param clock the time source for incidents and reminder windows
   */
  public OperationalAlerts(Notifier notifier, Clock clock) {
    this(notifier, clock, AlertPolicy.defaults());
  }

  /**
   * Alerts with a policy.
   *
   * @param notifier where alerts go
   * @param clock the time source for incidents and reminder windows
   * @param policy thresholds, windows and priorities
   */
  public OperationalAlerts(Notifier notifier, Clock clock, AlertPolicy policy) {
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** {@return the policy} */
  public AlertPolicy policy() {
    return policy;
  }

  @Override
  public void cycleStarted(Symbol symbol, Instant asOf, String correlationId) {
    failedSteps.put(symbol, newStepSet());
  }

  @Override
  public void stepFinished(Symbol symbol, CycleStep step, Duration duration, boolean succeeded) {
    if (!succeeded) {
      failedSteps.computeIfAbsent(symbol, s -> newStepSet()).add(step);
    }
  }

  private static Set<CycleStep> newStepSet() {
    return Collections.synchronizedSet(EnumSet.noneOf(CycleStep.class));
  }

  /**
   * Evaluates every condition against a finished cycle and sends what is due.
   *
   * @param result the cycle's result
   */
  @Override
  public void cycleFinished(CycleResult result) {
    List<Notification> out = new ArrayList<>();
    synchronized (lock) {
      evaluate(result, out);
    }
    deliver(out);
  }

  /**
   * Evaluates the health-only conditions (exchange circuit, dead letters) between cycles, e.g. from
   * a periodic health probe.
   *
   * @param health an aggregated health tree
   */
  public void checkHealth(Health health) {
    List<Notification> out = new ArrayList<>();
    synchronized (lock) {
      Instant now = clock.instant();
      circuitOpen = exchangeUnavailable(health);
      updateExchange(now, out);
      updateDeadLetters(health, now, out);
    }
    deliver(out);
  }

  /** {@return the incidents alerted and not yet cleared, oldest first} */
  public List<Incident> openIncidents() {
    synchronized (lock) {
      List<Incident> list = new ArrayList<>();
      for (Open o : open.values()) {
        list.add(
            new Incident.Builder()
                .kind(o.kind)
                .subject(o.subject)
                .since(o.since)
                .lastNotified(o.lastNotified)
                .reminders(o.reminders)
                .message(o.message)
                .build());
      }
      return list;
    }
  }

  private void evaluate(CycleResult r, List<Notification> out) {
    Instant now = clock.instant();
    Symbol symbol = r.symbol();
    Set<CycleStep> failed = EnumSet.noneOf(CycleStep.class);
    Set<CycleStep> heard = failedSteps.remove(symbol);
    if (heard != null) {
      failed.addAll(heard);
    }
    failed.addAll(r.failedSteps());
    boolean fetchFailed = failed.contains(CycleStep.FETCH_DATA);

    // exchange
    fetchFailures.put(symbol, fetchFailed ? fetchFailures.getOrDefault(symbol, 0) + 1 : 0);
    circuitOpen = exchangeUnavailable(r.health());
    updateExchange(now, out);

    // slow cycle
    Duration took = r.duration();
    update(
        AlertKind.SLOW_CYCLE,
        symbol.toString(),
        took.compareTo(policy.slowCycleThreshold()) > 0,
        "The cycle of "
            + symbol
            + " at "
            + r.asOf()
            + " took "
            + took.toSeconds()
            + " s (threshold "
            + policy.slowCycleThreshold().toSeconds()
            + " s).",
        now,
        out);

    // store
    boolean storeBad = failed.contains(CycleStep.STORE) || storeUnhealthy(r.health());
    storeFailures = storeBad ? storeFailures + 1 : 0;
    update(
        AlertKind.STORE_FAILING,
        STORE,
        storeFailures >= policy.storeFailuresBeforeAlert(),
        "The store failed to write or push in "
            + storeFailures
            + " consecutive cycles (latest: "
            + symbol
            + " at "
            + r.asOf()
            + ")"
            + firstReason(r, "store:").map(s -> ": " + s).orElse("")
            + ".",
        now,
        out);

    // stale data: unknown when the fetch itself failed (that is the exchange's incident)
    Optional<Duration> lag =
        r.regime().map(RegimeState::asOf).map(t -> Duration.between(t, r.asOf()));
    boolean noCandles = r.regime().isEmpty() && firstReason(r, "regime: no ").isPresent();
    if (lag.isPresent() || noCandles || !fetchFailed) {
      boolean stale =
          lag.map(d -> d.compareTo(policy.staleDataThreshold()) > 0)
              .orElse(noCandles && !fetchFailed);
      update(
          AlertKind.DATA_STALE,
          symbol.toString(),
          stale,
          lag.map(
                  d ->
                      "The newest candle of "
                          + symbol
                          + " closed "
                          + d.toMinutes()
                          + " min before the decision time "
                          + r.asOf()
                          + " (threshold "
                          + policy.staleDataThreshold().toMinutes()
                          + " min).")
              .orElse("The exchange returned no candles for " + symbol + " at " + r.asOf() + "."),
          now,
          out);
    }

    // risk limits
    List<String> vetoes = new ArrayList<>();
    r.recommendations().forEach(rec -> vetoes.addAll(rec.vetoes()));
    update(
        AlertKind.RISK_LIMIT,
        symbol.toString(),
        !vetoes.isEmpty(),
        "A risk check vetoed a recommendation on "
            + symbol
            + ": "
            + String.join("; ", vetoes)
            + ".",
        now,
        out);

    updateDeadLetters(r.health(), now, out);
  }

  private void updateExchange(Instant now, List<Notification> out) {
    List<String> failing = new ArrayList<>();
    fetchFailures.forEach(
        (s, n) -> {
          if (n >= policy.fetchFailuresBeforeAlert()) {
            failing.add(s + " (" + n + " cycles)");
          }
        });
    String message =
        circuitOpen
            ? "The exchange circuit is open or the exchange reports DOWN; calls are paused."
            : "Fetching market data failed in consecutive cycles for "
                + String.join(", ", failing)
                + ".";
    update(AlertKind.EXCHANGE_DOWN, EXCHANGE, circuitOpen || !failing.isEmpty(), message, now, out);
  }

  private void updateDeadLetters(Health health, Instant now, List<Notification> out) {
    long pending = deadLetters(health);
    update(
        AlertKind.DEAD_LETTERS,
        NOTIFIER,
        pending >= policy.deadLettersBeforeAlert(),
        pending + " notifications are undelivered and waiting as dead letters.",
        now,
        out);
  }

  private void update(
      AlertKind kind,
      String subject,
      boolean active,
      String message,
      Instant now,
      List<Notification> out) {
    String key = kind + "/" + subject;
    Open o = open.get(key);
    if (active) {
      if (o == null) {
        o = new Open(kind, subject, now, message);
        open.put(key, o);
        LOG.warn("operational alert kind={} subject={} message=\"{}\"", kind, subject, message);
        out.add(notification(o, Stage.ALERT, now));
      } else {
        o.message = message;
        if (!now.isBefore(o.lastNotified.plus(policy.reminderInterval(kind)))) {
          o.reminders++;
          o.lastNotified = now;
          LOG.warn(
              "operational alert reminder kind={} subject={} since={} reminder={}",
              kind,
              subject,
              o.since,
              o.reminders);
          out.add(notification(o, Stage.REMINDER, now));
        }
      }
    } else if (o != null) {
      open.remove(key);
      LOG.info("operational alert cleared kind={} subject={} since={}", kind, subject, o.since);
      out.add(notification(o, Stage.RECOVERY, now));
    }
  }

  private enum Stage {
    ALERT,
    REMINDER,
    RECOVERY
  }

  private Notification notification(Open o, Stage stage, Instant now) {
    String base =
        "ops-"
            + o.kind.slug()
            + "-"
            + o.subject.replaceAll("[^A-Za-z0-9._-]", "_")
            + "-"
            + o.since.getEpochSecond();
    Notification.Builder b = new Notification.Builder();
    b.createdAt(now)
        .putField("alert", o.kind.name())
        .putField("subject", o.subject)
        .putField("since", o.since.toString());
    switch (stage) {
      case ALERT:
        b.id(base)
            .kind(Notification.Kind.OPERATIONAL_ALERT)
            .priority(policy.priority(o.kind))
            .title(o.kind.title() + ": " + o.subject)
            .message(o.message + "\nCheck: " + o.kind.whatToCheck());
        break;
      case REMINDER:
        b.id(base + "-reminder-" + o.reminders)
            .kind(Notification.Kind.OPERATIONAL_ALERT)
            .priority(policy.priority(o.kind))
            .title("Still: " + o.kind.title() + ": " + o.subject)
            .message(
                o.message
                    + "\nOngoing since "
                    + o.since
                    + " (reminder "
                    + o.reminders
                    + ").\nCheck: "
                    + o.kind.whatToCheck())
            .putField("reminder", Integer.toString(o.reminders));
        break;
      default:
        b.id(base + "-recovered")
            .kind(Notification.Kind.RECOVERY)
            .priority(NotificationPriority.LOW)
            .title("Recovered: " + o.kind.title() + ": " + o.subject)
            .message(
                o.kind.title()
                    + " on "
                    + o.subject
                    + " has cleared after "
                    + Duration.between(o.since, now).toMinutes()
                    + " min.");
        break;
    }
    if (stage != Stage.RECOVERY) {
      b.putField("check", o.kind.whatToCheck());
    }
    symbolOf(o).ifPresent(b::symbol);
    return b.build();
  }

  private static Optional<Symbol> symbolOf(Open o) {
    if (o.kind == AlertKind.SLOW_CYCLE
        || o.kind == AlertKind.DATA_STALE
        || o.kind == AlertKind.RISK_LIMIT) {
      try {
        return Optional.of(Symbol.parse(o.subject));
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private void deliver(List<Notification> out) {
    for (Notification n : out) {
      try {
        notifier.deliver(n);
      } catch (RuntimeException e) {
        LOG.warn("operational alert not delivered id={} error={}", n.id(), e.toString());
      }
    }
  }

  private static Optional<String> firstReason(CycleResult r, String prefix) {
    return r.incompleteReasons().stream().filter(s -> s.startsWith(prefix)).findFirst();
  }

  private static boolean exchangeUnavailable(Health h) {
    if (h.component().startsWith(EXCHANGE)
        && (h.status() == HealthStatus.DOWN
            || "OPEN".equalsIgnoreCase(h.details().getOrDefault("circuit", "")))) {
      return true;
    }
    return h.components().stream().anyMatch(OperationalAlerts::exchangeUnavailable);
  }

  private static boolean storeUnhealthy(Health h) {
    if (h.component().startsWith(STORE)
        && (h.status() == HealthStatus.DOWN || h.details().containsKey("last_push_error"))) {
      return true;
    }
    return h.components().stream().anyMatch(OperationalAlerts::storeUnhealthy);
  }

  /** Dead letters pending: a node's own count, else the sum of its parts'. */
  static long deadLetters(Health h) {
    for (String key : List.of("dead_letters_pending", "dead_letters")) {
      String v = h.details().get(key);
      if (v != null) {
        try {
          return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    long sum = 0;
    for (Health part : h.components()) {
      sum += deadLetters(part);
    }
    return sum;
  }
}
