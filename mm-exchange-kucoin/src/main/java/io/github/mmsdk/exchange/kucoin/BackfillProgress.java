package io.github.mmsdk.exchange.kucoin;

import java.time.Instant;

/** Receives the progress of {@link KuCoinExchange#backfill}. */
@FunctionalInterface
public interface BackfillProgress {
  /** A listener that ignores progress. */
  BackfillProgress NONE = (done, total, reached) -> {};

  /**
   * Called after each page of candles.
   *
   * @param pagesDone pages fetched so far
   * @param pagesTotal pages the range needs
   * @param reachedTo the open time up to which candles are loaded (exclusive)
   */
  void onPage(int pagesDone, int pagesTotal, Instant reachedTo);
}
