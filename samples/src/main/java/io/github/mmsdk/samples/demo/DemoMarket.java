package io.github.mmsdk.samples.demo;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic synthetic market: the same seed always gives the same candles, so the README's
 * main command works on any machine without network, and tests can rely on the regime switches.
 *
 * <p>The path cycles through phases with known regimes: a quiet range (mean-reverting log price),
 * an up-trend, a second range, a sharp breakout down, a weak range and a slow down-trend. Each
 * phase lasts {@link #PHASE_HOURS} hours; finer timeframes subdivide the same path. The first cycle
 * of six phases ends about 3.6 times lower than it started; every later cycle's trends are balanced
 * (the up-trend climbs as far as the two down moves fall), so years of candles stay near that level
 * instead of drifting to zero.
 */
public final class DemoMarket {

  /** The regime a phase of the demo market was generated with. */
  public enum Phase {
    /** Mean-reverting around a level. */
    RANGE,
    /** Steady drift up. */
    TREND_UP,
    /** Fast move down. */
    BREAKOUT_DOWN,
    /** Mean-reverting with wider noise. */
    WEAK_RANGE,
    /** Slow drift down. */
    TREND_DOWN
  }

  /** How long each phase lasts, in hours. */
  public static final int PHASE_HOURS = 240;

  private static final Phase[] CYCLE = {
    Phase.RANGE,
    Phase.TREND_UP,
    Phase.RANGE,
    Phase.BREAKOUT_DOWN,
    Phase.WEAK_RANGE,
    Phase.TREND_DOWN
  };

  private DemoMarket() {}

  /**
   * The phase the market is in at an hour offset from its start.
   *
   * @param hour hours since the start
   * @return the phase
   */
  public static Phase phaseAt(long hour) {
    return CYCLE[(int) ((hour / PHASE_HOURS) % CYCLE.length)];
  }

  /**
   * The phases of the first {@code hours} hours, one entry per phase start.
   *
   * @param start the first candle's open time
   * @param hours how many hours
   * @return (start time, phase) pairs in order
   */
  public static List<PhaseStart> phases(Instant start, int hours) {
    List<PhaseStart> out = new ArrayList<>();
    for (int h = 0; h < hours; h += PHASE_HOURS) {
      out.add(new PhaseStart(start.plus(Duration.ofHours(h)), phaseAt(h)));
    }
    return out;
  }

  /**
   * When a phase starts, and which.
   *
   * @param at the first candle of the phase
   * @param phase the phase
   */
  public record PhaseStart(Instant at, Phase phase) {}

  /**
   * Generates candles.
   *
   * @param symbol the pair
   * @param timeframe 1m, 5m, 15m or 1h (finer than an hour subdivides the hourly path)
   * @param start the first open time, on the timeframe's grid
   * @param count how many candles
   * @param seed the random seed
   * @return the candles
   */
  public static CandleSeries generate(
      Symbol symbol, Timeframe timeframe, Instant start, int count, long seed) {
    long stepMillis = timeframe.millis();
    double perHour = 3_600_000.0 / stepMillis;
    double scale = Math.sqrt(1.0 / perHour);
    SplittableRandom rnd = new SplittableRandom(seed);
    CandleSeries.Builder b = CandleSeries.builder(symbol, timeframe, count);
    double level = Math.log(2000.0);
    double logPrice = level;
    long t = timeframe.floorMillis(start.toEpochMilli());
    Phase previous = null;
    for (int i = 0; i < count; i++) {
      long hour = (long) (i / perHour);
      Phase phase = phaseAt(hour);
      if (phase != previous && (phase == Phase.RANGE || phase == Phase.WEAK_RANGE)) {
        level = logPrice; // a new range forms where the last move ended
      }
      previous = phase;
      double drift;
      double vol;
      double pull;
      // the first cycle of phases falls by a factor of ~3.6; later cycles rise as much as they
      // fall, so that years of demo candles stay at a tradable price
      boolean later = hour >= (long) PHASE_HOURS * CYCLE.length;
      switch (phase) {
        case TREND_UP -> {
          drift = later ? 0.0052 : 0.0025;
          vol = 0.004;
          pull = 0;
        }
        case BREAKOUT_DOWN -> {
          drift = later ? -0.004 : -0.006;
          vol = 0.009;
          pull = 0;
        }
        case TREND_DOWN -> {
          drift = later ? -0.0012 : -0.0018;
          vol = 0.005;
          pull = 0;
        }
        case WEAK_RANGE -> {
          drift = 0;
          vol = 0.007;
          pull = 0.06;
        }
        default -> {
          drift = 0;
          vol = 0.004;
          pull = 0.12;
        }
      }
      double open = Math.exp(logPrice);
      double step =
          drift / perHour + pull / perHour * (level - logPrice) + vol * scale * gaussian(rnd);
      logPrice += step;
      double close = Math.exp(logPrice);
      double wick = vol * scale * Math.abs(gaussian(rnd)) * 0.6;
      double high = Math.max(open, close) * (1 + wick);
      double low = Math.min(open, close) * (1 - vol * scale * Math.abs(gaussian(rnd)) * 0.6);
      double volume = (50 + 30 * Math.abs(gaussian(rnd))) / perHour;
      b.add(t, round(open), round(high), round(low), round(close), round(volume));
      t += stepMillis;
    }
    return b.build();
  }

  /** Two decimals, like an exchange's price increment; keeps records readable. */
  private static double round(double v) {
    return Math.max(0.01, Math.round(v * 100) / 100.0);
  }

  private static double gaussian(SplittableRandom rnd) {
    // Box-Muller; SplittableRandom keeps the sequence reproducible across JDKs
    double u = 1.0 - rnd.nextDouble();
    double v = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
