package io.github.mmsdk.exit;

import io.github.mmsdk.api.exit.ExitState;
import java.util.Arrays;

/** The outcome of the three triggers at one decision point, reused between evaluations. */
final class Evaluation {

  final boolean[] held = new boolean[Rule.COUNT];
  final double[] value = new double[Rule.COUNT];
  final double[] threshold = new double[Rule.COUNT];

  /** Conditions held per level, indexed by {@link ExitState#ordinal()}. */
  final int[] count = new int[ExitState.values().length];

  /** The most urgent level whose trigger fired. */
  ExitState signalled = ExitState.NORMAL;

  /** Whether a hard condition held (straight to MANDATORY_EXIT). */
  boolean hard;

  /**
   * Whether the sustained above-grid rule held: LATEST_ACCEPTABLE_EXIT without waiting for more
   * evaluations (the rule is itself a persistence over consecutive hours).
   */
  boolean sustained;

  void reset() {
    Arrays.fill(held, false);
    Arrays.fill(count, 0);
    signalled = ExitState.NORMAL;
    hard = false;
    sustained = false;
  }

  /**
   * Records a condition; an unavailable input ({@code NaN} value) never holds.
   *
   * @return whether it held
   */
  boolean record(Rule rule, double v, double t, boolean holds) {
    value[rule.ordinal()] = v;
    threshold[rule.ordinal()] = t;
    boolean h = holds && !Double.isNaN(v);
    if (h) {
      held[rule.ordinal()] = true;
      count[rule.level.ordinal()]++;
      hard |= rule.hard;
    }
    return h;
  }

  /** {@return the WARNING-level (consensus) conditions that held} */
  int warningCount() {
    return count[ExitState.WARNING.ordinal()];
  }

  /** {@return all conditions that held} */
  int total() {
    int t = 0;
    for (int c : count) {
      t += c;
    }
    return t;
  }
}
