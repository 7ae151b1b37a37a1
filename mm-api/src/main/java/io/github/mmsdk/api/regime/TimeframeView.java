package io.github.mmsdk.api.regime;

import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.internal.MmValue;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/** What the metrics say on one timeframe: the 4h confirmation view of a {@link RegimeState}. */
@MmValue
@Value.Immutable
public abstract class TimeframeView {

  TimeframeView() {}

  /** {@return the timeframe} */
  public abstract Timeframe timeframe();

  /** {@return the verdict on this timeframe alone} */
  public abstract RegimeVerdict verdict();

  /** {@return the available metric values} */
  public abstract Map<MetricId, Double> metrics();

  /** {@return the votes} */
  public abstract List<MetricVote> votes();

  /** Builds a {@link TimeframeView}. */
  public static final class Builder extends ImmutableTimeframeView.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
