package io.github.mmsdk.api.exchange;

import io.github.mmsdk.api.Candle;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;

/**
 * Live closed candles. Implementations reconnect by themselves and fill any gap from history, so a
 * listener sees every closed candle once, in order.
 */
public interface CandleStream {

  /**
   * Subscribes to the closed candles of a pair.
   *
   * @param symbol the pair
   * @param timeframe the candle interval
   * @param listener receives each closed candle once, in order, on the stream's thread
   * @return the subscription; close it to stop
   */
  Subscription subscribe(Symbol symbol, Timeframe timeframe, Listener listener);

  /** Receives candles from a {@link CandleStream}. */
  interface Listener {
    /**
     * Called once for every closed candle, in ascending order.
     *
     * @param candle the closed candle
     */
    void onCandle(Candle candle);

    /**
     * Called when the stream fails and will not recover by itself.
     *
     * @param error the failure
     */
    default void onError(ExchangeException error) {}
  }

  /** A live subscription. */
  interface Subscription extends AutoCloseable {
    /** Stops the subscription; idempotent. */
    @Override
    void close();
  }
}
