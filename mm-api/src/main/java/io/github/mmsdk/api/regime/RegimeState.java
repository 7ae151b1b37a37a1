package io.github.mmsdk.api.regime;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.internal.MmValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.immutables.value.Value;

/**
 * The regime of a symbol at one decision time: verdict, conservative confidence, the six metric
 * values (an unavailable metric is absent from {@link #metrics()} and named with its cause in
 * {@link #unavailable()}), the votes, the 4h confirmation, penalties, reasons and, after a stop,
 * the restart gates.
 */
@MmValue
@Value.Immutable
public abstract class RegimeState {

  RegimeState() {}

  /** {@return the symbol} */
  public abstract Symbol symbol();

  /** {@return the decision time: the close of the last candle seen} */
  public abstract Instant asOf();

  /** {@return the primary timeframe} */
  @Value.Default
  public Timeframe timeframe() {
    return Timeframe.H1;
  }

  /** {@return the verdict} */
  public abstract RegimeVerdict verdict();

  /** {@return the confidence in the verdict, in [0, 0.95]} */
  public abstract double confidence();

  /** {@return the available primary-timeframe metric values} */
  public abstract Map<MetricId, Double> metrics();

  /** {@return the unavailable metrics with their cause} */
  public abstract Map<MetricId, String> unavailable();

  /** {@return the primary-timeframe votes} */
  public abstract List<MetricVote> votes();

  /** {@return the confirmation timeframe's view, when it could be computed} */
  public abstract Optional<TimeframeView> confirmation();

  /** {@return the penalties deducted from the confidence} */
  public abstract List<ConfidencePenalty> penalties();

  /** {@return the reasons for the verdict, for the operator} */
  public abstract List<String> reasons();

  /** {@return the restart gates, when a stopped grid asked for them} */
  public abstract Optional<GateEvaluation> gates();

  /**
   * One metric's value.
   *
   * @param metric the metric
   * @return its value, or empty when unavailable
   */
  public OptionalDouble metric(MetricId metric) {
    Double v = metrics().get(metric);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  /** {@return whether some metric was unavailable and the verdict rests on fewer than six} */
  public boolean isDegraded() {
    return !unavailable().isEmpty();
  }

  @Value.Check
  void check() {
    if (!(confidence() >= 0 && confidence() <= 0.95)) {
      throw new InvalidConfigurationException(
          "regime.confidence", "must be in [0, 0.95], was " + confidence());
    }
  }

  /** Builds a {@link RegimeState}. */
  public static final class Builder extends ImmutableRegimeState.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
