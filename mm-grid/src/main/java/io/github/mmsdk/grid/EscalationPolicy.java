package io.github.mmsdk.grid;

import io.github.mmsdk.api.decision.Escalation;
import io.github.mmsdk.api.decision.GridAction;

/**
 * The escalation rule (docs/recommendations.md): what a recommendation asks of the operator, by
 * action class and confidence band. Immutable and thread-safe.
 *
 * <table>
 *   <caption>Escalation by band</caption>
 *   <tr><th>action</th><th>LOW (&lt; 0.60)</th><th>MEDIUM [0.60, 0.80)</th><th>HIGH (≥ 0.80)</th></tr>
 *   <tr><td>HOLD</td><td>NOTIFY</td><td>RECORD_ONLY</td><td>RECORD_ONLY</td></tr>
 *   <tr><td>WAIT</td><td>RECORD_ONLY</td><td>RECORD_ONLY</td><td>RECORD_ONLY</td></tr>
 *   <tr><td>STOP_GRID, REDUCE</td><td>NOTIFY (REQUIRE_APPROVAL when urgent)</td>
 *       <td>REQUIRE_APPROVAL</td><td>NOTIFY, auto-executable</td></tr>
 *   <tr><td>CREATE_GRID</td><td>(never proposed)</td><td>REQUIRE_APPROVAL</td>
 *       <td>REQUIRE_APPROVAL</td></tr>
 * </table>
 *
 * <p>The band limits are {@link GridRulesConfig#minSetupConfidence()} and {@link
 * GridRulesConfig#normalSizingConfidence()}; a confidence equal to a limit belongs to the band
 * above it. "Urgent" means the exit evaluator is in MANDATORY_EXIT. Only risk-reducing actions can
 * be auto-executable, and only when {@link GridRulesConfig#autoExecuteRiskReduction()} is on.
 */
public final class EscalationPolicy {

  /** A confidence band. */
  public enum Band {
    /** Below the minimum setup confidence. */
    LOW,
    /** From the minimum setup confidence up to the normal sizing confidence (probationary). */
    MEDIUM,
    /** At or above the normal sizing confidence. */
    HIGH
  }

  private final GridRulesConfig rules;

  /**
   * Creates the policy.
   *
   * @param rules the rules giving the band limits
   */
  public EscalationPolicy(GridRulesConfig rules) {
    this.rules = rules;
  }

  /**
   * The band of a confidence.
   *
   * @param confidence the confidence
   * @return its band
   */
  public Band band(double confidence) {
    if (confidence >= rules.normalSizingConfidence()) {
      return Band.HIGH;
    }
    return confidence >= rules.minSetupConfidence() ? Band.MEDIUM : Band.LOW;
  }

  /**
   * What an action asks of the operator.
   *
   * @param action the action
   * @param confidence the confidence behind it
   * @param urgent whether the exit evaluator demands a mandatory exit
   * @return the escalation
   */
  public Escalation escalation(GridAction action, double confidence, boolean urgent) {
    Band band = band(confidence);
    switch (action) {
      case HOLD:
        return band == Band.LOW ? Escalation.NOTIFY : Escalation.RECORD_ONLY;
      case WAIT:
        return Escalation.RECORD_ONLY;
      case STOP_GRID:
      case REDUCE:
        if (band == Band.HIGH) {
          return Escalation.NOTIFY;
        }
        if (band == Band.MEDIUM || urgent) {
          return Escalation.REQUIRE_APPROVAL;
        }
        return Escalation.NOTIFY;
      default:
        return Escalation.REQUIRE_APPROVAL;
    }
  }

  /**
   * Whether an action may run without approval: only risk-reducing actions in the HIGH band, and
   * only when the rules allow it. Capital-deploying actions never.
   *
   * @param action the action
   * @param confidence the confidence behind it
   * @return whether it is auto-executable
   */
  public boolean autoExecutable(GridAction action, double confidence) {
    return action.reducesRisk()
        && rules.autoExecuteRiskReduction()
        && band(confidence) == Band.HIGH;
  }
}
