package io.github.mmsdk.notify;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.notify.NotificationPriority;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Notifications about the system itself (kind {@code OPERATIONAL_ALERT}), each type with its own
 * priority (seed 001, "Alert thresholds"). Ids are deterministic ({@code
 * alert-<type>-<subject>-<unix seconds>}), so raising the same alert twice in a cycle delivers it
 * once.
 */
public final class AlertMessages {
  /** A cycle slower than this is a warning (NORMAL priority). */
  public static final Duration SLOW_CYCLE_WARNING = Duration.ofMinutes(1);

  /** A cycle slower than this is an error (HIGH priority). */
  public static final Duration SLOW_CYCLE_ERROR = Duration.ofMinutes(5);

  private AlertMessages() {}

  /** The kinds of operational alert and their default priorities. */
  public enum Type {
    /** A circuit breaker opened after repeated failures of a dependency. */
    CIRCUIT_OPEN(NotificationPriority.HIGH, "Circuit open"),
    /** A decision cycle took too long. */
    CYCLE_TOO_SLOW(NotificationPriority.NORMAL, "Cycle too slow"),
    /** Pushing the decision store to its remote keeps failing. */
    PUSH_FAILING(NotificationPriority.NORMAL, "Store push failing"),
    /** Undelivered notifications are piling up in the dead-letter sink. */
    DEAD_LETTERS_PILING_UP(NotificationPriority.HIGH, "Dead letters piling up"),
    /** A risk limit was hit. */
    RISK_LIMIT_HIT(NotificationPriority.HIGH, "Risk limit hit"),
    /** Market data is older than it should be. */
    STALE_DATA(NotificationPriority.NORMAL, "Stale market data");

    private final NotificationPriority priority;
    private final String title;

    Type(NotificationPriority priority, String title) {
      this.priority = priority;
      this.title = title;
    }

    /** {@return the default priority of this alert} */
    public NotificationPriority priority() {
      return priority;
    }

    /** {@return the title of this alert} */
    public String title() {
      return title;
    }
  }

