package io.github.mmsdk.exit;

import io.github.mmsdk.api.regime.MetricId;
import io.github.mmsdk.api.regime.RegimeState;
import io.github.mmsdk.api.regime.RegimeVerdict;
import io.github.mmsdk.api.regime.TimeframeView;
import java.util.Map;
import java.util.Optional;

/**
 * What the triggers read at one decision point, as primitives (reused between evaluations, so the
 * NORMAL path allocates nothing). A value that is {@code NaN} is unavailable.
 */
final class Signals {

  /** The six metrics count for the effective confidence. */
  static final int METRICS = MetricId.values().length;

  RegimeState regime;
  double adx = Double.NaN;
  double efficiencyRatio = Double.NaN;
  double autocorrelation = Double.NaN;
  double halfLife = Double.NaN;
  double normalizedSlope = Double.NaN;
  double bandwidth = Double.NaN;
  int availableMetrics;
  RegimeVerdict verdict;
  double confidence;

  /** Confidence scaled by the share of available metrics: missing metrics count against it. */
  double effectiveConfidence;

  /** The 4h verdict, or {@code null} when there is no confirmation view. */
  RegimeVerdict confirmation;

  double close = Double.NaN;
  double atr = Double.NaN;
  double lower;
  double upper;

  /** Consecutive closes of the running grid above the upper bound by the configured margin. */
  int hoursAbove;

  boolean hasPosition;
  double unrealizedPct = Double.NaN;
  double stopDistancePct = Double.NaN;

  /**
   * Reads a regime state; the same instance as last time is not read again (a host that feeds
   * candles more often than it recomputes the regime pays nothing for it).
   */
  void readRegime(RegimeState state) {
    if (state == regime) {
      return;
    }
    regime = state;
    Map<MetricId, Double> m = state.metrics();
    int n = 0;
    adx = finite(m.get(MetricId.ADX));
    efficiencyRatio = finite(m.get(MetricId.EFFICIENCY_RATIO));
    autocorrelation = finite(m.get(MetricId.AUTOCORRELATION));
    halfLife = halfLife(m.get(MetricId.OU_HALF_LIFE));
    normalizedSlope = finite(m.get(MetricId.NORMALIZED_SLOPE));
    bandwidth = finite(m.get(MetricId.BOLLINGER_BANDWIDTH));
    n += Double.isNaN(adx) ? 0 : 1;
    n += Double.isNaN(efficiencyRatio) ? 0 : 1;
    n += Double.isNaN(autocorrelation) ? 0 : 1;
    n += Double.isNaN(halfLife) ? 0 : 1;
    n += Double.isNaN(normalizedSlope) ? 0 : 1;
    n += Double.isNaN(bandwidth) ? 0 : 1;
    availableMetrics = n;
    verdict = state.verdict();
    confidence = state.confidence();
    effectiveConfidence = confidence * n / METRICS;
    confirmation = confirmationVerdict(state);
  }

  /**
   * The 4h verdict. {@code RegimeState.confirmation()} creates an {@code Optional} that the JDK 17
   * JIT does not always scalar-replace: 16 bytes per new regime state.
   */
  private static RegimeVerdict confirmationVerdict(RegimeState state) {
    Optional<TimeframeView> view = state.confirmation();
    return view.isPresent() ? view.get().verdict() : null;
  }

  /** Whether a metric present in the regime state is unusable here (NaN, or infinite). */
  static boolean unusable(MetricId id, Double v) {
    return v == null || v.isNaN() || (v.isInfinite() && !(id == MetricId.OU_HALF_LIFE && v > 0));
  }

  private static double finite(Double v) {
    return v == null || !Double.isFinite(v) ? Double.NaN : v;
  }

  /** The half-life may be +∞ (no mean reversion), which reads as "long". */
  private static double halfLife(Double v) {
    return v == null || v.isNaN() || v == Double.NEGATIVE_INFINITY ? Double.NaN : v;
  }
}
