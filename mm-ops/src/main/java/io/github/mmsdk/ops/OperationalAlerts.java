package io.github.mmsdk.ops;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.cycle.CycleListener;
import io.github.mmsdk.api.cycle.CycleResult;
import io.github.mmsdk.api.cycle.CycleStep;
import io.github.mmsdk.api.decision.ControlRecord;
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
 *       io.github.mmsdk.api.decision.Recommendation#vetoes() vetoes} of a risk check (daily loss,
 *       allocation limits, an unknown halt; not those of {@link AlertPolicy#quietVetoChecks()});
 *   <li>{@link AlertKind#DEAD_LETTERS}: notifier health details {@code dead_letters_pending} (or
 *       {@code dead_letters}) reach {@link AlertPolicy#deadLettersBeforeAlert()}.
 * </ul>
 *
 * <p>The operator's side is announced too, from the facade's control records: an operator halt
 * ({@link AlertKind#OPERATOR_HALT}, subject {@code trading}) once when {@link #control} or {@link
 * #checkHalt} first sees it, and a {@code RECOVERY} naming who resumed and why when it is lifted;
 * while the halt is known, the {@code global_halt} vetoes it causes are not also a risk-limit
 * incident. The start-up reconciliation's findings ({@link #reconciled}) go out as one {@link
 * AlertKind#RECONCILIATION} message.
 *
 * <pre>{@code
 * OperationalAlerts alerts = new OperationalAlerts(notifier, clock);
 * MarketMaker mm = MarketMaker.builder()...listener(alerts).build();
 * alerts.reconciled(mm.reconcile());
 * alerts.checkHalt(mm.haltState());
 * alerts.control(mm.halt("alice", "exchange maintenance")); // announced once
 * }</pre>
 *
 * <p>Time comes from the injected {@link Clock}. Thread-safe; notifications are delivered outside
 * the internal lock, and a failing notifier is logged, never thrown.
 */
public final class OperationalAlerts implements CycleListener {

  private static final Logger LOG = LoggerFactory.getLogger(OperationalAlerts.class);
  private static final String EXCHANGE = "exchange";
  private static final String STORE = "store";
  private static final String NOTIFIER = "notifier";
  private static final String TRADING = "trading";
  private static final String HALT_VETO = "global_halt:";

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
    String ref = "";

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
    boolean haltKnown = open.containsKey(key(AlertKind.OPERATOR_HALT, TRADING));
    r.recommendations()
        .forEach(
            rec ->
                rec.vetoes().stream()
                    .filter(v -> !(haltKnown && v.startsWith(HALT_VETO)))
                    .filter(policy::alertsOnVeto)
                    .forEach(vetoes::add));
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
    String key = key(kind, subject);
    Open o = open.get(key);
    if (active) {
      if (o == null) {
        raise(new Open(kind, subject, now, message), now, out);
      } else {
        o.message = message;
        remind(o, now, out);
      }
    } else if (o != null) {
      clear(o, now, o.kind.title() + " on " + o.subject + " has cleared", out);
    }
  }

  private static String key(AlertKind kind, String subject) {
    return kind + "/" + subject;
  }

  private void raise(Open o, Instant now, List<Notification> out) {
    open.put(key(o.kind, o.subject), o);
    LOG.warn("operational alert kind={} subject={} message=\"{}\"", o.kind, o.subject, o.message);
    out.add(notification(o, Stage.ALERT, now, ""));
  }

  private void remind(Open o, Instant now, List<Notification> out) {
    boolean reminds = o.kind.remindsByDefault() || policy.reminderIntervals().containsKey(o.kind);
    if (reminds && !now.isBefore(o.lastNotified.plus(policy.reminderInterval(o.kind)))) {
      o.reminders++;
      o.lastNotified = now;
      LOG.warn(
          "operational alert reminder kind={} subject={} since={} reminder={}",
          o.kind,
          o.subject,
          o.since,
          o.reminders);
      out.add(notification(o, Stage.REMINDER, now, ""));
    }
  }

  private void clear(Open o, Instant now, String what, List<Notification> out) {
    open.remove(key(o.kind, o.subject));
    LOG.info("operational alert cleared kind={} subject={} since={}", o.kind, o.subject, o.since);
    out.add(notification(o, Stage.RECOVERY, now, what));
  }

  /**
   * Announces the operator's control records: a {@code HALT} opens the {@link
   * AlertKind#OPERATOR_HALT} incident (announced once; the same halt seen again is not repeated), a
   * {@code RESUME} clears it with a recovery message naming who resumed and why (sent even when
   * this instance never saw the halt, e.g. a {@code runner resume} process). Other kinds are
   * ignored: findings go through {@link #reconciled}.
   *
   * @param record a record returned by {@code MarketMaker.halt}, {@code resume} or {@code
   *     haltState}
   */
  public void control(ControlRecord record) {
    List<Notification> out = new ArrayList<>();
    synchronized (lock) {
      Instant now = clock.instant();
      if (record.kind() == ControlRecord.Kind.HALT) {
        halted(record, now, out);
      } else if (record.kind() == ControlRecord.Kind.RESUME) {
        String who =
            "Trading resumed by "
                + record.actor()
                + (record.reason().isBlank() ? "" : ": " + record.reason());
        Open o = open.get(key(AlertKind.OPERATOR_HALT, TRADING));
        if (o == null) {
          o = new Open(AlertKind.OPERATOR_HALT, TRADING, record.at(), "");
          o.ref = record.id();
          LOG.info("operator resume actor={} reason={}", record.actor(), record.reason());
          out.add(notification(o, Stage.RECOVERY, now, who));
        } else {
          clear(o, now, who, out);
        }
      }
    }
    deliver(out);
  }

  /**
   * Compares the halt in force with what was announced, e.g. at start-up and after each cycle: a
   * halt not yet announced is announced once, an announced halt that is no longer in force is
   * cleared with a recovery message, and an ongoing one is repeated only when {@link
   * AlertPolicy#reminderIntervals()} names {@link AlertKind#OPERATOR_HALT}.
   *
   * @param halt the halt in force ({@code MarketMaker.haltState()}), empty when trading runs
   */
  public void checkHalt(Optional<ControlRecord> halt) {
    List<Notification> out = new ArrayList<>();
    synchronized (lock) {
      Instant now = clock.instant();
      Open o = open.get(key(AlertKind.OPERATOR_HALT, TRADING));
      if (halt.isPresent() && halt.get().kind() == ControlRecord.Kind.HALT) {
        halted(halt.get(), now, out);
      } else if (o != null) {
        clear(o, now, "Trading resumed (the halt is no longer in force)", out);
      }
    }
    deliver(out);
  }

  private void halted(ControlRecord halt, Instant now, List<Notification> out) {
    Open o = open.get(key(AlertKind.OPERATOR_HALT, TRADING));
    if (o != null && o.ref.equals(halt.id())) {
      remind(o, now, out);
      return;
    }
    if (o != null) {
      open.remove(key(AlertKind.OPERATOR_HALT, TRADING)); // a newer halt replaces it
    }
    Open n =
        new Open(
            AlertKind.OPERATOR_HALT,
            TRADING,
            halt.at(),
            "Trading was halted by "
                + halt.actor()
                + " at "
                + halt.at()
                + (halt.reason().isBlank() ? "." : ": " + halt.reason() + "."));
    n.ref = halt.id();
    n.lastNotified = now;
    raise(n, now, out);
  }

  /**
   * Announces the findings of a start-up reconciliation ({@code MarketMaker.reconcile()}) as one
   * {@link AlertKind#RECONCILIATION} message listing them all; nothing when there are none. Not an
   * incident: it is never repeated or cleared.
   *
   * @param findings the findings
   */
  public void reconciled(List<ControlRecord> findings) {
    List<ControlRecord> list =
        findings.stream().filter(r -> r.kind() == ControlRecord.Kind.FINDING).toList();
    if (list.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    StringBuilder sb = new StringBuilder();
    sb.append(list.size()).append(list.size() == 1 ? " finding" : " findings");
    sb.append(" at start-up:");
    for (ControlRecord r : list) {
      sb.append("\n- ").append(r.reason());
    }
    Open o = new Open(AlertKind.RECONCILIATION, "store", now, sb.toString());
    o.ref = list.get(0).id();
    LOG.warn("reconciliation findings count={}", list.size());
    deliver(List.of(notification(o, Stage.ALERT, now, "")));
  }

  private enum Stage {
    ALERT,
    REMINDER,
    RECOVERY
  }

  private Notification notification(Open o, Stage stage, Instant now, String what) {
    String base =
        "ops-"
            + o.kind.slug()
            + "-"
            + o.subject.replaceAll("[^A-Za-z0-9._-]", "_")
            + "-"
            + (o.ref.isEmpty() ? Long.toString(o.since.getEpochSecond()) : safe(o.ref));
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
            .title(
                o.kind == AlertKind.OPERATOR_HALT
                    ? "Trading resumed"
                    : "Recovered: " + o.kind.title() + ": " + o.subject)
            .message(recoveryMessage(o, now, what));
        break;
    }
    if (stage != Stage.RECOVERY) {
      b.putField("check", o.kind.whatToCheck());
    }
    symbolOf(o).ifPresent(b::symbol);
    return b.build();
  }

  private static String recoveryMessage(Open o, Instant now, String what) {
    long minutes = Duration.between(o.since, now).toMinutes();
    if (o.kind != AlertKind.OPERATOR_HALT) {
      return what + " after " + minutes + " min.";
    }
    if (o.message.isEmpty()) {
      return what + ".";
    }
    return what + ". Halted for " + minutes + " min. " + o.message;
  }

  private static String safe(String s) {
    return s.replaceAll("[^A-Za-z0-9._-]", "_");
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