  /**
   * An operational alert.
   *
   * @param type the alert type
   * @param priority the priority
   * @param subject what it concerns (component, remote, symbol, limit)
   * @param message what happened, plainly
   * @param action what the operator should do
   * @param fields further facts, in display order
   * @param at when it was raised
   * @return the notification
   */
  public static Notification alert(
      Type type,
      NotificationPriority priority,
      String subject,
      String message,
      String action,
      Map<String, String> fields,
      Instant at) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("alert", type.name());
    all.put("subject", subject);
    all.putAll(fields);
    all.put("action", action);
    return new Notification.Builder()
        .id(id("alert", type, subject, at))
        .kind(Notification.Kind.OPERATIONAL_ALERT)
        .priority(priority)
        .title(type.title() + ": " + subject)
        .message(message)
        .createdAt(at)
        .putAllFields(all)
        .build();
  }

  // deterministic: <prefix>-<type>-<subject>-<unix seconds>
  private static String id(String prefix, Type type, String subject, Instant at) {
    return prefix
        + "-"
        + type.name().toLowerCase(Locale.ROOT).replace('_', '-')
        + "-"
        + subject.replaceAll("[^A-Za-z0-9._-]", "_")
        + "-"
        + at.getEpochSecond();
  }

  /**
   * A circuit breaker opened (HIGH).
   *
   * @param component the protected dependency, e.g. {@code exchange:kucoin}
   * @param consecutiveFailures the failures that opened it
   * @param at when
   * @return the notification
   */
  public static Notification circuitOpen(String component, int consecutiveFailures, Instant at) {
    return alert(
        Type.CIRCUIT_OPEN,
        Type.CIRCUIT_OPEN.priority(),
        component,
        component + " failed " + consecutiveFailures + " times in a row; calls are paused.",
        "check " + component + "; the circuit closes by itself when calls succeed again",
        Map.of("consecutive_failures", Integer.toString(consecutiveFailures)),
        at);
  }

  /**
   * A decision cycle was slow: NORMAL above {@link #SLOW_CYCLE_WARNING}, HIGH above {@link
   * #SLOW_CYCLE_ERROR}.
   *
   * @param took how long the cycle took
   * @param at when
   * @return the notification
   */
  public static Notification cycleTooSlow(Duration took, Instant at) {
    boolean error = took.compareTo(SLOW_CYCLE_ERROR) > 0;
    return alert(
        Type.CYCLE_TOO_SLOW,
        error ? NotificationPriority.HIGH : Type.CYCLE_TOO_SLOW.priority(),
        "cycle",
        "The decision cycle took " + took.toSeconds() + " s.",
        "check exchange latency and the store; decisions may be late",
        Map.of(
            "duration_seconds",
            Long.toString(took.toSeconds()),
            "threshold_seconds",
            Long.toString((error ? SLOW_CYCLE_ERROR : SLOW_CYCLE_WARNING).toSeconds())),
        at);
  }

  /**
   * Pushing the store keeps failing (NORMAL): local commits are safe, the remote is behind.
   *
   * @param remote the remote's name
   * @param consecutiveFailures the failed pushes in a row
   * @param at when
   * @return the notification
   */
  public static Notification pushFailing(String remote, int consecutiveFailures, Instant at) {
    return alert(
        Type.PUSH_FAILING,
        Type.PUSH_FAILING.priority(),
        remote,
        "Pushing to " + remote + " failed " + consecutiveFailures + " times; commits stay local.",
        "check the remote's credentials and reachability",
        Map.of("consecutive_failures", Integer.toString(consecutiveFailures)),
        at);
  }

  /**
   * Dead letters are piling up (HIGH): notifications are not reaching the operator.
   *
   * @param pending the dead letters waiting
   * @param oldest the age of the oldest
   * @param at when
   * @return the notification
   */
  public static Notification deadLettersPilingUp(int pending, Duration oldest, Instant at) {
    return alert(
        Type.DEAD_LETTERS_PILING_UP,
        Type.DEAD_LETTERS_PILING_UP.priority(),
        "notifier",
        pending + " notifications are undelivered, the oldest for " + oldest.toMinutes() + " min.",
        "check the notification channels' credentials and reachability",
        Map.of(
            "pending",
            Integer.toString(pending),
            "oldest_minutes",
            Long.toString(oldest.toMinutes())),
        at);
  }

  /**
   * A risk limit was hit (HIGH).
   *
   * @param limit the limit's name, e.g. {@code max_capital_per_grid}
   * @param detail the value against the limit, plainly
   * @param symbol the symbol concerned
   * @param at when
   * @return the notification
   */
  public static Notification riskLimitHit(String limit, String detail, Symbol symbol, Instant at) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("limit", limit);
    fields.put("symbol", symbol.toString());
    fields.put("detail", detail);
    return alert(
        Type.RISK_LIMIT_HIT,
        Type.RISK_LIMIT_HIT.priority(),
        symbol + "-" + limit,
        "Risk limit " + limit + " hit on " + symbol + ": " + detail,
        "do not add capital to " + symbol + " until the limit clears",
        fields,
        at);
  }

  /**
   * Market data is stale (NORMAL): decisions wait for fresh candles.
   *
   * @param symbol the symbol
   * @param age the age of the newest candle
   * @param at when
   * @return the notification
   */
  public static Notification staleData(Symbol symbol, Duration age, Instant at) {
    return alert(
        Type.STALE_DATA,
        Type.STALE_DATA.priority(),
        symbol.toString(),
        "The newest candle of " + symbol + " is " + age.toMinutes() + " min old.",
        "check the exchange connection; no decision is made on stale data",
        Map.of("age_minutes", Long.toString(age.toMinutes())),
        at);
  }

  /**
   * A fault has cleared (LOW, kind {@code RECOVERY}).
   *
   * @param type the alert that cleared
   * @param subject what it concerned
   * @param at when
   * @return the notification
   */
  public static Notification recovered(Type type, String subject, Instant at) {
    return new Notification.Builder()
        .id(id("recovery", type, subject, at))
        .kind(Notification.Kind.RECOVERY)
        .priority(NotificationPriority.LOW)
        .title("Recovered: " + type.title() + ": " + subject)
        .message(type.title() + " on " + subject + " has cleared.")
        .createdAt(at)
        .putField("alert", type.name())
        .putField("subject", subject)
        .build();
  }
}
