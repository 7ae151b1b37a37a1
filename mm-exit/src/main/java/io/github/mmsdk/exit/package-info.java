/**
 * The exit engine: {@link io.github.mmsdk.exit.DefaultExitEvaluator} decides, for a running grid,
 * its tiered exit state (NORMAL, WARNING, LATEST_ACCEPTABLE_EXIT, MANDATORY_EXIT) from the regime
 * (1h with 4h confirmation), the grid and its simulated position, and the exit-state history.
 *
 * <p>Three triggers, one per level, list their conditions and thresholds ({@link
 * io.github.mmsdk.exit.ExitConfig} has every default); WARNING needs a consensus of several
 * independent conditions. Escalations need persistence over consecutive evaluations except for hard
 * conditions, de-escalations need a longer quiet spell (hysteresis), LATEST_ACCEPTABLE_EXIT carries
 * a deadline and escalates when it passes. Transitions follow a table of allowed edges:
 *
 * <pre>
 * NORMAL -&gt; WARNING, LATEST_ACCEPTABLE_EXIT, MANDATORY_EXIT (hard allowed)
 * WARNING -&gt; LATEST_ACCEPTABLE_EXIT, MANDATORY_EXIT (hard allowed), NORMAL (release)
 * LATEST_ACCEPTABLE_EXIT -&gt; MANDATORY_EXIT (persistence, hard, deadline), WARNING, NORMAL
 *     (release)
 * MANDATORY_EXIT -&gt; WARNING, NORMAL (release)
 * </pre>
 *
 * <p>Notifications are decided here (rate limits per state, escalations at once, Pushover
 * priorities) and delivered by a notifier. Computation only: no I/O, no clock reads.
 */
package io.github.mmsdk.exit;
