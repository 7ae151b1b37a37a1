package io.github.mmsdk.api;

import java.time.Duration;
import java.time.Instant;

/** A candle interval. Candles of every timeframe are aligned to UTC multiples of its length. */
public enum Timeframe {
  /** One minute. */
  M1("1m", Duration.ofMinutes(1)),
  /** Five minutes. */
  M5("5m", Duration.ofMinutes(5)),
  /** Fifteen minutes. */
  M15("15m", Duration.ofMinutes(15)),
  /** One hour: the primary decision timeframe. */
  H1("1h", Duration.ofHours(1)),
  /** Four hours: the confirmation timeframe, buckets starting 00, 04, 08, 12, 16, 20 UTC. */
  H4("4h", Duration.ofHours(4)),
  /** One day, starting at 00:00 UTC. */
  D1("1d", Duration.ofDays(1));

  private final String label;
  private final Duration duration;
  private final long millis;

  Timeframe(String label, Duration duration) {
    this.label = label;
    this.duration = duration;
    this.millis = duration.toMillis();
  }

  /** {@return the short label used in file names and configuration, e.g. {@code 1h}} */
  public String label() {
    return label;
  }

  /** {@return the length of one candle} */
  public Duration duration() {
    return duration;
  }

  /** {@return the length of one candle in milliseconds} */
  public long millis() {
    return millis;
  }

  /**
   * The open time of the candle that contains an instant.
   *
   * @param instant any instant
   * @return the start of its candle
   */
  public Instant floor(Instant instant) {
    return Instant.ofEpochMilli(floorMillis(instant.toEpochMilli()));
  }

  /**
   * The open time, in epoch milliseconds, of the candle that contains an epoch millisecond.
   *
   * @param epochMillis any epoch millisecond
   * @return the start of its candle
   */
  public long floorMillis(long epochMillis) {
    return Math.floorDiv(epochMillis, millis) * millis;
  }

  /**
   * Parses a label such as {@code 1h} or {@code 15m}.
   *
   * @param label the label
   * @return the timeframe
   * @throws InvalidConfigurationException when no timeframe has that label
   */
  public static Timeframe parse(String label) {
    for (Timeframe t : values()) {
      if (t.label.equalsIgnoreCase(label.trim())) {
        return t;
      }
    }
    throw new InvalidConfigurationException(
        "timeframe", "'" + label + "' is not one of 1m, 5m, 15m, 1h, 4h, 1d");
  }
}
