package io.github.mmsdk.api.decision;

import java.time.Duration;

/** When a decision is graded after it was made (seed Req 14). */
public enum EvaluationHorizon {
  /** 24 hours. */
  H24(Duration.ofHours(24)),
  /** 72 hours. */
  H72(Duration.ofHours(72)),
  /** 7 days. */
  D7(Duration.ofDays(7));

  private final Duration after;

  EvaluationHorizon(Duration after) {
    this.after = after;
  }

  /** {@return how long after the decision the grade is made} */
  public Duration after() {
    return after;
  }
}
