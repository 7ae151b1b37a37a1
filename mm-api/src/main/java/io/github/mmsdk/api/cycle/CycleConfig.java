package io.github.mmsdk.api.cycle;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.internal.MmValue;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * How the facade runs a cycle. Defaults follow seed 001: hourly cadence, 1h primary and 4h
 * confirmation candles, lookbacks of 21 d (1m), 120 d (15m), 270 d (1h) and 540 d (4h), a warning
 * past one minute and an error past five.
 */
@MmValue
@Value.Immutable
public abstract class CycleConfig {

  CycleConfig() {}

  /** {@return the seed's lookback per timeframe} */
  public static Map<Timeframe, Duration> defaultLookbacks() {
    Map<Timeframe, Duration> m = new EnumMap<>(Timeframe.class);
    m.put(Timeframe.M1, Duration.ofDays(21));
    m.put(Timeframe.M15, Duration.ofDays(120));
    m.put(Timeframe.H1, Duration.ofDays(270));
    m.put(Timeframe.H4, Duration.ofDays(540));
    return m;
  }

  /** {@return the cadence cycles run at: one hour by default, 15 minutes supported} */
  @Value.Default
  public Duration cadence() {
    return Duration.ofHours(1);
  }

  /** {@return the timeframes each cycle loads; the first is the primary} */
  @Value.Default
  public List<Timeframe> timeframes() {
    return List.of(Timeframe.H1, Timeframe.H4);
  }

  /** {@return how much history to load per timeframe} */
  @Value.Default
  public Map<Timeframe, Duration> lookbacks() {
    return defaultLookbacks();
  }

  /** {@return the currency capital is counted in} */
  @Value.Default
  public String quoteCurrency() {
    return "USDT";
  }

  /** {@return how far back recent decisions are loaded, for cooldowns and timeouts} */
  @Value.Default
  public Duration decisionMemory() {
    return Duration.ofDays(2);
  }

  /** {@return the cycle duration past which a warning is logged} */
  @Value.Default
  public Duration slowCycleWarning() {
    return Duration.ofMinutes(1);
  }

  /** {@return the cycle duration past which an error is logged} */
  @Value.Default
  public Duration slowCycleError() {
    return Duration.ofMinutes(5);
  }

  /**
   * {@return whether auto-executable, risk-reducing recommendations run through an exchange that
   * offers grid execution}
   */
  @Value.Default
  public boolean executeCommands() {
    return true;
  }

  /** {@return how far back the start-up reconciliation looks for commands left pending} */
  @Value.Default
  public Duration reconcileLookback() {
    return Duration.ofDays(7);
  }

  /** {@return whether cycles grade matured decisions} */
  @Value.Default
  public boolean gradeDecisions() {
    return true;
  }

  /**
   * The lookback of a timeframe.
   *
   * @param timeframe the timeframe
   * @return its lookback
   */
  public Duration lookback(Timeframe timeframe) {
    Duration d = lookbacks().get(timeframe);
    return d != null ? d : timeframe.duration().multipliedBy(500);
  }

  /** {@return the primary timeframe} */
  public Timeframe primary() {
    return timeframes().get(0);
  }

  @Value.Check
  void check() {
    if (timeframes().isEmpty()) {
      throw new InvalidConfigurationException("cycle.timeframes", "must name at least one");
    }
    if (cadence().isZero() || cadence().isNegative()) {
      throw new InvalidConfigurationException("cycle.cadence", "must be positive");
    }
  }

  /** {@return the defaults} */
  public static CycleConfig defaults() {
    return new Builder().build();
  }

  /** Builds a {@link CycleConfig}. */
  public static final class Builder extends ImmutableCycleConfig.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
