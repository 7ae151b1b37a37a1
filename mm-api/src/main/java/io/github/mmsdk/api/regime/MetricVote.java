package io.github.mmsdk.api.regime;

import io.github.mmsdk.api.internal.MmValue;
import org.immutables.value.Value;

/** One metric's value and vote, with the threshold reasoning behind it. */
@MmValue
@Value.Immutable
public abstract class MetricVote {

  MetricVote() {}

  /** {@return the metric} */
  @Value.Parameter
  public abstract MetricId metric();

  /** {@return the metric's value} */
  @Value.Parameter
  public abstract double value();

  /** {@return the vote} */
  @Value.Parameter
  public abstract Vote vote();

  /** {@return why, e.g. {@code adx 31.2 > 25 (trend)}} */
  @Value.Parameter
  public abstract String reason();

  /**
   * Creates a vote.
   *
   * @param metric the metric
   * @param value its value
   * @param vote the vote
   * @param reason why
   * @return the vote
   */
  public static MetricVote of(MetricId metric, double value, Vote vote, String reason) {
    return ImmutableMetricVote.of(metric, value, vote, reason);
  }
}
