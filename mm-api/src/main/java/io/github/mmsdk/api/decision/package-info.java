/**
 * Recommendations and the decision records that keep them: the {@link
 * io.github.mmsdk.api.decision.GridManager} contract, decision, operator-action and evaluation
 * records, and the {@link io.github.mmsdk.api.decision.DecisionGrader} that grades decisions after
 * 24 h, 72 h and 7 d.
 */
package io.github.mmsdk.api.decision;
