package io.github.mmsdk.api.regime;

/**
 * Classifies the market regime of a symbol.
 *
 * <p>Implementations are thread-safe and do no I/O. With at least four of the six metrics available
 * the engine degrades (and says which are missing); with fewer it refuses.
 */
public interface RegimeEngine {

  /**
   * Evaluates the regime at {@link RegimeInput#asOf()}, seeing no candle that closes later.
   *
   * @param input the candles and context
   * @return the regime state
   * @throws io.github.mmsdk.api.InsufficientDataException when fewer than four metrics can be
   *     computed
   */
  RegimeState evaluate(RegimeInput input);
}
