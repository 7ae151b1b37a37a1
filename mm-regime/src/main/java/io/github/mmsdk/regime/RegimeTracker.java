package io.github.mmsdk.regime;

import io.github.mmsdk.api.Candle;
import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InsufficientDataException;
import io.github.mmsdk.api.InvalidCandleException;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.Spacing;
import io.github.mmsdk.api.regime.ConfidencePenalty;
import io.github.mmsdk.api.regime.MetricId;
import io.github.mmsdk.api.regime.MetricVote;
import io.github.mmsdk.api.regime.RegimeState;
import io.github.mmsdk.api.regime.RegimeVerdict;
import io.github.mmsdk.api.regime.TimeframeView;
import io.github.mmsdk.api.regime.Vote;
import io.github.mmsdk.regime.internal.Fmt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The streaming regime engine: feed closed 1h candles as they come, evaluate at any decision point
 * without recomputing history.
 *
 * <p>Holds the six metrics for 1h and for 4h. The 4h candles are aggregated from the 1h ones
 * (buckets at 00, 04, …, 20 UTC; a bucket is fed to the 4h metrics when its last hour arrives, see
 * {@link CandleAggregator}) unless the caller supplies them with {@link #updateConfirmation}. Gaps
 * follow {@link RegimeConfig#gapPolicy()}. Each {@link #update} is O(1), fixed memory and allocates
 * nothing; {@link #verdict()} allocates nothing; {@link #evaluate} builds the full {@link
 * RegimeState} (votes, 4h view, reasons, penalties, gates).
 *
 * <p>The metrics are recursive from the first candle fed; after about 170 candles the start no
 * longer matters to 1e-4 (see {@link Adx}). Not thread-safe: one tracker per symbol and thread.
 */
public final class RegimeTracker {

  private static final long H1 = Timeframe.H1.millis();
  private static final long H4 = Timeframe.H4.millis();

  private final RegimeConfig config;
  private final RegimeClassifier classifier;
  private final RestartGates gates;
  private final RegimeMetrics h1;
  private final RegimeMetrics h4;
  private final CandleAggregator.Bucket bucket;
  private boolean externalConfirmation;
  private long inputs;
  private long lastOpen;
  private double lastClose;
  private long confirmationInputs;
  private long lastOpen4h;
  private long view4Key = -1;
  private TimeframeView view4;
  private String reason4 = "";

  /** Creates a tracker with the default configuration. */
  public RegimeTracker() {
    this(RegimeConfig.defaults());
  }

  /**
   * Creates a tracker.
   *
   * @param config windows, thresholds and gap policy
   */
  public RegimeTracker(RegimeConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.classifier = new RegimeClassifier(config);
    this.gates = new RestartGates(config);
    this.h1 = new RegimeMetrics(config);
    this.h4 = new RegimeMetrics(config);
    RegimeMetrics four = h4;
    this.bucket = new CandleAggregator.Bucket((t, o, h, l, c, v) -> four.update(h, l, c));
  }

  /** {@return the configuration} */
  public RegimeConfig config() {
    return config;
  }

  /**
   * Feeds the next closed 1h candle.
   *
   * @param openTimeMillis its open time in epoch milliseconds, on the hour and after the previous
   * @param open open price
   * @param high high price
   * @param low low price
   * @param close close price
   * @param volume base volume
   * @throws InvalidCandleException naming the candle's index (the number of candles fed before it)
   *     when it is invalid, out of order, or after a gap the gap policy refuses; the tracker is
   *     unchanged then
   */
  public void update(
      long openTimeMillis, double open, double high, double low, double close, double volume) {
    validate(inputs, openTimeMillis, H1, open, high, low, close, volume);
    if (inputs > 0) {
      if (openTimeMillis <= lastOpen) {
        throw order(inputs, openTimeMillis, lastOpen);
      }
      long missing = (openTimeMillis - lastOpen) / H1 - 1;
      if (missing > 0) {
        GapPolicy p = config.gapPolicy();
        if (p == GapPolicy.REJECT
            || (p == GapPolicy.FORWARD_FILL && missing > config.maxForwardFill())) {
          throw GapPolicy.gap(inputs, missing, lastOpen, p == GapPolicy.REJECT);
        }
        if (p == GapPolicy.FORWARD_FILL) {
          double f = lastClose;
          for (long t = lastOpen + H1; t < openTimeMillis; t += H1) {
            feed(t, f, f, f, f, 0);
          }
        }
      }
    }
    inputs++;
    feed(openTimeMillis, open, high, low, close, volume);
  }

  private void feed(long t, double o, double h, double l, double c, double v) {
    h1.update(h, l, c);
    if (!externalConfirmation) {
      bucket.add(t, o, h, l, c, v);
    }
    lastOpen = t;
    lastClose = c;
  }

  /**
   * Feeds the next closed 1h candle.
   *
   * @param candle the candle
   * @throws InvalidCandleException as {@link #update(long, double, double, double, double, double)}
   */
  public void update(Candle candle) {
    update(
        candle.openTime().toEpochMilli(),
        candle.open(),
        candle.high(),
        candle.low(),
        candle.close(),
        candle.volume());
  }

  /**
   * Feeds every candle of a 1h series in order.
   *
   * @param hourly 1h candles later than the last one fed
   * @throws InvalidConfigurationException when the series is not 1h
   * @throws InvalidCandleException as {@link #update(long, double, double, double, double, double)}
   */
  public void updateAll(CandleSeries hourly) {
    if (hourly.timeframe() != Timeframe.H1) {
      throw new InvalidConfigurationException(
          "regime.primary", "the primary timeframe is 1h, got " + hourly.timeframe().label());
    }
    for (int i = 0; i < hourly.size(); i++) {
      update(
          hourly.openTimeMillis(i),
          hourly.open(i),
          hourly.high(i),
          hourly.low(i),
          hourly.close(i),
          hourly.volume(i));
    }
  }

  /**
   * Feeds the next closed 4h confirmation candle supplied by the caller. From the first call on, 4h
   * candles are no longer aggregated from the 1h ones (anything aggregated so far is dropped). Gaps
   * between 4h candles are ignored.
   *
   * @param openTimeMillis its open time, on the 4h UTC grid and after the previous one
   * @param open open price
   * @param high high price
   * @param low low price
   * @param close close price
   * @param volume base volume
   * @throws InvalidCandleException naming the 4h candle's index when it is invalid or out of order
   */
  public void updateConfirmation(
      long openTimeMillis, double open, double high, double low, double close, double volume) {
    validate(confirmationInputs, openTimeMillis, H4, open, high, low, close, volume);
    if (confirmationInputs > 0 && openTimeMillis <= lastOpen4h) {
      throw order(confirmationInputs, openTimeMillis, lastOpen4h);
    }
    if (!externalConfirmation) {
      externalConfirmation = true;
      h4.reset();
      bucket.clear();
    }
    confirmationInputs++;
    lastOpen4h = openTimeMillis;
    h4.update(high, low, close);
  }

  /**
   * Feeds every candle of a 4h series in order (see {@link #updateConfirmation}).
   *
   * @param fourHourly 4h candles
   * @throws InvalidConfigurationException when the series is not 4h
   * @throws InvalidCandleException as {@link #updateConfirmation}
   */
  public void updateConfirmationAll(CandleSeries fourHourly) {
    if (fourHourly.timeframe() != Timeframe.H4) {
      throw new InvalidConfigurationException(
          "regime.confirmation", "the confirmation timeframe is 4h, got " + fourHourly.timeframe());
    }
    for (int i = 0; i < fourHourly.size(); i++) {
      updateConfirmation(
          fourHourly.openTimeMillis(i),
          fourHourly.open(i),
          fourHourly.high(i),
          fourHourly.low(i),
          fourHourly.close(i),
          fourHourly.volume(i));
    }
  }

  private static void validate(
      long index, long t, long step, double o, double h, double l, double c, double v) {
    Inputs.check(index, h, l, c);
    int i = (int) Math.min(index, Integer.MAX_VALUE);
    if (!(o > 0) || o == Double.POSITIVE_INFINITY) {
      throw new InvalidCandleException(i, "open", "must be finite and > 0, was " + o);
    }
    if (h < Math.max(o, c) || l > Math.min(o, c)) {
      throw new InvalidCandleException(i, "high", "high/low do not enclose open and close");
    }
    if (!(v >= 0) || v == Double.POSITIVE_INFINITY) {
      throw new InvalidCandleException(i, "volume", "must be finite and >= 0, was " + v);
    }
    if (Math.floorMod(t, step) != 0) {
      throw new InvalidCandleException(
          i, "openTime", Instant.ofEpochMilli(t) + " is not on the " + (step / H1) + "h grid");
    }
  }

  private static InvalidCandleException order(long index, long t, long previous) {
    return new InvalidCandleException(
        (int) Math.min(index, Integer.MAX_VALUE),
        "openTime",
        Instant.ofEpochMilli(t)
            + (t == previous ? " duplicates" : " is before")
            + " the previous candle's "
            + Instant.ofEpochMilli(previous));
  }

  /** {@return how many 1h candles were fed (not counting forward-filled ones)} */
  public long count() {
    return inputs;
  }

  /** {@return the close time of the last 1h candle fed, if any} */
  public Optional<Instant> asOf() {
    return inputs == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lastOpen + H1));
  }

  /**
   * The 1h value of one metric.
   *
   * @param metric the metric
   * @return its value, or empty when unavailable
   */
  public OptionalDouble metric(MetricId metric) {
    return h1.metric(metric).value();
  }

  /** {@return the 1h ATR as a percentage of the last close, when available} */
  public OptionalDouble atrPercent() {
    double a = h1.ns.atr().valueOr(Double.NaN);
    return Double.isNaN(a) ? OptionalDouble.empty() : OptionalDouble.of(100 * a / lastClose);
  }

  /**
   * The combined verdict now, without allocation: the hot path of backtests.
   *
   * @return the verdict
   * @throws InsufficientDataException when fewer than {@link RegimeConfig#minMetrics()} 1h metrics
   *     are available
   */
  public RegimeVerdict verdict() {
    int t1 = h1.tally();
    int a = t1 & 7;
    if (a < config.minMetrics()) {
      throw new InsufficientDataException("regime metrics", config.minMetrics(), a);
    }
    RegimeVerdict v1 = classifier.verdict(a, (t1 >> 3) & 7, t1 >> 6);
    return RegimeClassifier.combine(v1, confirmationVerdict());
  }

  private RegimeVerdict confirmationVerdict() {
    int t4 = h4.tally();
    int a4 = t4 & 7;
    return a4 >= config.minMetrics() ? classifier.verdict(a4, (t4 >> 3) & 7, t4 >> 6) : null;
  }

  /**
   * Evaluates the regime at the last candle fed.
   *
   * <p><b>Confidence</b> (seed 001 Req 3): base {@code 0.5 + 0.5·agreement}, where agreement is the
   * share of the available 1h metrics voting with the verdict (RANGE votes for a range verdict,
   * TREND votes for TREND, {@code 1 − |range − trend|/available} for TRANSITION); minus every
   * penalty that applies, each listed with its reason: {@code missing_metrics} (per unavailable 1h
   * metric), {@code confirmation_missing} or {@code confirmation_disagrees} (4h view), {@code
   * recent_regime_change} (the verdict changes now, or changed less than {@link
   * RegimeConfig#recentChangeWindow()} ago), {@code position_outside_grid} or {@code
   * position_near_bounds}, {@code grid_maturity} (running less than {@link
   * RegimeConfig#gridMaturity()}) and {@code spacing_vs_volatility} (level spacing outside {@link
   * RegimeConfig#spacingMinAtr()}–{@link RegimeConfig#spacingMaxAtr()} 1h ATRs); clamped to [0,
   * {@link RegimeConfig#confidenceCap()}] (0.95).
   *
   * @param context the symbol and the context of the penalties and gates
   * @return the full state
   * @throws InsufficientDataException when fewer than {@link RegimeConfig#minMetrics()} 1h metrics
   *     are available
   */
  public RegimeState evaluate(RegimeContext context) {
    int t1 = h1.tally();
    int a = t1 & 7;
    int r = (t1 >> 3) & 7;
    int t = t1 >> 6;
    if (a < config.minMetrics()) {
      throw new InsufficientDataException("regime metrics", config.minMetrics(), a);
    }
    Instant asOf = Instant.ofEpochMilli(lastOpen + H1);
    RegimeVerdict v1 = classifier.verdict(a, r, t);
    RegimeVerdict v4 = confirmationVerdict();
    RegimeVerdict verdict = RegimeClassifier.combine(v1, v4);

    RegimeState.Builder b = new RegimeState.Builder().symbol(context.symbol()).asOf(asOf);
    Map<MetricId, Double> metrics = new EnumMap<>(MetricId.class);
    List<String> missing = new ArrayList<>(2);
    for (MetricId id : RegimeMetrics.IDS) {
      if (h1.isAvailable(id)) {
        double v = h1.rawValue(id);
        metrics.put(id, v);
        b.addVote(vote(h1, id, v));
      } else {
        missing.add(id.key());
        b.putUnavailable(id, cause(h1, id));
      }
    }
    b.putAllMetrics(metrics);
    b.addReason(
        "1h votes: "
            + r
            + " range, "
            + (a - r - t)
            + " neutral, "
            + t
            + " trend of "
            + a
            + " -> "
            + v1);
    if (!missing.isEmpty()) {
      b.addReason(
          "degraded: " + a + " of 6 metrics available, missing " + String.join(", ", missing));
    }
    refreshConfirmationView();
    if (view4 != null) {
      b.confirmation(view4);
    }
    b.addReason(reason4);
    b.addReason("verdict " + verdict + " (1h " + v1 + ", 4h " + (v4 == null ? "none" : v4) + ")");

    // confidence: agreement-based base, then the penalties, capped
    double share;
    if (verdict.isRange()) {
      share = (double) r / a;
    } else if (verdict == RegimeVerdict.TREND) {
      share = (double) t / a;
    } else {
      share = 1 - (double) Math.abs(r - t) / a;
    }
    double base = 0.5 + 0.5 * share;
    b.addReason(
        "confidence base " + Fmt.num(base, 2) + " from " + Fmt.num(share * 100, 0) + "% agreement");
    List<ConfidencePenalty> penalties = penalties(context, asOf, verdict, v4, a, missing);
    double c = base;
    for (ConfidencePenalty p : penalties) {
      c -= p.amount();
    }
    c = Math.max(0, Math.min(config.confidenceCap(), c));
    b.addAllPenalties(penalties).verdict(verdict).confidence(c);
    if (context.evaluateGates()) {
      b.gates(gates.evaluate(metrics, atrPercent()));
    }
    return b.build();
  }

  private List<ConfidencePenalty> penalties(
      RegimeContext ctx,
      Instant asOf,
      RegimeVerdict verdict,
      RegimeVerdict v4,
      int available,
      List<String> missing) {
    List<ConfidencePenalty> out = new ArrayList<>(4);
    if (!missing.isEmpty()) {
      out.add(
          ConfidencePenalty.of(
              "missing_metrics",
              config.missingMetricPenalty() * missing.size(),
              available + " of 6 metrics available; missing " + String.join(", ", missing)));
    }
    if (v4 == null) {
      out.add(
          ConfidencePenalty.of(
              "confirmation_missing",
              config.confirmationMissingPenalty(),
              "no 4h confirmation (too few 4h candles)"));
    } else if (!(v4 == verdict || (v4.isRange() && verdict.isRange()))) {
      out.add(
          ConfidencePenalty.of(
              "confirmation_disagrees",
              config.confirmationDisagreementPenalty(),
              "4h view " + v4 + " differs from " + verdict));
    }
    Optional<RegimeVerdict> prev = ctx.previousVerdict();
    if (prev.isPresent() && prev.get() != verdict) {
      out.add(
          ConfidencePenalty.of(
              "recent_regime_change",
              config.recentChangePenalty(),
              "verdict changes now from " + prev.get() + " to " + verdict));
    } else if (ctx.lastVerdictChange().isPresent()) {
      Duration since = Duration.between(ctx.lastVerdictChange().get(), asOf);
      if (since.compareTo(config.recentChangeWindow()) < 0) {
        out.add(
            ConfidencePenalty.of(
                "recent_regime_change",
                config.recentChangePenalty(),
                "regime changed "
                    + Math.max(0, since.toHours())
                    + " h ago (< "
                    + config.recentChangeWindow().toHours()
                    + " h)"));
      }
    }
    if (ctx.grid().isPresent()) {
      gridPenalties(ctx.grid().get(), asOf, out);
    }
    return out;
  }

  private void gridPenalties(GridConfig g, Instant asOf, List<ConfidencePenalty> out) {
    double lower = g.lowerPrice().doubleValue();
    double upper = g.upperPrice().doubleValue();
    double price = lastClose;
    double width = upper - lower;
    if (price < lower || price > upper) {
      out.add(
          ConfidencePenalty.of(
              "position_outside_grid",
              config.outsideGridPenalty(),
              "price "
                  + Fmt.num(price, 4)
                  + " outside the grid ["
                  + g.lowerPrice()
                  + ", "
                  + g.upperPrice()
                  + "]"));
    } else {
      double d = Math.min(price - lower, upper - price) / width;
      if (d < config.nearBoundsFraction()) {
        out.add(
            ConfidencePenalty.of(
                "position_near_bounds",
                config.nearBoundsPenalty(),
                "price "
                    + Fmt.num(price, 4)
                    + " within "
                    + Fmt.num(d * 100, 1)
                    + "% of the grid width from a bound (< "
                    + Fmt.num(config.nearBoundsFraction() * 100, 0)
                    + "%)"));
      }
    }
    Optional<Instant> since = g.runningSince();
    if (since.isPresent()) {
      Duration age = Duration.between(since.get(), asOf);
      if (age.compareTo(config.gridMaturity()) < 0) {
        out.add(
            ConfidencePenalty.of(
                "grid_maturity",
                config.gridMaturityPenalty(),
                "grid running for "
                    + Math.max(0, age.toHours())
                    + " h (< "
                    + config.gridMaturity().toHours()
                    + " h)"));
      }
    }
    double atr = h1.ns.atr().valueOr(Double.NaN);
    if (!Double.isNaN(atr) && atr > 0) {
      int steps = g.levels() - 1;
      double spacing =
          g.spacing() == Spacing.GEOMETRIC
              ? price * (Math.pow(upper / lower, 1.0 / steps) - 1)
              : width / steps;
      double ratio = spacing / atr;
      if (ratio < config.spacingMinAtr() || ratio > config.spacingMaxAtr()) {
        out.add(
            ConfidencePenalty.of(
                "spacing_vs_volatility",
                config.spacingPenalty(),
                "grid spacing is "
                    + Fmt.num(ratio, 2)
                    + " x the 1h ATR (outside "
                    + Fmt.num(config.spacingMinAtr(), 2)
                    + "-"
                    + Fmt.num(config.spacingMaxAtr(), 2)
                    + ")"));
      }
    }
  }

  private static String cause(RegimeMetrics bank, MetricId id) {
    StreamingMetric m = bank.metric(id);
    if (m.count() <= m.firstOutputIndex()) {
      return "warming up: " + m.count() + " candles, needs " + (m.firstOutputIndex() + 1);
    }
    return id == MetricId.OU_HALF_LIFE
        ? "undefined on this window (zero variance or regression slope <= -1)"
        : "undefined on this window (zero denominator or zero variance)";
  }

  private MetricVote vote(RegimeMetrics bank, MetricId id, double v) {
    Vote vote = bank.vote(id);
    RegimeConfig c = config;
    String reason;
    switch (id) {
      case ADX:
        reason = explain("adx", v, vote, c.adxRange(), c.adxTrend(), 1);
        break;
      case EFFICIENCY_RATIO:
        reason =
            explain(
                "efficiency_ratio", v, vote, c.efficiencyRatioRange(), c.efficiencyRatioTrend(), 3);
        break;
      case AUTOCORRELATION:
        reason =
            explain(
                "autocorrelation", v, vote, c.autocorrelationRange(), c.autocorrelationTrend(), 3);
        break;
      case OU_HALF_LIFE:
        reason = explain("ou_half_life", v, vote, c.halfLifeRange(), c.halfLifeTrend(), 1);
        break;
      case NORMALIZED_SLOPE:
        reason =
            explain("abs_normalized_slope", Math.abs(v), vote, c.slopeRange(), c.slopeTrend(), 3);
        break;
      default:
        double x = bank.bandwidthExpansion();
        reason =
            Double.isNaN(x)
                ? "bollinger_bandwidth " + Fmt.num(v, 4) + ": no expansion baseline yet (neutral)"
                : "bollinger_bandwidth "
                    + Fmt.num(v, 4)
                    + ", expansion x"
                    + Fmt.num(x, 2)
                    + " over "
                    + c.bandwidthLookback()
                    + " bars "
                    + explainTail(
                        vote, c.bandwidthExpansionRange(), c.bandwidthExpansionTrend(), 2);
        break;
    }
    return MetricVote.of(id, v, vote, reason);
  }

  private static String explain(
      String name, double v, Vote vote, double range, double trend, int decimals) {
    return name + " " + Fmt.num(v, decimals) + " " + explainTail(vote, range, trend, decimals);
  }

  private static String explainTail(Vote vote, double range, double trend, int decimals) {
    switch (vote) {
      case TREND:
        return "beyond trend threshold " + Fmt.num(trend, decimals) + " (trend)";
      case RANGE:
        return "within range threshold " + Fmt.num(range, decimals) + " (range)";
      default:
        return "between "
            + Fmt.num(range, decimals)
            + " and "
            + Fmt.num(trend, decimals)
            + " (neutral)";
    }
  }

  /** The 4h view changes only when a 4h candle arrives: built once per 4h candle. */
  private void refreshConfirmationView() {
    long c = h4.count() + (externalConfirmation ? 1L << 40 : 0);
    if (c == view4Key) {
      return;
    }
    view4Key = c;
    int t4 = h4.tally();
    int a4 = t4 & 7;
    if (a4 < config.minMetrics()) {
      view4 = null;
      reason4 =
          "4h confirmation unavailable: " + a4 + " of 6 metrics from " + h4.count() + " 4h candles";
      return;
    }
    int r4 = (t4 >> 3) & 7;
    int tt4 = t4 >> 6;
    RegimeVerdict v4 = classifier.verdict(a4, r4, tt4);
    TimeframeView.Builder vb = new TimeframeView.Builder().timeframe(Timeframe.H4).verdict(v4);
    for (MetricId id : RegimeMetrics.IDS) {
      if (h4.isAvailable(id)) {
        double v = h4.rawValue(id);
        vb.putMetric(id, v);
        vb.addVote(vote(h4, id, v));
      }
    }
    view4 = vb.build();
    reason4 =
        "4h votes: "
            + r4
            + " range, "
            + (a4 - r4 - tt4)
            + " neutral, "
            + tt4
            + " trend of "
            + a4
            + " -> "
            + v4;
  }

  /** Forgets every candle; the tracker is as new. */
  public void reset() {
    view4Key = -1;
    view4 = null;
    h1.reset();
    h4.reset();
    bucket.clear();
    externalConfirmation = false;
    inputs = 0;
    lastOpen = 0;
    lastClose = 0;
    confirmationInputs = 0;
    lastOpen4h = 0;
  }
}
