package io.github.mmsdk.benchmarks.exit;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.exit.ExitAssessment;
import io.github.mmsdk.api.exit.ExitHistory;
import io.github.mmsdk.api.exit.ExitInput;
import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.api.regime.MetricId;
import io.github.mmsdk.api.regime.RegimeState;
import io.github.mmsdk.api.regime.RegimeVerdict;
import io.github.mmsdk.api.regime.TimeframeView;
import io.github.mmsdk.exit.DefaultExitEvaluator;
import io.github.mmsdk.exit.ExitConfig;
import io.github.mmsdk.exit.ExitSession;
import io.github.mmsdk.grid.GridSimulator;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One exit evaluation per decision point: mm-exit's streaming {@link ExitSession#step} (triggers,
 * persistence, position risk from the streaming grid simulator, rate limits), the stateless {@link
 * DefaultExitEvaluator#evaluate} (replays 200 candles and builds the full assessment), and, as the
 * floor, the bare {@link GridSimulator#onCandle} on the same candles.
 *
 * <p>The path is a mean-reverting random walk of 4,096 1h candles inside a 1800-2200 grid of 21
 * levels (fixed seed), fed cyclically; {@code scenario} "normal" feeds a calm regime (the NORMAL
 * path), "warning" a regime whose WARNING consensus holds (the state stays WARNING, notifications
 * rate-limited). {@code regimeFeed} says whether every step sees the same regime instance or a new
 * one. One operation = one decision point.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class ExitEvaluationBenchmark {

  static final int CANDLES = 4096;
  static final Symbol ETH = Symbol.of("ETH", "USDT");
  static final long T0 = Instant.parse("2025-01-06T00:00:00Z").toEpochMilli();
  static final long HOUR = 3_600_000L;

  /** The regime fed at every decision point. */
  @Param({"normal", "warning"})
  public String scenario;

  /**
   * "same": one regime instance for every step (candles fed more often than the regime is
   * recomputed); "alternating": two equal instances in turn, so every step reads a new regime.
   */
  @Param({"same", "alternating"})
  public String regimeFeed;

  private final double[] open = new double[CANDLES];
  private final double[] high = new double[CANDLES];
  private final double[] low = new double[CANDLES];
  private final double[] close = new double[CANDLES];
  private GridConfig grid;
  private RegimeState regime;
  private RegimeState other;
  private RegimeState next;
  private ExitSession session;
  private GridSimulator simulator;
  private DefaultExitEvaluator evaluator;
  private ExitInput input;
  private long now;
  private int i;
  private boolean alternating;

  /** Builds the path, the grid, the regime and the stateless input. */
  @Setup(Level.Trial)
  public void setUp() {
    Random rnd = new Random(20261123L);
    double p = 2000;
    for (int k = 0; k < CANDLES; k++) {
      double o = p;
      double c = p * (1 + rnd.nextGaussian() * 0.004) + (2000 - p) * 0.05;
      c = Math.max(1860, Math.min(2140, c));
      open[k] = o;
      close[k] = c;
      high[k] = Math.max(o, c) * (1 + Math.abs(rnd.nextGaussian()) * 0.001);
      low[k] = Math.min(o, c) * (1 - Math.abs(rnd.nextGaussian()) * 0.001);
      p = c;
    }
    grid =
        new GridConfig.Builder()
            .id("eth-grid-1")
            .symbol(ETH)
            .lowerPrice(BigDecimal.valueOf(1800))
            .upperPrice(BigDecimal.valueOf(2200))
            .levels(21)
            .amountPerGrid(BigDecimal.valueOf(50))
            .profitPerGridPct(1.0)
            .stopLossPrice(BigDecimal.valueOf(1700))
            .allocation(BigDecimal.valueOf(1000))
            .addHistory(
                GridHistoryEntry.of(
                    Instant.ofEpochMilli(T0), GridHistoryEntry.Event.ENABLED, "bench", "start"))
            .build();
    boolean warning = scenario.equals("warning");
    alternating = regimeFeed.equals("alternating");
    Map<MetricId, Double> m = new EnumMap<>(MetricId.class);
    m.put(MetricId.ADX, warning ? 32.0 : 15.0);
    m.put(MetricId.EFFICIENCY_RATIO, warning ? 0.6 : 0.1);
    m.put(MetricId.AUTOCORRELATION, warning ? 0.1 : -0.2);
    m.put(MetricId.OU_HALF_LIFE, warning ? Double.POSITIVE_INFINITY : 10.0);
    m.put(MetricId.NORMALIZED_SLOPE, warning ? 0.2 : 0.01);
    m.put(MetricId.BOLLINGER_BANDWIDTH, warning ? 0.05 : 0.02);
    regime =
        new RegimeState.Builder()
            .symbol(ETH)
            .asOf(Instant.ofEpochMilli(T0))
            .verdict(warning ? RegimeVerdict.TRANSITION : RegimeVerdict.RANGE_OK)
            .confidence(0.8)
            .putAllMetrics(m)
            .confirmation(
                new TimeframeView.Builder()
                    .timeframe(Timeframe.H4)
                    .verdict(RegimeVerdict.RANGE_OK)
                    .putAllMetrics(m)
                    .build())
            .build();
    other = new RegimeState.Builder().from(regime).build();
    next = regime;
    CandleSeries.Builder b = CandleSeries.builder(ETH, Timeframe.H1, 200);
    for (int k = 0; k < 200; k++) {
      b.add(T0 + k * HOUR, open[k], high[k], low[k], close[k], 1);
    }
    CandleSeries path = b.build();
    evaluator = new DefaultExitEvaluator();
    ExitHistory history = ExitHistory.empty(grid.id());
    for (int k = 0; k < 48; k++) {
      ExitInput warm =
          new ExitInput.Builder()
              .asOf(Instant.ofEpochMilli(path.closeTimeMillis(150 + k)))
              .regime(regime)
              .grid(grid)
              .candles(path.slice(0, 151 + k))
              .history(history)
              .build();
      history = evaluator.evaluate(warm).history();
    }
    input =
        new ExitInput.Builder()
            .asOf(Instant.ofEpochMilli(path.closeTimeMillis(199)))
            .regime(regime)
            .grid(grid)
            .candles(path)
            .history(history)
            .build();
  }

  /** A fresh session and simulator per iteration, warmed over 200 candles. */
  @Setup(Level.Iteration)
  public void newSession() {
    session =
        ExitSession.start(
            ExitConfig.defaults(),
            grid,
            ExitHistory.empty(grid.id()),
            CandleSeries.empty(ETH, Timeframe.H1));
    simulator = GridSimulator.start(grid, 0.001, open[0]);
    now = T0;
    i = 0;
    for (int k = 0; k < 200; k++) {
      sessionStep();
      simulatorOnly();
    }
  }

  /**
   * One streaming decision point.
   *
   * @return the state
   */
  @Benchmark
  public ExitState sessionStep() {
    int k = i;
    i = (k + 1) & (CANDLES - 1);
    now += HOUR;
    RegimeState r = next;
    if (alternating) {
      next = r == regime ? other : regime;
    }
    return session.step(now, r, open[k], high[k], low[k], close[k]);
  }

  /**
   * The floor: the grid simulator alone on the same candle.
   *
   * @return the last price
   */
  @Benchmark
  public double simulatorOnly() {
    int k = i;
    i = (k + 1) & (CANDLES - 1);
    simulator.onCandle(open[k], high[k], low[k], close[k]);
    return simulator.lastPrice();
  }

  /**
   * The stateless evaluator: replays 200 candles and builds the full assessment and history.
   *
   * @return the assessment
   */
  @Benchmark
  public ExitAssessment statelessEvaluate() {
    return evaluator.evaluate(input);
  }
}
