package io.github.mmsdk.benchmarks.regime;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.regime.MetricId;
import io.github.mmsdk.api.regime.RegimeInput;
import io.github.mmsdk.api.regime.RegimeState;
import io.github.mmsdk.api.regime.RegimeVerdict;
import io.github.mmsdk.regime.Adx;
import io.github.mmsdk.regime.Autocorrelation;
import io.github.mmsdk.regime.BollingerBandwidth;
import io.github.mmsdk.regime.DefaultRegimeEngine;
import io.github.mmsdk.regime.EfficiencyRatio;
import io.github.mmsdk.regime.NormalizedSlope;
import io.github.mmsdk.regime.OuHalfLife;
import io.github.mmsdk.regime.RegimeContext;
import io.github.mmsdk.regime.RegimeMetrics;
import io.github.mmsdk.regime.RegimeTracker;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Streaming and decision-point costs: the six metrics per new candle, the tracker per new candle
 * (six 1h metrics + 4h aggregation and six 4h metrics), a full evaluation at a decision point, the
 * allocation-free verdict, and a cold start of the engine from 500 hourly candles.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StreamingRegimeBenchmark {

  static final int N = RegimeData.SIZE;

  private double[] high;
  private double[] low;
  private double[] close;
  private double[] open;
  private long[] time;
  private long pass;
  private Adx adx;
  private EfficiencyRatio er;
  private Autocorrelation ac;
  private OuHalfLife ou;
  private NormalizedSlope ns;
  private BollingerBandwidth bb;
  private RegimeMetrics six;
  private RegimeTracker streaming;
  private RegimeTracker warmed;
  private RegimeContext context;
  private DefaultRegimeEngine engine;
  private RegimeInput cold;

  /** Loads the candles and warms a tracker on 1000 of them (not measured). */
  @Setup
  public void setup() {
    CandleSeries s = RegimeData.hourly();
    high = s.highs();
    low = s.lows();
    close = s.closes();
    open = new double[N];
    time = new long[N];
    for (int i = 0; i < N; i++) {
      open[i] = s.open(i);
      time[i] = s.openTimeMillis(i);
    }
    adx = new Adx();
    er = new EfficiencyRatio();
    ac = new Autocorrelation();
    ou = new OuHalfLife();
    ns = new NormalizedSlope();
    bb = new BollingerBandwidth();
    six = new RegimeMetrics();
    streaming = new RegimeTracker();
    warmed = new RegimeTracker();
    warmed.updateAll(s.slice(0, 1000));
    context = RegimeContext.of(Symbol.of("BTC", "USDT"));
    engine = new DefaultRegimeEngine();
    CandleSeries last500 = s.slice(1000, 1500);
    cold =
        new RegimeInput.Builder()
            .symbol(s.symbol())
            .asOf(Instant.ofEpochMilli(last500.closeTimeMillis(499)))
            .primary(last500)
            .build();
    if (s.timeframe() != Timeframe.H1) {
      throw new IllegalStateException("1h expected");
    }
  }

  /**
   * The six metrics updated together per candle ({@link RegimeMetrics}: one validation, one log),
   * read once per pass. One operation = one candle.
   *
   * @return a value so the work is not eliminated
   */
  @Benchmark
  @OperationsPerInvocation(N)
  public double sixMetricsPerCandle() {
    RegimeMetrics m = six;
    for (int i = 0; i < N; i++) {
      m.update(high[i], low[i], close[i]);
    }
    double acc = 0;
    for (MetricId id : MetricId.values()) {
      acc += m.valueOr(id, 0);
    }
    return acc;
  }

  /**
   * The six metrics updated and all six values read after every candle. One operation = one candle.
   *
   * @return a value so the work is not eliminated
   */
  @Benchmark
  @OperationsPerInvocation(N)
  public double sixMetricsPerCandleWithReads() {
    RegimeMetrics m = six;
    double acc = 0;
    for (int i = 0; i < N; i++) {
      m.update(high[i], low[i], close[i]);
      acc +=
          m.valueOr(MetricId.ADX, 0)
              + m.valueOr(MetricId.EFFICIENCY_RATIO, 0)
              + m.valueOr(MetricId.AUTOCORRELATION, 0)
              + m.valueOr(MetricId.OU_HALF_LIFE, 0)
              + m.valueOr(MetricId.NORMALIZED_SLOPE, 0)
              + m.valueOr(MetricId.BOLLINGER_BANDWIDTH, 0);
    }
    return acc;
  }

  /**
   * The six public metric classes fed one by one (each validates and takes its own log).
   *
   * @return a value so the work is not eliminated
   */
  @Benchmark
  @OperationsPerInvocation(N)
  public double sixSeparateMetricsPerCandle() {
    for (int i = 0; i < N; i++) {
      double h = high[i];
      double l = low[i];
      double c = close[i];
      adx.update(h, l, c);
      er.update(h, l, c);
      ac.update(h, l, c);
      ou.update(h, l, c);
      ns.update(h, l, c);
      bb.update(h, l, c);
    }
    return adx.valueOr(0)
        + er.valueOr(0)
        + ac.valueOr(0)
        + ns.valueOr(0)
        + bb.valueOr(0)
        + ou.valueOr(0);
  }

  /**
   * The tracker per candle: validation, gap policy, six 1h metrics, 4h aggregation and the six 4h
   * metrics when a bucket completes. One operation = one candle.
   *
   * @return the candle count so the work is not eliminated
   */
  @Benchmark
  @OperationsPerInvocation(N)
  public long trackerPerCandle() {
    long shift = pass++ * (long) N * 3_600_000L;
    RegimeTracker t = streaming;
    for (int i = 0; i < N; i++) {
      t.update(time[i] + shift, open[i], high[i], low[i], close[i], 1);
    }
    return t.count();
  }

  /** {@return the full state at one decision point from streaming state} */
  @Benchmark
  public RegimeState evaluateDecisionPoint() {
    return warmed.evaluate(context);
  }

  /** {@return the allocation-free verdict at one decision point} */
  @Benchmark
  public RegimeVerdict verdictDecisionPoint() {
    return warmed.verdict();
  }

  /** {@return the engine evaluated from 500 hourly candles, from nothing} */
  @Benchmark
  public RegimeState coldStartFrom500Candles() {
    return engine.evaluate(cold);
  }
}
