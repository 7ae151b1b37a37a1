package io.github.mmsdk.backtest;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.regime.RegimeVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Computes the regime-side KPIs (docs/kpis.md) from the verdicts a run recorded and the price path.
 *
 * <p>Ground truth, labelled after the fact from 1h candles: a <em>breakout</em> at the close of
 * candle {@code i} when the prior 72 candles formed a range (high-low width at most 10 % of its
 * midpoint), candle {@code i} closes outside it, and the close 24 candles later is still outside on
 * the same side; a later breakout counts only 72 hours after the previous one. A <em>warning</em>
 * is a decision whose verdict is TRANSITION or TREND; the early-action window of a breakout is its
 * time minus the earliest warning in the 24 hours before it, and it is warned "two hours ahead"
 * when that window is at least 2 h. Its time to detect is the delay to the first TREND verdict at
 * or after it, when within 48 h.
 */
public final class KpiCalculator {

  private static final int RANGE_HOURS = 72;
  private static final int CONFIRM_HOURS = 24;
  private static final double MAX_RANGE_WIDTH = 0.10;
  private static final Duration LOOKBACK = Duration.ofHours(24);
  private static final Duration AHEAD = Duration.ofHours(2);
  private static final Duration DETECT_WITHIN = Duration.ofHours(48);

  private KpiCalculator() {}

  /**
   * The breakouts in a period, labelled from the price path (see the class comment).
   *
   * @param candles 1h candles reaching 72 h before {@code from} and 24 h after {@code to}
   * @param from first breakout time, inclusive
   * @param to last breakout time, inclusive
   * @return their times (close of the breakout candle), in order
   * @throws InvalidConfigurationException when the candles are not 1h
   */
  public static List<Instant> breakouts(CandleSeries candles, Instant from, Instant to) {
    if (candles.timeframe() != Timeframe.H1) {
      throw new InvalidConfigurationException("kpi.candles", "1h candles are required");
    }
    List<Instant> out = new ArrayList<>();
    long next = Long.MIN_VALUE;
    for (int i = RANGE_HOURS; i + CONFIRM_HOURS < candles.size(); i++) {
      long t = candles.closeTimeMillis(i);
      if (t < from.toEpochMilli() || t > to.toEpochMilli() || t < next) {
        continue;
      }
      double hi = Double.NEGATIVE_INFINITY;
      double lo = Double.POSITIVE_INFINITY;
      for (int j = i - RANGE_HOURS; j < i; j++) {
        hi = Math.max(hi, candles.high(j));
        lo = Math.min(lo, candles.low(j));
      }
      if ((hi - lo) / ((hi + lo) / 2) > MAX_RANGE_WIDTH) {
        continue;
      }
      double c = candles.close(i);
      double later = candles.close(i + CONFIRM_HOURS);
      boolean up = c > hi && later > hi;
      boolean down = c < lo && later < lo;
      if (up || down) {
        out.add(Instant.ofEpochMilli(t));
        next = t + Duration.ofHours(RANGE_HOURS).toMillis();
      }
    }
    return out;
  }

  /**
   * The verdict timeline of some decisions.
   *
   * @param decisions decisions of one symbol
   * @return each decision time's verdict, in time order
   */
  public static NavigableMap<Instant, RegimeVerdict> verdicts(
      Collection<DecisionRecord> decisions) {
    NavigableMap<Instant, RegimeVerdict> m = new TreeMap<>();
    for (DecisionRecord d : decisions) {
      m.put(d.metadata().observedAt(), d.regime().verdict());
    }
    return m;
  }

  /**
   * The regime-side KPIs over a period.
   *
   * @param candles 1h candles (see {@link #breakouts})
   * @param verdicts the verdict at every decision time
   * @param from first breakout time, inclusive
   * @param to last breakout time, inclusive
   * @return the KPIs
   */
  public static RegimeKpis regimeKpis(
      CandleSeries candles,
      NavigableMap<Instant, RegimeVerdict> verdicts,
      Instant from,
      Instant to) {
    List<Instant> breakouts = breakouts(candles, from, to);
    List<Duration> windows = new ArrayList<>();
    List<Duration> detections = new ArrayList<>();
    int warned = 0;
    for (Instant b : breakouts) {
      Optional<Duration> window = Optional.empty();
      for (Map.Entry<Instant, RegimeVerdict> e :
          verdicts.subMap(b.minus(LOOKBACK), true, b, true).entrySet()) {
        if (isWarning(e.getValue())) {
          window = Optional.of(Duration.between(e.getKey(), b));
          break;
        }
      }
      if (window.isPresent() && window.get().compareTo(AHEAD) >= 0) {
        warned++;
        windows.add(window.get());
      }
      for (Map.Entry<Instant, RegimeVerdict> e :
          verdicts.subMap(b, true, b.plus(DETECT_WITHIN), true).entrySet()) {
        if (e.getValue() == RegimeVerdict.TREND) {
          detections.add(Duration.between(b, e.getKey()));
          break;
        }
      }
    }
    return new RegimeKpis.Builder()
        .breakouts(breakouts.size())
        .warnedTwoHoursAhead(warned)
        .detected(detections.size())
        .medianWarningWindow(median(windows))
        .medianTimeToDetect(median(detections))
        .build();
  }

  private static boolean isWarning(RegimeVerdict v) {
    return v == RegimeVerdict.TRANSITION || v == RegimeVerdict.TREND;
  }

  private static Optional<Duration> median(List<Duration> values) {
    if (values.isEmpty()) {
      return Optional.empty();
    }
    List<Duration> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return Optional.of(sorted.get(sorted.size() / 2));
  }
}
