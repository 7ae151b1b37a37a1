package io.github.mmsdk.api.decision;

/** What a recommendation asks of the operator, by confidence band (docs/recommendations.md). */
public enum Escalation {
  /** Only recorded. */
  RECORD_ONLY,
  /** Recorded and sent to the operator for information. */
  NOTIFY,
  /** Recorded, sent, and waiting for the operator's approval before anything is done. */
  REQUIRE_APPROVAL
}
