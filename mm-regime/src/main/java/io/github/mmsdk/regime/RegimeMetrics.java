package io.github.mmsdk.regime;

import io.github.mmsdk.api.regime.MetricId;
import io.github.mmsdk.api.regime.Vote;
import java.util.OptionalDouble;

/**
 * The six regime metrics of one timeframe, updated together: {@link Adx}, {@link EfficiencyRatio},
 * {@link Autocorrelation}, {@link OuHalfLife}, {@link NormalizedSlope} and {@link
 * BollingerBandwidth} with the windows of a {@link RegimeConfig}. One update validates the candle
 * once and computes one logarithm for the two log-return metrics; it is O(1), fixed memory and
 * allocation-free. Values are computed lazily on first read after an update. Not thread-safe.
 */
public final class RegimeMetrics {

  static final MetricId[] IDS = MetricId.values();

  final RegimeConfig config;
  final Adx adx;
  final EfficiencyRatio er;
  final Autocorrelation ac;
  final OuHalfLife ou;
  final NormalizedSlope ns;
  final BollingerBandwidth bb;
  private final double[] bwHistory; // NaN = unavailable
  private int bwPos;
  private long count;
  private double lastClose;

  /** Creates the six metrics with the default windows. */
  public RegimeMetrics() {
    this(RegimeConfig.defaults());
  }

  /**
   * Creates the six metrics.
   *
   * @param config the windows (thresholds are not used here)
   */
  public RegimeMetrics(RegimeConfig config) {
    this.config = config;
    adx = new Adx(config.adxPeriod());
    er = new EfficiencyRatio(config.efficiencyRatioPeriod());
    ac = new Autocorrelation(config.autocorrelationPeriod());
    ou = new OuHalfLife(config.ouHalfLifePeriod());
    ns = new NormalizedSlope(config.slopePeriod(), config.atrPeriod());
    bb = new BollingerBandwidth(config.bollingerPeriod(), config.bollingerDeviations());
    bwHistory = new double[config.bandwidthLookback() + 1];
    java.util.Arrays.fill(bwHistory, Double.NaN);
  }

  /**
   * Feeds the next closed candle to all six metrics.
   *
   * @param high the high, finite and {@code > 0}
   * @param low the low, finite, {@code > 0} and {@code <= high}
   * @param close the close, finite and {@code > 0}
   * @throws io.github.mmsdk.api.InvalidCandleException naming the candle's index ({@link #count()})
   *     when it is invalid; nothing is changed then
   */
  public void update(double high, double low, double close) {
    Inputs.check(count, high, low, close);
    count++;
    lastClose = close;
    adx.accept(high, low, close);
    er.accept(close);
    double y = Math.log(close);
    ac.acceptLog(y);
    ou.acceptLog(y);
    ns.accept(high, low, close);
    bb.accept(close);
    bwHistory[bwPos] = bb.valueOr(Double.NaN);
    bwPos = bwPos + 1 == bwHistory.length ? 0 : bwPos + 1;
  }

  /** {@return how many candles were fed} */
  public long count() {
    return count;
  }

  double lastClose() {
    return lastClose;
  }

  /**
   * One of the six metrics, to read (feeding it directly would desynchronise the set).
   *
   * @param id the metric
   * @return its streaming instance
   */
  public StreamingMetric metric(MetricId id) {
    switch (id) {
      case ADX:
        return adx;
      case EFFICIENCY_RATIO:
        return er;
      case AUTOCORRELATION:
        return ac;
      case OU_HALF_LIFE:
        return ou;
      case NORMALIZED_SLOPE:
        return ns;
      default:
        return bb;
    }
  }

  /**
   * Whether a metric has a value now.
   *
   * @param id the metric
   * @return true when available
   */
  public boolean isAvailable(MetricId id) {
    return metric(id).isAvailable();
  }

  /**
   * A metric's value now.
   *
   * @param id the metric
   * @return the value, or empty when unavailable
   */
  public OptionalDouble value(MetricId id) {
    return metric(id).value();
  }

  /**
   * A metric's value now, without allocation.
   *
   * @param id the metric
   * @param fallback what to return when unavailable
   * @return the value or {@code fallback}
   */
  public double valueOr(MetricId id, double fallback) {
    return metric(id).valueOr(fallback);
  }

  /** {@return how many of the six have a value now} */
  public int availableCount() {
    int c = 0;
    for (MetricId id : IDS) {
      if (metric(id).isAvailable()) {
        c++;
      }
    }
    return c;
  }

  double rawValue(MetricId id) {
    return metric(id).valueOr(Double.NaN);
  }

  /**
   * Bandwidth now over bandwidth {@code bandwidthLookback} bars ago; NaN when either is missing.
   */
  double bandwidthExpansion() {
    // bwPos points at the oldest entry: the value lookback bars before the newest
    double then = bwHistory[bwPos];
    double now = bb.valueOr(Double.NaN);
    if (Double.isNaN(then) || Double.isNaN(now) || !(then > 0)) {
      return Double.NaN;
    }
    return now / then;
  }

  /** The vote of an available metric. */
  Vote vote(MetricId id) {
    RegimeConfig c = config;
    double v = rawValue(id);
    switch (id) {
      case ADX:
        return v > c.adxTrend() ? Vote.TREND : v < c.adxRange() ? Vote.RANGE : Vote.NEUTRAL;
      case EFFICIENCY_RATIO:
        return v >= c.efficiencyRatioTrend()
            ? Vote.TREND
            : v <= c.efficiencyRatioRange() ? Vote.RANGE : Vote.NEUTRAL;
      case AUTOCORRELATION:
        return v >= c.autocorrelationTrend()
            ? Vote.TREND
            : v <= c.autocorrelationRange() ? Vote.RANGE : Vote.NEUTRAL;
      case OU_HALF_LIFE:
        return v >= c.halfLifeTrend()
            ? Vote.TREND
            : v <= c.halfLifeRange() ? Vote.RANGE : Vote.NEUTRAL;
      case NORMALIZED_SLOPE:
        double a = Math.abs(v);
        return a >= c.slopeTrend() ? Vote.TREND : a <= c.slopeRange() ? Vote.RANGE : Vote.NEUTRAL;
      default:
        double x = bandwidthExpansion();
        if (Double.isNaN(x)) {
          return Vote.NEUTRAL;
        }
        return x >= c.bandwidthExpansionTrend()
            ? Vote.TREND
            : x <= c.bandwidthExpansionRange() ? Vote.RANGE : Vote.NEUTRAL;
    }
  }

  /** Packs (available, range votes, trend votes) without allocation: a + 8·r + 64·t. */
  int tally() {
    int a = 0;
    int r = 0;
    int t = 0;
    for (MetricId id : IDS) {
      if (metric(id).isAvailable()) {
        a++;
        Vote v = vote(id);
        if (v == Vote.RANGE) {
          r++;
        } else if (v == Vote.TREND) {
          t++;
        }
      }
    }
    return a + 8 * r + 64 * t;
  }

  /** Forgets every candle. */
  public void reset() {
    count = 0;
    lastClose = 0;
    adx.reset();
    er.reset();
    ac.reset();
    ou.reset();
    ns.reset();
    bb.reset();
    java.util.Arrays.fill(bwHistory, Double.NaN);
    bwPos = 0;
  }
}
