package io.github.mmsdk.ops;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.notify.NotificationPriority;
import io.github.mmsdk.ops.internal.OpsValue;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.immutables.value.Value;

/**
 * When {@link OperationalAlerts} raises, repeats and clears an alert.
 *
 * <p>Defaults: 3 consecutive failed fetches make the exchange down (an open circuit at once); a
 * cycle over 5 min is slow; 3 consecutive cycles with a failed store write or push make the store
 * failing; a newest candle more than 2 h older than the decision time is stale; 3 pending dead
 * letters are piling up; one reminder per hour while an incident lasts; priorities from {@link
 * AlertKind#defaultPriority()}; vetoes of the checks {@code minimum_confidence}, {@code stale_data}
 * and {@code symbol_whitelist} are not risk limits.
 */
@OpsValue
@Value.Immutable
public abstract class AlertPolicy {

  AlertPolicy() {}

  /** {@return consecutive cycles with a failed fetch before the exchange is down (3)} */
  @Value.Default
  public int fetchFailuresBeforeAlert() {
    return 3;
  }

  /** {@return the cycle duration over which a cycle is slow (5 min)} */
  @Value.Default
  public Duration slowCycleThreshold() {
    return Duration.ofMinutes(5);
  }

  /** {@return consecutive cycles with a failed store write or push before alerting (3)} */
  @Value.Default
  public int storeFailuresBeforeAlert() {
    return 3;
  }

  /** {@return how far the newest candle may lag the decision time (2 h)} */
  @Value.Default
  public Duration staleDataThreshold() {
    return Duration.ofHours(2);
  }

  /** {@return pending dead letters at which they are piling up (3)} */
  @Value.Default
  public int deadLettersBeforeAlert() {
    return 3;
  }

  /**
   * {@return the rate-limit window: at most one reminder per window while an incident lasts (1 h)}
   */
  @Value.Default
  public Duration reminderInterval() {
    return Duration.ofHours(1);
  }

  /**
   * {@return the pre-trade checks whose vetoes are not a {@link AlertKind#RISK_LIMIT}: by default
   * {@code minimum_confidence} (a low-confidence setup is routine, not a limit hit), {@code
   * stale_data} ({@link AlertKind#DATA_STALE} covers it) and {@code symbol_whitelist} (a
   * configuration choice)}
   *
   * <p>A veto reads {@code <check>: <reason>}; one whose check is listed here is ignored.
   */
  @Value.Default
  public Set<String> quietVetoChecks() {
    return Set.of("minimum_confidence", "stale_data", "symbol_whitelist");
  }

  /**
   * Whether a veto is a risk limit worth an alert.
   *
   * @param veto a veto as a recommendation carries it, {@code <check>: <reason>}
   * @return {@code false} when its check is in {@link #quietVetoChecks()}
   */
  public boolean alertsOnVeto(String veto) {
    int colon = veto.indexOf(':');
    return colon < 0 || !quietVetoChecks().contains(veto.substring(0, colon).trim());
  }

  /** {@return per-kind reminder windows overriding {@link #reminderInterval()}} */
  public abstract Map<AlertKind, Duration> reminderIntervals();

  /** {@return per-kind priorities overriding {@link AlertKind#defaultPriority()}} */
  public abstract Map<AlertKind, NotificationPriority> priorities();

  /**
   * The priority of a kind of alert.
   *
   * @param kind the kind
   * @return the override, or the kind's default
   */
  public NotificationPriority priority(AlertKind kind) {
    return priorities().getOrDefault(kind, kind.defaultPriority());
  }

  /**
   * The reminder window of a kind of alert.
   *
   * @param kind the kind
   * @return the override, or {@link #reminderInterval()}
   */
  public Duration reminderInterval(AlertKind kind) {
    return reminderIntervals().getOrDefault(kind, reminderInterval());
  }

  @Value.Check
  void check() {
    positive("fetch_failures_before_alert", fetchFailuresBeforeAlert());
    positive("store_failures_before_alert", storeFailuresBeforeAlert());
    positive("dead_letters_before_alert", deadLettersBeforeAlert());
    positive("slow_cycle_threshold", slowCycleThreshold());
    positive("stale_data_threshold", staleDataThreshold());
    positive("reminder_interval", reminderInterval());
    reminderIntervals().forEach((k, d) -> positive("reminder_intervals." + k.slug(), d));
  }

  private static void positive(String key, int value) {
    if (value < 1) {
      throw new InvalidConfigurationException("alerts." + key, "must be at least 1, was " + value);
    }
  }

  private static void positive(String key, Duration value) {
    if (value.isZero() || value.isNegative()) {
      throw new InvalidConfigurationException("alerts." + key, "must be positive, was " + value);
    }
  }

  /** {@return the defaults} */
  public static AlertPolicy defaults() {
    return new Builder().build();
  }

  /** Builds an {@link AlertPolicy}. */
  public static final class Builder extends ImmutableAlertPolicy.Builder {
    /** Creates a builder with the defaults. */
    public Builder() {}
  }
}
