package io.github.mmsdk.api.decision;

import java.util.List;

/**
 * Turns a regime, exit assessments and capital into recommendations under the capital, risk,
 * cooldown and timeout rules. Implementations are thread-safe and do no I/O.
 */
public interface GridManager {

  /**
   * Recommends actions for one symbol at one decision time.
   *
   * @param context what to decide from
   * @return the recommendations, one per grid concerned; empty when there is nothing to say
   */
  List<Recommendation> recommend(RecommendationContext context);
}
