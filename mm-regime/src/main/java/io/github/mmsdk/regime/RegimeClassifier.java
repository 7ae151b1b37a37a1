package io.github.mmsdk.regime;

import io.github.mmsdk.api.regime.RegimeVerdict;
import java.util.Objects;

/**
 * Turns vote counts into verdicts and combines the 1h verdict with the 4h confirmation.
 *
 * <p><b>One timeframe</b>, with {@code a} available metrics, {@code r} RANGE and {@code t} TREND
 * votes: TREND when {@code t ≥ trendVoteShare·a} and {@code t > r}; RANGE_OK when {@code r ≥
 * rangeOkVoteShare·a} and {@code t ≤ rangeOkMaxTrendVotes}; RANGE_WEAK when {@code r > t};
 * otherwise TRANSITION.
 *
 * <p><b>Combination</b> (1h primary, 4h confirmation): a 1h TREND stays TREND. A 1h range verdict
 * is kept when the 4h view is a range too, except that RANGE_OK with a 4h RANGE_WEAK stays
 * RANGE_OK; a 4h TRANSITION lowers RANGE_OK to RANGE_WEAK and RANGE_WEAK to TRANSITION; a 4h TREND
 * lowers any range to TRANSITION. A 1h TRANSITION becomes TREND when the 4h view is TREND and stays
 * TRANSITION otherwise. Without a 4h view, a 1h RANGE_OK is lowered to RANGE_WEAK (unconfirmed) and
 * the rest is kept. Instances are immutable and thread-safe.
 */
public final class RegimeClassifier {

  private final RegimeConfig config;

  /**
   * Creates a classifier.
   *
   * @param config the thresholds
   */
  public RegimeClassifier(RegimeConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * The verdict of one timeframe from its vote counts.
   *
   * @param available the number of available metrics, at least 1
   * @param rangeVotes how many vote RANGE
   * @param trendVotes how many vote TREND
   * @return the verdict
   */
  public RegimeVerdict verdict(int available, int rangeVotes, int trendVotes) {
    if (trendVotes > rangeVotes && trendVotes >= config.trendVoteShare() * available) {
      return RegimeVerdict.TREND;
    }
    if (rangeVotes >= config.rangeOkVoteShare() * available
        && trendVotes <= config.rangeOkMaxTrendVotes()
        && rangeVotes > 0) {
      return RegimeVerdict.RANGE_OK;
    }
    if (rangeVotes > trendVotes) {
      return RegimeVerdict.RANGE_WEAK;
    }
    return RegimeVerdict.TRANSITION;
  }

  /**
   * Combines the primary verdict with the confirmation verdict.
   *
   * @param primary the 1h verdict
   * @param confirmation the 4h verdict, or {@code null} when the 4h view is unavailable
   * @return the combined verdict
   */
  public static RegimeVerdict combine(RegimeVerdict primary, RegimeVerdict confirmation) {
    if (confirmation == null) {
      return primary == RegimeVerdict.RANGE_OK ? RegimeVerdict.RANGE_WEAK : primary;
    }
    switch (primary) {
      case TREND:
        return RegimeVerdict.TREND;
      case TRANSITION:
        return confirmation == RegimeVerdict.TREND ? RegimeVerdict.TREND : RegimeVerdict.TRANSITION;
      case RANGE_OK:
        if (confirmation.isRange()) {
          return RegimeVerdict.RANGE_OK;
        }
        return confirmation == RegimeVerdict.TRANSITION
            ? RegimeVerdict.RANGE_WEAK
            : RegimeVerdict.TRANSITION;
      default: // RANGE_WEAK
        return confirmation.isRange() ? RegimeVerdict.RANGE_WEAK : RegimeVerdict.TRANSITION;
    }
  }
}
