package io.github.mmsdk.regime;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InsufficientDataException;
import io.github.mmsdk.api.InvalidCandleException;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.regime.RegimeEngine;
import io.github.mmsdk.api.regime.RegimeInput;
import io.github.mmsdk.api.regime.RegimeState;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link RegimeEngine} for decisions every hour over a long history (backtests, live loops): it
 * keeps a {@link RegimeTracker} per symbol and feeds it only the candles it has not seen.
 *
 * <p>When an input's candles extend the ones the symbol's tracker saw last (the last two candles it
 * fed are present with the same open times and prices, and the same holds for the 4h confirmation
 * series when one is supplied), only the newer candles are fed: O(new candles) per evaluation.
 * Otherwise (first call, another history, an earlier decision time, a confirmation series appearing
 * or disappearing) the tracker is rebuilt exactly as {@link DefaultRegimeEngine} builds its fresh
 * one, from the last {@link RegimeConfig#primaryLookback()} 1h and {@link
 * RegimeConfig#confirmationLookback()} 4h candles, so the first evaluation equals {@link
 * DefaultRegimeEngine}'s and later ones differ only through the start of the recursive ADX/ATR
 * (below 1e-4 after 170 candles, see {@link RegimeTracker}).
 *
 * <p>Thread-safe: evaluations of one symbol are serialised, different symbols run in parallel.
 * Memory grows with the number of symbols seen (one fixed-size tracker each).
 */
public final class IncrementalRegimeEngine implements RegimeEngine {

  private final RegimeConfig config;
  private final DefaultRegimeEngine fallback;
  private final ConcurrentHashMap<Symbol, State> states = new ConcurrentHashMap<>();

  /** Creates the engine with the default configuration. */
  public IncrementalRegimeEngine() {
    this(RegimeConfig.defaults());
  }

  /**
   * Creates the engine.
   *
   * @param config windows, thresholds and gap policy
   */
  public IncrementalRegimeEngine(RegimeConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.fallback = new DefaultRegimeEngine(config);
  }

  /** {@return the configuration} */
  public RegimeConfig config() {
    return config;
  }

  /** {@return how many times a tracker was rebuilt from scratch, over all symbols} */
  public long rebuilds() {
    long n = 0;
    for (State s : states.values()) {
      synchronized (s) {
        n += s.rebuilds;
      }
    }
    return n;
  }

  /**
   * {@inheritDoc}
   *
   * @throws InvalidCandleException as {@link DefaultRegimeEngine#evaluate}
   * @throws InvalidConfigurationException when the primary series is not 1h or the confirmation
   *     series not 4h
   */
  @Override
  public RegimeState evaluate(RegimeInput input) {
    CandleSeries primary = input.primary();
    if (primary.timeframe() != Timeframe.H1) {
      throw new InvalidConfigurationException(
          "regime.primary", "the primary timeframe is 1h, got " + primary.timeframe().label());
    }
    CandleSeries seen = primary.upTo(input.asOf());
    if (seen.isEmpty()) {
      throw new InsufficientDataException("1h candles", 1, 0);
    }
    CandleSeries seen4 = null;
    Optional<CandleSeries> confirmation = input.confirmation();
    if (confirmation.isPresent() && !confirmation.get().isEmpty()) {
      CandleSeries four = confirmation.get();
      if (four.timeframe() != Timeframe.H4) {
        throw new InvalidConfigurationException(
            "regime.confirmation", "the confirmation timeframe is 4h, got " + four.timeframe());
      }
      seen4 = four.upTo(input.asOf());
      if (seen4.isEmpty()) {
        seen4 = null;
      }
    }
    State state = states.computeIfAbsent(input.symbol(), k -> new State(config));
    synchronized (state) {
      try {
        int next1 = state.h1.resumeAt(seen);
        int next4 = seen4 == null ? -1 : state.h4.resumeAt(seen4);
        boolean extend =
            next1 >= 0 && (seen4 == null ? !state.external : state.external && next4 >= 0);
        if (extend) {
          if (seen4 != null) {
            feed4(state, seen4, next4);
          }
          feed1(state, seen, next1);
        } else {
          state.rebuild();
          if (seen4 != null) {
            state.external = true;
            feed4(state, seen4, Math.max(0, seen4.size() - config.confirmationLookback()));
          }
          feed1(state, seen, Math.max(0, seen.size() - config.primaryLookback()));
        }
      } catch (InvalidCandleException e) {
        state.invalidate();
        // the fresh engine names the candle by its index in the input, as callers expect
        return fallback.evaluate(input);
      }
      return state.tracker.evaluate(
          new RegimeContext.Builder()
              .symbol(input.symbol())
              .grid(input.grid())
              .previousVerdict(input.previousVerdict())
              .lastVerdictChange(input.lastVerdictChange())
              .evaluateGates(input.evaluateGates())
              .build());
    }
  }

  private static void feed1(State state, CandleSeries s, int from) {
    for (int i = from; i < s.size(); i++) {
      state.tracker.update(
          s.openTimeMillis(i), s.open(i), s.high(i), s.low(i), s.close(i), s.volume(i));
      state.h1.fed(s, i);
    }
  }

  private static void feed4(State state, CandleSeries s, int from) {
    for (int i = from; i < s.size(); i++) {
      state.tracker.updateConfirmation(
          s.openTimeMillis(i), s.open(i), s.high(i), s.low(i), s.close(i), s.volume(i));
      state.h4.fed(s, i);
    }
  }

  /** One symbol's tracker and what it last fed. Guarded by its own monitor. */
  private static final class State {
    final RegimeTracker tracker;
    final Seen h1 = new Seen();
    final Seen h4 = new Seen();
    boolean external;
    long rebuilds;

    State(RegimeConfig config) {
      this.tracker = new RegimeTracker(config);
    }

    void rebuild() {
      tracker.reset();
      h1.clear();
      h4.clear();
      external = false;
      rebuilds++;
    }

    void invalidate() {
      h1.clear();
      h4.clear();
    }
  }

  /** The last two candles fed of one timeframe. */
  private static final class Seen {
    private final long[] time = new long[2];
    private final double[][] ohlcv = new double[2][5];
    private int count;

    void clear() {
      count = 0;
    }

    void fed(CandleSeries s, int i) {
      time[0] = time[1];
      System.arraycopy(ohlcv[1], 0, ohlcv[0], 0, 5);
      time[1] = s.openTimeMillis(i);
      double[] v = ohlcv[1];
      v[0] = s.open(i);
      v[1] = s.high(i);
      v[2] = s.low(i);
      v[3] = s.close(i);
      v[4] = s.volume(i);
      count = Math.min(2, count + 1);
    }

    /**
     * The index in {@code s} of the first candle not yet fed, when {@code s} holds the last candles
     * fed unchanged; -1 otherwise.
     */
    int resumeAt(CandleSeries s) {
      if (count == 0) {
        return -1;
      }
      int last = s.indexOf(time[1]);
      if (last < 0 || !same(s, last, 1)) {
        return -1;
      }
      if (count == 2
          && (last == 0 || s.openTimeMillis(last - 1) != time[0] || !same(s, last - 1, 0))) {
        return -1;
      }
      return last + 1;
    }

    private boolean same(CandleSeries s, int i, int slot) {
      double[] v = ohlcv[slot];
      return Double.compare(s.open(i), v[0]) == 0
          && Double.compare(s.high(i), v[1]) == 0
          && Double.compare(s.low(i), v[2]) == 0
          && Double.compare(s.close(i), v[3]) == 0
          && Double.compare(s.volume(i), v[4]) == 0;
    }
  }
}
