package io.github.mmsdk.api.decision;

import io.github.mmsdk.api.CandleSeries;
import java.time.Instant;

/**
 * Grades a decision once a horizon has passed: what would following its recommendation have earned
 * or avoided? Implementations are thread-safe and do no I/O.
 */
public interface DecisionGrader {

  /**
   * Grades a decision at a horizon.
   *
   * @param decision the decision
   * @param horizon the horizon, already passed
   * @param pathSinceDecision closed candles from the decision time to at least the horizon
   * @param at the grading time
   * @return the evaluation to append
   */
  EvaluationRecord grade(
      DecisionRecord decision,
      EvaluationHorizon horizon,
      CandleSeries pathSinceDecision,
      Instant at);
}
