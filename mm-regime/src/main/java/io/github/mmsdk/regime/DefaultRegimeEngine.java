package io.github.mmsdk.regime;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InsufficientDataException;
import io.github.mmsdk.api.InvalidCandleException;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.regime.RegimeEngine;
import io.github.mmsdk.api.regime.RegimeInput;
import io.github.mmsdk.api.regime.RegimeState;
import java.util.Objects;
import java.util.Optional;

/**
 * The default {@link RegimeEngine}: replays the latest candles into a fresh {@link RegimeTracker}
 * and evaluates it.
 *
 * <p>Per evaluation it sees only candles closed at {@link RegimeInput#asOf()} and replays the last
 * {@link RegimeConfig#primaryLookback()} (1000) 1h candles, and the last {@link
 * RegimeConfig#confirmationLookback()} (250) 4h candles when they are supplied (otherwise the 4h
 * candles are aggregated from the replayed 1h ones). The cost is therefore bounded (about 0.1 ms
 * for 1000 candles) whatever history the input carries. For a decision every hour over a long
 * history, keep a {@link RegimeTracker} and feed it instead: its result differs from this engine's
 * only through the start of the recursive ADX/ATR, which has decayed below 1e-4 after 170 candles.
 *
 * <p>Stateless and thread-safe.
 */
public final class DefaultRegimeEngine implements RegimeEngine {

  private final RegimeConfig config;

  /** Creates the engine with the default configuration. */
  public DefaultRegimeEngine() {
    this(RegimeConfig.defaults());
  }

  /**
   * Creates the engine.
   *
   * @param config windows, thresholds and gap policy
   */
  public DefaultRegimeEngine(RegimeConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** {@return the configuration} */
  public RegimeConfig config() {
    return config;
  }

  /**
   * {@inheritDoc}
   *
   * @throws InvalidCandleException naming the index in {@link RegimeInput#primary()} (or in the
   *     confirmation series) of a candle after a gap the {@link RegimeConfig#gapPolicy()} refuses
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
    int from = Math.max(0, seen.size() - config.primaryLookback());
    RegimeTracker tracker = new RegimeTracker(config);
    Optional<CandleSeries> confirmation = input.confirmation();
    if (confirmation.isPresent() && !confirmation.get().isEmpty()) {
      CandleSeries four = confirmation.get();
      if (four.timeframe() != Timeframe.H4) {
        throw new InvalidConfigurationException(
            "regime.confirmation", "the confirmation timeframe is 4h, got " + four.timeframe());
      }
      CandleSeries seen4 = four.upTo(input.asOf());
      int from4 = Math.max(0, seen4.size() - config.confirmationLookback());
      try {
        tracker.updateConfirmationAll(seen4.slice(from4, seen4.size()));
      } catch (InvalidCandleException e) {
        throw shifted(e, from4);
      }
    }
    try {
      tracker.updateAll(seen.slice(from, seen.size()));
    } catch (InvalidCandleException e) {
      throw shifted(e, from);
    }
    return tracker.evaluate(
        new RegimeContext.Builder()
            .symbol(input.symbol())
            .grid(input.grid())
            .previousVerdict(input.previousVerdict())
            .lastVerdictChange(input.lastVerdictChange())
            .evaluateGates(input.evaluateGates())
            .build());
  }

  private static InvalidCandleException shifted(InvalidCandleException e, int offset) {
    if (offset == 0) {
      return e;
    }
    String msg = e.getMessage();
    int colon = msg.indexOf(": ");
    String problem = msg.substring(colon + 2 + e.field().length() + 1);
    InvalidCandleException s = new InvalidCandleException(e.index() + offset, e.field(), problem);
    s.initCause(e);
    return s;
  }
}
